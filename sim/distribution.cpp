#include "sim/distribution.hpp"

#include <cmath>

#include "sim/check.hpp"

namespace plastica {

double Distribution::lowest() const {
    double lo = a;
    switch (kind) {
        case Kind::constant: lo = a; break;
        case Kind::uniform: lo = a; break;
        case Kind::normal: lo = b > 0 ? -INFINITY : a; break;
        case Kind::lognormal: lo = 0; break;
    }
    return std::max(lo, min);
}

double Distribution::highest() const {
    double hi = a;
    switch (kind) {
        case Kind::constant: hi = a; break;
        case Kind::uniform: hi = b; break;
        case Kind::normal: hi = b > 0 ? INFINITY : a; break;
        case Kind::lognormal: hi = INFINITY; break;
    }
    return std::min(hi, max);
}

void Distribution::validate(const std::string& where, const std::string& key) const {
    check::finite(where, key, a);
    switch (kind) {
        case Kind::constant: break;
        case Kind::uniform:
            check::finite(where, key + ".high", b);
            if (!(a <= b)) throw Error(where, key, describe(), "uniform needs low <= high");
            break;
        case Kind::normal: check::non_negative(where, key + ".sd", b); break;
        case Kind::lognormal: check::non_negative(where, key + ".sigma", b); break;
    }
    if (std::isnan(min) || std::isnan(max) || !(min <= max))
        throw Error(where, key, describe(), "needs min <= max");
}

std::string Distribution::describe() const {
    std::string s;
    switch (kind) {
        case Kind::constant: s = to_text(a); break;
        case Kind::uniform: s = "uniform(low=" + to_text(a) + ", high=" + to_text(b) + ")"; break;
        case Kind::normal: s = "normal(mean=" + to_text(a) + ", sd=" + to_text(b) + ")"; break;
        case Kind::lognormal: s = "lognormal(mu=" + to_text(a) + ", sigma=" + to_text(b) + ")"; break;
    }
    if (std::isfinite(min) || std::isfinite(max))
        s += " clipped to [" + to_text(min) + ", " + to_text(max) + "]";
    return s;
}

}  // namespace plastica
