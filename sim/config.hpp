#pragma once
// Config — typed, documented experiment parameters read from TOML files and --set overrides.
//
// An experiment declares a schema: every key with its type, default, unit, documentation and
// constraint. Loading a TOML file or a `key=value` override checks each key against the schema:
// an unknown key, a wrong type or a value outside its constraint is a plastica::Error naming the
// key, the value and where it came from ("file.toml:12", "--set"). There are no silent defaults
// for misspelled keys. Tables in TOML map to dotted keys: `[exc] tau_m = 20` is `exc.tau_m`.
#include <cstdint>
#include <limits>
#include <utility>

#include "sim/error.hpp"
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/distribution.hpp"

namespace plastica {

/// Value types a parameter can have.
enum class ParamType { number, integer, boolean, text, distribution };

/// One documented parameter of an experiment.
struct ParamSpec {
    std::string key;                 ///< dotted key, e.g. "exc.tau_m"
    ParamType type = ParamType::number;
    std::variant<double, std::int64_t, bool, std::string, Distribution> default_value;
    std::string unit;                ///< e.g. "ms", "mV", "nS", "" for dimensionless
    std::string doc;                 ///< one line
    std::optional<double> min;       ///< inclusive lower bound (numbers, integers)
    std::optional<double> max;       ///< inclusive upper bound
    bool min_exclusive = false;      ///< lower bound excluded (e.g. time constants > 0)
    std::vector<std::string> choices;  ///< allowed values of a text parameter

    // Builders that keep schemas short and readable.
    static ParamSpec number(std::string key, double def, std::string unit, std::string doc);
    static ParamSpec integer(std::string key, std::int64_t def, std::string unit, std::string doc);
    static ParamSpec boolean(std::string key, bool def, std::string doc);
    static ParamSpec text(std::string key, std::string def, std::vector<std::string> choices, std::string doc);
    static ParamSpec dist(std::string key, Distribution def, std::string unit, std::string doc);
    ParamSpec& positive() { min = 0; min_exclusive = true; return *this; }
    ParamSpec& at_least(double v) { min = v; min_exclusive = false; return *this; }
    ParamSpec& at_most(double v) { max = v; return *this; }
    ParamSpec& between(double lo, double hi) { min = lo; max = hi; min_exclusive = false; return *this; }
};

/// The parameters of one run: defaults from the schema, overridden by a TOML file, then by --set.
class Config {
public:
    using Value = std::variant<double, std::int64_t, bool, std::string, Distribution>;

    explicit Config(std::vector<ParamSpec> schema, std::string context = "config");

    /// Reads a TOML file; every key must be in the schema.
    void load_file(const std::string& path);
    /// Reads TOML text (used for tests and embedded defaults); `origin` names it in errors.
    void load_text(const std::string& text, const std::string& origin);
    /// Applies one `key=value` override; the value is TOML (strings may be unquoted).
    void set(const std::string& assignment);

    double number(const std::string& key) const;
    std::int64_t integer(const std::string& key) const;
    /// An integer key as type T (neuron counts, seeds, sizes): an Error naming the key, its value
    /// and its origin when the value does not fit T, never a silent narrowing.
    template <class T>
    T integer_as(const std::string& key) const {
        const std::int64_t v = integer(key);
        if (!std::in_range<T>(v))
            throw Error(origin(key), key, std::to_string(v),
                        "is out of range (at most " + std::to_string(std::numeric_limits<T>::max()) + ", at least " +
                            std::to_string(std::numeric_limits<T>::min()) + ")");
        return static_cast<T>(v);
    }
    bool boolean(const std::string& key) const;
    const std::string& text(const std::string& key) const;
    const Distribution& dist(const std::string& key) const;
    /// Whether the schema has `key`.
    bool has(const std::string& key) const { return values_.count(key) > 0; }
    /// The current value of `key` as TOML text.
    std::string text_of(const std::string& key) const;
    /// Where the current value of `key` came from ("default", "file.toml:3", "--set").
    const std::string& origin(const std::string& key) const;

    const std::vector<ParamSpec>& schema() const { return schema_; }
    /// An error raised while building from this config (naming a model parameter or a delay, say)
    /// turned into one that names the config key the user set and where (file and line, --set):
    /// the key itself when the user set it, otherwise a user-set key the message names (the
    /// v_th that makes a default v_reset invalid). Unchanged when no user-set key fits.
    Error blame(const Error& e) const;
    /// The effective configuration as TOML text (written into the output file's provenance).
    std::string to_toml() const;
    /// One line per key: key, default, unit, doc (for `plastica run X --help`).
    std::string help() const;

private:
    struct Entry {
        Value value;
        std::string origin;
    };
    const ParamSpec& spec(const std::string& key, const std::string& where) const;
    void assign(const std::string& key, Value v, const std::string& where);
    const Entry& entry(const std::string& key) const;
    std::vector<ParamSpec> schema_;
    std::map<std::string, Entry> values_;
    std::string context_;
};

/// The whole numbers of a comma-separated list ("256", "0, 1"; blanks and empty items skipped),
/// each in [lo, hi]; anything else is an Error naming `origin` and `key` that says `what` the
/// list must hold.
std::vector<std::int64_t> parse_int_list(const std::string& text, const std::string& origin, const std::string& key, std::int64_t lo,
                                         std::int64_t hi, const std::string& what);

/// Text form of a value as it would appear in TOML.
std::string value_text(const Config::Value& v);

}  // namespace plastica
