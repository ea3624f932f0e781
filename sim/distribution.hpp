#pragma once
// Distribution — a scalar that is either a constant or drawn per element (initial values,
// weights, delays): constant, uniform(low, high), normal(mean, sd), lognormal(mu, sigma), each
// optionally clipped to [min, max] (values outside are set to the bound, PyNN's
// "clipped to boundary" convention).
#include <limits>
#include <string>

#include "sim/random.hpp"

namespace plastica {

/// A constant or a random distribution of one scalar, with optional clipping bounds.
struct Distribution {
    enum class Kind { constant, uniform, normal, lognormal };
    Kind kind = Kind::constant;
    double a = 0;  ///< constant: value; uniform: low; normal: mean; lognormal: mu (of log)
    double b = 0;  ///< uniform: high; normal: sd; lognormal: sigma (of log)
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();

    static Distribution constant(double v) { return {Kind::constant, v, 0}; }
    static Distribution uniform(double lo, double hi) { return {Kind::uniform, lo, hi}; }
    static Distribution normal(double mean, double sd) { return {Kind::normal, mean, sd}; }
    static Distribution lognormal(double mu, double sigma) { return {Kind::lognormal, mu, sigma}; }
    Distribution clipped(double lo, double hi) const {
        Distribution d = *this;
        d.min = lo;
        d.max = hi;
        return d;
    }

    bool is_constant() const { return kind == Kind::constant; }

    /// Draws one value (constant distributions draw nothing).
    double sample(RandomStream& rng) const {
        double v = a;
        switch (kind) {
            case Kind::constant: break;
            case Kind::uniform: v = a + (b - a) * rng.uniform(); break;
            case Kind::normal: v = a + b * rng.normal(); break;
            case Kind::lognormal: v = std::exp(a + b * rng.normal()); break;
        }
        return v < min ? min : (v > max ? max : v);
    }

    /// Smallest and largest value a draw can take (used to validate delays and conductances).
    double lowest() const;
    double highest() const;

    /// Checks parameters (finite, sd >= 0, low <= high, min <= max); throws Error naming `key`.
    void validate(const std::string& where, const std::string& key) const;

    /// Readable form, e.g. "normal(mean=-65, sd=5)".
    std::string describe() const;
};

}  // namespace plastica
