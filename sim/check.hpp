#pragma once
// Parameter checks shared by models, connectors and experiments. Each throws plastica::Error
// naming the key, the value and the context (population, projection or config position).
#include <cmath>
#include <string>

#include "sim/error.hpp"

namespace plastica::check {

inline void finite(const std::string& where, const std::string& key, double v) {
    if (!std::isfinite(v)) throw Error(where, key, to_text(v), "must be a finite number");
}
inline void positive(const std::string& where, const std::string& key, double v) {
    finite(where, key, v);
    if (!(v > 0)) throw Error(where, key, to_text(v), "must be > 0");
}
inline void non_negative(const std::string& where, const std::string& key, double v) {
    finite(where, key, v);
    if (!(v >= 0)) throw Error(where, key, to_text(v), "must be >= 0");
}
inline void in_range(const std::string& where, const std::string& key, double v, double lo, double hi) {
    finite(where, key, v);
    if (!(v >= lo && v <= hi))
        throw Error(where, key, to_text(v), "must be in [" + to_text(lo) + ", " + to_text(hi) + "]");
}

}  // namespace plastica::check
