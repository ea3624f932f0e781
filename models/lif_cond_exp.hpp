#pragma once
// lif_cond_exp — leaky integrate-and-fire neuron with exponentially decaying excitatory and
// inhibitory conductances and reversal potentials: the COBA benchmark model of Brette et al. 2007
// (J. Comput. Neurosci. 23:349, benchmark 1; after Vogels & Abbott 2005).
//
//   C dV/dt = g_L (E_L - V) + g_exc (E_exc - V) + g_inh (E_inh - V) + I_e
//   dg_x/dt = -g_x / tau_syn_x,   a spike of weight w (nS) makes g_x += w
//
// Integration: the conductances decay exactly; over one step they are held at their value at the
// start of the step, which makes the membrane equation linear with the exact solution
//   V(t+h) = V_inf + (V - V_inf) exp(-h g_tot / C),  V_inf = (g_L E_L + g_exc E_exc + g_inh E_inh + I_e) / g_tot
// (exponential Euler; exact for constant conductances, first order in h otherwise, and never
// unstable however large the conductance, unlike forward Euler).
#include <array>
#include <cmath>
#include <vector>

#include "models/params.hpp"
#include "models/threshold_reset.hpp"
#include "sim/vector_exp.hpp"

namespace plastica {

struct LifCondExp {
    static constexpr const char* name = "lif_cond_exp";
    static constexpr const char* weight_unit = "nS";
    static constexpr bool conductance_based = true;
    static constexpr int input_lead = 0;

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_LIF_COND_EXP_PARAMS(X) \
        X(c_m, 200, "pF", positive, "membrane capacitance") \
        X(g_l, 10, "nS", positive, "leak conductance") \
        X(e_l, -60, "mV", any, "leak reversal potential") \
        X(v_th, -50, "mV", any, "spike threshold") \
        X(v_reset, -60, "mV", any, "reset potential") \
        X(t_ref, 5, "ms", non_negative, "absolute refractory period") \
        X(e_exc, 0, "mV", any, "excitatory reversal potential") \
        X(e_inh, -80, "mV", any, "inhibitory reversal potential") \
        X(tau_syn_exc, 5, "ms", positive, "excitatory conductance time constant") \
        X(tau_syn_inh, 10, "ms", positive, "inhibitory conductance time constant") \
        X(i_e, 0, "pA", any, "constant injected current")
    /// Parameters (defaults: the COBA benchmark, Brette et al. 2007).
    struct Params {
        PLASTICA_LIF_COND_EXP_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_LIF_COND_EXP_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }

    static constexpr std::array<const char*, 3> state_names = {"v", "g_exc", "g_inh"};
    static std::array<double, 3> resting_state(const Params& p) { return {p.e_l, 0, 0}; }

    struct Constants {
        double g_l, e_l, e_exc, e_inh, i_e, inv_c, h, p_exc, p_inh;
        ThresholdReset spike;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        Constants k{};
        k.g_l = p.g_l;
        k.e_l = p.e_l;
        k.e_exc = p.e_exc;
        k.e_inh = p.e_inh;
        k.i_e = p.i_e;
        k.inv_c = 1.0 / p.c_m;
        k.h = h;
        k.p_exc = decay_factor(h, p.tau_syn_exc);
        k.p_inh = decay_factor(h, p.tau_syn_inh);
        k.spike = ThresholdReset::make(p.v_th, p.v_reset, p.t_ref, h, where);
        return k;
    }

    /// Branch-free step of one neuron (threshold and reset: NeuronPopulation::update). The
    /// exponential is sim/vector_exp.hpp's, which vectorises with the loop (std::exp is a call).
    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v,
                          double& g_exc, double& g_inh) {
        const double ge = g_exc + in_exc;
        const double gi = g_inh + in_inh;
        const double g = k.g_l + ge + gi;
        const double v_inf = (k.g_l * k.e_l + ge * k.e_exc + gi * k.e_inh + k.i_e) / g;
        v = k.spike.clamp(ref, v_inf + (v - v_inf) * vector_exp(-k.h * g * k.inv_c));
        g_exc = ge * k.p_exc;
        g_inh = gi * k.p_inh;
    }
};

}  // namespace plastica
