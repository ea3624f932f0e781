#pragma once
// plastica::Error — the one exception type for invalid input.
//
// Every invalid parameter, unknown name, malformed config or unreadable file is reported as an
// Error that names the offending item (key), its value, and where it came from (a config file
// and line, a --set argument, a population). The CLI prints what() on one line and exits 2.
#include <sstream>
#include <stdexcept>
#include <string>

namespace plastica {

/// Invalid input: carries the key, the offending value and where it came from.
class Error : public std::runtime_error {
public:
    /// A free-form message (used for I/O failures and the like).
    explicit Error(const std::string& message) : std::runtime_error(message) {}

    /// "<where>: <key> = <value>: <why>", e.g. "coba.toml:3: tau_m = -5: must be > 0".
    Error(std::string where, std::string key, std::string value, const std::string& why)
        : std::runtime_error(compose(where, key, value, why)),
          where_(std::move(where)), key_(std::move(key)), value_(std::move(value)) {}

    const std::string& where() const { return where_; }
    const std::string& key() const { return key_; }
    const std::string& value() const { return value_; }

private:
    static std::string compose(const std::string& where, const std::string& key,
                               const std::string& value, const std::string& why) {
        std::string s;
        if (!where.empty()) s += where + ": ";
        s += key;
        if (!value.empty()) s += " = " + value;
        s += ": " + why;
        return s;
    }
    std::string where_, key_, value_;
};

/// Formats a number the way it is shown in messages (shortest round-trip form).
inline std::string to_text(double v) {
    std::ostringstream os;
    os.precision(17);
    os << v;
    std::string s = os.str();
    // Prefer the short form when it round-trips.
    for (int p = 6; p < 17; ++p) {
        std::ostringstream o2;
        o2.precision(p);
        o2 << v;
        if (std::stod(o2.str()) == v || v != v) return o2.str();
    }
    return s;
}

}  // namespace plastica
