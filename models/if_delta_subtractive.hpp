#pragma once
// if_delta_subtractive — the non-leaky integrate-and-fire neuron with reset by subtraction that
// converted networks run on (Rueckauer et al. 2017, Front. Neurosci. 11:682, eqs. 2-3; Diehl et
// al. 2015 use the same neuron with reset to zero):
//
//   V(t) = V(t-1) + sum_j w_j s_j(t) + i_step,   and when V >= v_th: a spike, V -= v_th
//
// Potentials are in units of the threshold; a spike of weight w moves V by w at its arrival,
// i_step is added every step (the converted network's bias, or its analog input). Reset by
// subtraction keeps the charge above threshold, which is what makes the rate of a converted unit
// approximate its ReLU activation: over T steps, rate = activation +- 1/T (Rueckauer et al. 2017,
// eq. 5). No refractory period, no leak.
#include <array>
#include <vector>

#include "models/params.hpp"

namespace plastica {

struct IfDeltaSubtractive {
    static constexpr const char* name = "if_delta_subtractive";
    static constexpr const char* weight_unit = "";  // threshold units
    static constexpr bool conductance_based = false;
    static constexpr int input_lead = 1;  // input acts at the end of the step it arrives in, like lif_delta

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_IF_DELTA_SUBTRACTIVE_PARAMS(X) \
        X(v_th, 1, "", positive, "threshold; the reset subtracts it") \
        X(i_step, 0, "", any, "initial per-step input of every neuron (the state i_step)")
    struct Params {
        PLASTICA_IF_DELTA_SUBTRACTIVE_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_IF_DELTA_SUBTRACTIVE_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }

    static constexpr std::array<const char*, 2> state_names = {"v", "i_step"};
    static std::array<double, 2> resting_state(const Params& p) { return {0, p.i_step}; }

    struct Constants {
        double v_th;
    };
    static Constants prepare(const Params& p, double, const std::string& where) {
        validate_fields(fields(), p, where);
        return {p.v_th};
    }

    [[gnu::always_inline]] static void integrate(const Constants&, std::int32_t&, double in_exc, double in_inh, double& v, double& i_step) {
        v += in_exc + in_inh + i_step;
    }
    [[gnu::always_inline]] static bool fire(const Constants& k, std::int32_t&, double& v, double&) {
        const bool f = v >= k.v_th;
        v -= f ? k.v_th : 0.0;
        return f;
    }
};

}  // namespace plastica
