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

    /// Parameters (defaults: the COBAHH benchmark, a 20,000 um^2 membrane).
    struct Params {
        double c_m = 200;          ///< membrane capacitance (pF)
        double g_l = 10;           ///< leak conductance (nS)
        double e_l = -60;          ///< leak reversal potential (mV)
        double g_na = 20000;       ///< maximal sodium conductance (nS)
        double e_na = 50;          ///< sodium reversal potential (mV)
        double g_k = 6000;         ///< maximal potassium (delayed rectifier) conductance (nS)
        double e_k = -90;          ///< potassium reversal potential (mV)
        double v_t = -63;          ///< voltage offset of the rate functions (mV)
        double e_exc = 0;          ///< excitatory reversal potential (mV)
        double e_inh = -80;        ///< inhibitory reversal potential (mV)
        double tau_syn_exc = 5;    ///< excitatory conductance decay (ms)
        double tau_syn_inh = 10;   ///< inhibitory conductance decay (ms)
        double i_e = 0;            ///< constant injected current (pA)
        double v_spike = -20;      ///< spike detection threshold (mV)
        double t_ref = 3;          ///< dead time of spike detection (ms)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {
            {"c_m", &Params::c_m, "pF", "membrane capacitance", Constraint::positive},
            {"g_l", &Params::g_l, "nS", "leak conductance", Constraint::non_negative},
            {"e_l", &Params::e_l, "mV", "leak reversal potential"},
            {"g_na", &Params::g_na, "nS", "maximal sodium conductance", Constraint::non_negative},
            {"e_na", &Params::e_na, "mV", "sodium reversal potential"},
            {"g_k", &Params::g_k, "nS", "maximal potassium conductance", Constraint::non_negative},
            {"e_k", &Params::e_k, "mV", "potassium reversal potential"},
            {"v_t", &Params::v_t, "mV", "voltage offset of the Traub-Miles rate functions"},
            {"e_exc", &Params::e_exc, "mV", "excitatory reversal potential"},
            {"e_inh", &Params::e_inh, "mV", "inhibitory reversal potential"},
            {"tau_syn_exc", &Params::tau_syn_exc, "ms", "excitatory conductance time constant", Constraint::positive},
            {"tau_syn_inh", &Params::tau_syn_inh, "ms", "inhibitory conductance time constant", Constraint::positive},
            {"i_e", &Params::i_e, "pA", "constant injected current"},
            {"v_spike", &Params::v_spike, "mV", "spike detection threshold (upward crossing)"},
            {"t_ref", &Params::t_ref, "ms", "dead time of spike detection", Constraint::non_negative},
        };
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
