#pragma once
// WeightBounds — the range of a plastic weight and how an update depends on the weight.
//
// Following Gütig, Aharonov, Rotter & Sompolinsky 2003 (J. Neurosci. 23:3697, Eq. 2), with the
// weight normalised to its range, w^ = (w - w_min) / (w_max - w_min):
//   potentiation   w -> w + a (1 - w^)^mu_plus     (a in the weight's unit; a < 0 only for
//                                                    Diehl & Cook's target-offset rule, stdp.hpp)
//   depression     w -> w - a  w^^mu_minus
// mu = 0 is the additive rule (Song, Miller & Abbott 2000), whose weights are held in range by
// hard bounds; mu = 1 the multiplicative rule (van Rossum, Bi & Turrigiano 2000), whose change
// vanishes at the bounds (soft bounds); 0 < mu < 1 interpolates (Gütig's nonlinear rule). The
// result is always clipped to [w_min, w_max]: the hard bound of the additive rule, and for
// soft bounds a guard that acts only when one step is larger than the distance to the bound.
// Weights are stored as float32 (the synapse arrays); updates are computed in double.
#include <algorithm>
#include <cmath>
#include <string>

#include "sim/check.hpp"
#include "sim/projection.hpp"

namespace plastica {

/// Bounds and weight dependence of a plastic weight (Gütig et al. 2003).
struct WeightBounds {
    double w_min = 0;      ///< lower bound (weight unit)
    double w_max = 1;      ///< upper bound (weight unit)
    double mu_plus = 0;    ///< exponent of the potentiation's weight dependence (0: additive)
    double mu_minus = 0;   ///< exponent of the depression's weight dependence (0: additive)

    void validate(const std::string& where) const {
        check::finite(where, "w_min", w_min);
        check::finite(where, "w_max", w_max);
        if (!(w_min < w_max))
            throw Error(where, "w_max", to_text(w_max), "must be greater than w_min = " + to_text(w_min));
        check::non_negative(where, "mu_plus", mu_plus);
        check::non_negative(where, "mu_minus", mu_minus);
    }
    /// w + a (1 - w^)^mu_plus, clipped.
    double potentiate(double w, double a) const {
        return clip(mu_plus == 0 ? w + a : w + a * factor((w_max - w) / (w_max - w_min), mu_plus));
    }
    /// w - a w^^mu_minus, clipped.
    double depress(double w, double a) const {
        return clip(mu_minus == 0 ? w - a : w - a * factor((w - w_min) / (w_max - w_min), mu_minus));
    }
    double clip(double w) const { return std::clamp(w, w_min, w_max); }

private:
    static double factor(double x, double mu) {
        if (mu == 0) return 1;
        if (mu == 1) return x;
        return std::pow(std::max(x, 0.0), mu);
    }
};

/// Checks, when a rule is attached, that every weight of `proj` starts in [w_min, w_max] and that
/// conductance weights cannot be pushed below 0 nS; errors name the rule and the projection.
inline void check_plastic_weights(const Projection& proj, const Population& post, double w_min, double w_max, const std::string& where) {
    if (post.conductance_based() && w_min < 0)
        throw Error(where, "w_min", to_text(w_min), "conductance weights onto '" + post.name() + "' must stay >= 0 nS");
    for (std::uint64_t s = 0; s < proj.size(); ++s)
        if (!(proj.weight[s] >= w_min && proj.weight[s] <= w_max))
            throw Error(where, "weight", to_text(proj.weight[s]),
                        "synapse " + std::to_string(s) + " starts outside [w_min, w_max] = [" + to_text(w_min) + ", " + to_text(w_max) + "]");
}

}  // namespace plastica
