#pragma once
// The Traub-Miles Hodgkin-Huxley neuron of the COBAHH benchmark (Brette et al. 2007, J. Comput.
// Neurosci. 23:349, benchmark 3; Traub & Miles 1991), its parameters and rate functions, shared
// by the two integrations of it: hh_cond_exp (Boost.Odeint, error-controlled) and
// hh_cond_exp_euler (exponential Euler, Brian2's scheme for this benchmark). The equations are in
// models/hh_cond_exp.hpp.
#include <array>
#include <cmath>
#include <vector>

#include "models/params.hpp"
#include "sim/vector_exp.hpp"

namespace plastica {

struct HhTraubMiles {
    static constexpr const char* weight_unit = "nS";
    static constexpr bool conductance_based = true;
    static constexpr int input_lead = 0;
    static constexpr bool can_fail = true;

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_HH_TRAUB_MILES_PARAMS(X) \
        X(c_m, 200, "pF", positive, "membrane capacitance") \
        X(g_l, 10, "nS", non_negative, "leak conductance") \
        X(e_l, -60, "mV", any, "leak reversal potential") \
        X(g_na, 20000, "nS", non_negative, "maximal sodium conductance") \
        X(e_na, 50, "mV", any, "sodium reversal potential") \
        X(g_k, 6000, "nS", non_negative, "maximal potassium conductance") \
        X(e_k, -90, "mV", any, "potassium reversal potential") \
        X(v_t, -63, "mV", any, "voltage offset of the Traub-Miles rate functions") \
        X(e_exc, 0, "mV", any, "excitatory reversal potential") \
        X(e_inh, -80, "mV", any, "inhibitory reversal potential") \
        X(tau_syn_exc, 5, "ms", positive, "excitatory conductance time constant") \
        X(tau_syn_inh, 10, "ms", positive, "inhibitory conductance time constant") \
        X(i_e, 0, "pA", any, "constant injected current") \
        X(v_spike, -20, "mV", any, "spike detection threshold (upward crossing)") \
        X(t_ref, 3, "ms", non_negative, "dead time of spike detection")
    /// Parameters (defaults: the COBAHH benchmark, a 20,000 um^2 membrane).
    struct Params {
        PLASTICA_HH_TRAUB_MILES_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_HH_TRAUB_MILES_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }

    struct Rates {
        double am, bm, ah, bh, an, bn;
    };
    /// x / (exp(x) - 1), continuous at x = 0.
    [[gnu::always_inline]] static double x_over_expm1(double x) { return std::fabs(x) < 1e-7 ? 1 - 0.5 * x : x / (vector_exp(x) - 1); }
    /// The Traub-Miles opening and closing rates (1/ms) at u = V - V_T (mV).
    [[gnu::always_inline]] static Rates rates(double u) {
        return {0.32 * 4 * x_over_expm1((13 - u) / 4), 0.28 * 5 * x_over_expm1((u - 40) / 5), 0.128 * vector_exp((17 - u) / 18),
                4 / (1 + vector_exp((40 - u) / 5)), 0.032 * 5 * x_over_expm1((15 - u) / 5), 0.5 * vector_exp((10 - u) / 40)};
    }
    /// V = E_L with the gates at their steady state there.
    static std::array<double, 4> rest(const Params& p) {
        const Rates r = rates(p.e_l - p.v_t);
        return {p.e_l, r.am / (r.am + r.bm), r.ah / (r.ah + r.bh), r.an / (r.an + r.bn)};
    }
    /// A spike: V above v_spike and the detection's dead time over (V is not reset).
    static bool detect(double v, double v_spike, std::int32_t& ref, std::int32_t ref_steps) {
        const bool f = v > v_spike && ref <= 0;
        ref += (ref_steps - ref) & -static_cast<std::int32_t>(f);
        return f;
    }
};

}  // namespace plastica
