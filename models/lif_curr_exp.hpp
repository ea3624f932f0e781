#pragma once
// lif_curr_exp — leaky integrate-and-fire neuron with exponentially decaying excitatory and
// inhibitory synaptic currents, integrated exactly (Rotter & Diesmann 1999, Biol. Cybern. 81:381,
// eqs. 3-8; as NEST's iaf_psc_exp).
//
//   C dV/dt = -(C/tau_m)(V - E_L) + I_exc + I_inh + I_e
//   dI_x/dt = -I_x / tau_syn_x,   a spike of weight w (pA) makes I_x += w
//
// Over one step h with I_x(t) known, the exact solution is
//   V(t+h) - E_L = P22 (V - E_L) + P21_x I_x + P20 I_e,   I_x(t+h) = P11_x I_x
// with P22 = exp(-h/tau_m), P11_x = exp(-h/tau_x), P20 = tau_m/C (1 - P22),
//   P21_x = tau_m tau_x / (C (tau_m - tau_x)) (exp(-h/tau_m) - exp(-h/tau_x))  (-> h/C exp(-h/tau) at tau_x = tau_m).
// Inhibitory weights are signed currents (negative pA); the receptor selects the time constant.
#include <array>
#include <cmath>
#include <vector>

#include "models/params.hpp"
#include "models/threshold_reset.hpp"

namespace plastica {

struct LifCurrExp {
    static constexpr const char* name = "lif_curr_exp";
    static constexpr const char* weight_unit = "pA";
    static constexpr bool conductance_based = false;
    static constexpr int input_lead = 0;

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_LIF_CURR_EXP_PARAMS(X) \
        X(c_m, 250, "pF", positive, "membrane capacitance") \
        X(tau_m, 10, "ms", positive, "membrane time constant") \
        X(e_l, -70, "mV", any, "resting potential") \
        X(v_th, -55, "mV", any, "spike threshold") \
        X(v_reset, -70, "mV", any, "reset potential") \
        X(t_ref, 2, "ms", non_negative, "absolute refractory period") \
        X(tau_syn_exc, 2, "ms", positive, "excitatory synaptic current time constant") \
        X(tau_syn_inh, 2, "ms", positive, "inhibitory synaptic current time constant") \
        X(i_e, 0, "pA", any, "constant injected current")
    /// Parameters (defaults: NEST iaf_psc_exp).
    struct Params {
        PLASTICA_LIF_CURR_EXP_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_LIF_CURR_EXP_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }

    static constexpr std::array<const char*, 3> state_names = {"v", "i_exc", "i_inh"};
    static std::array<double, 3> resting_state(const Params& p) { return {p.e_l, 0, 0}; }

    /// Propagators for one step, computed once before the run (NEST's Variables_).
    struct Constants {
        double p22, p20, p11_exc, p11_inh, p21_exc, p21_inh, e_l, i_e;
        ThresholdReset spike;
    };
    static double p21(double h, double tau_m, double tau_s, double c) {
        if (std::fabs(tau_m - tau_s) < 1e-12 * tau_m) return h / c * std::exp(-h / tau_m);
        // Written with expm1 so that tau_s close to tau_m loses no precision.
        const double f = tau_m * tau_s / (c * (tau_m - tau_s));
        return -f * std::exp(-h / tau_m) * std::expm1(-h * (1 / tau_s - 1 / tau_m));
    }
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        Constants k{};
        k.p22 = std::exp(-h / p.tau_m);
        k.p20 = -p.tau_m / p.c_m * std::expm1(-h / p.tau_m);
        k.p11_exc = decay_factor(h, p.tau_syn_exc);
        k.p11_inh = decay_factor(h, p.tau_syn_inh);
        k.p21_exc = p21(h, p.tau_m, p.tau_syn_exc, p.c_m);
        k.p21_inh = p21(h, p.tau_m, p.tau_syn_inh, p.c_m);
        k.e_l = p.e_l;
        k.i_e = p.i_e;
        k.spike = ThresholdReset::make(p.v_th, p.v_reset, p.t_ref, h, where);
        return k;
    }

    /// Advances one neuron by one step (its state variables in `state_names` order), branch-free
    /// so that the population loop vectorises; `in_*` is the input arriving at the start of the
    /// step. Threshold and reset follow in the same loop (NeuronPopulation::update, ThresholdReset).
    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v,
                          double& i_exc, double& i_inh) {
        const double ie = i_exc + in_exc;
        const double ii = i_inh + in_inh;
        const double free = k.e_l + k.p22 * (v - k.e_l) + k.p21_exc * ie + k.p21_inh * ii + k.p20 * k.i_e;
        v = k.spike.clamp(ref, free);
        i_exc = ie * k.p11_exc;
        i_inh = ii * k.p11_inh;
    }
};

}  // namespace plastica
