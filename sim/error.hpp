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
          where_(std::move(where)), key_(std::move(key)), value_(std::move(value)), why_(why) {}

    const std::string& where() const { return where_; }
    const std::string& key() const { return key_; }
    const std::string& value() const { return value_; }
    const std::string& why() const { return why_; }

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
    std::string where_, key_, value_, why_;
};

/// A file could not be written or read back (a full disk, a device error): not the user's input,
/// so the CLI exits with 1 instead of 2.
class IoError : public Error {
public:
    explicit IoError(const std::string& message) : Error(message) {}
};

/// Formats a number the way it is shown in messages (shortest round-trip form).
inline std::string to_text(double v) {
    // The shortest precision (from 6 digits) that reads back as the same number; 17 always does.
    std::string s;
    for (int p = 6; p <= 17; ++p) {
        std::ostringstream os;
        os.precision(p);
        os << v;
        s = os.str();
        if (v != v || std::stod(s) == v) break;
    }
    return s;
}

}  // namespace plastica
