#pragma once
// gif_psc_exp — the generalized integrate-and-fire neuron of Mensi et al. 2012 (J. Neurophysiol.
// 107:1756; Pozzorini et al. 2015) with exponential synaptic currents, as NEST's gif_psc_exp with
// one spike-triggered current and one spike-triggered threshold kernel:
//
//   C dV/dt = -g_L (V - E_L) - eta + I_exc + I_inh + I_e
//   eta:   spike-triggered current (pA), decays with tau_stc, += q_stc at each spike
//   gamma: spike-triggered threshold movement (mV), decays with tau_sfa, += q_sfa at each spike
//   firing intensity lambda = lambda_0 exp((V - V_T* - gamma) / Delta_V)   (escape noise)
//   a spike in a step of length h with probability 1 - exp(-lambda h); then V = V_reset for t_ref
//
// V is propagated exactly over each step (Rotter & Diesmann 1999, as lif_curr_exp, with eta as one
// more exponentially decaying current of its own time constant); the intensity is evaluated at the
// end of the step, and the step's uniform comes from the population's counter-based stream, so the
// spikes are the same at any thread count. Positive q_stc (an outward current) and q_sfa give
// spike-frequency adaptation on two time scales; Delta_V -> 0 gives a deterministic threshold.
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "models/lif_curr_exp.hpp"
#include "models/params.hpp"
#include "models/threshold_reset.hpp"
#include "sim/vector_exp.hpp"

namespace plastica {

struct GifPscExp {
    static constexpr const char* name = "gif_psc_exp";
    static constexpr const char* weight_unit = "pA";
    static constexpr bool conductance_based = false;
    static constexpr int input_lead = 0;
    static constexpr bool stochastic = true;

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_GIF_PSC_EXP_PARAMS(X) \
        X(c_m, 80, "pF", positive, "membrane capacitance") \
        X(g_l, 4, "nS", positive, "leak conductance") \
        X(e_l, -70, "mV", any, "leak reversal potential") \
        X(v_reset, -55, "mV", any, "reset potential") \
        X(t_ref, 4, "ms", non_negative, "absolute refractory period") \
        X(v_t_star, -35, "mV", any, "baseline firing threshold") \
        X(delta_v, 0.5, "mV", positive, "escape-noise sharpness") \
        X(lambda_0, 0.001, "1/ms", positive, "firing intensity at threshold") \
        X(q_stc, 0, "pA", any, "spike-triggered current jump") \
        X(tau_stc, 10, "ms", positive, "spike-triggered current decay") \
        X(q_sfa, 0, "mV", any, "spike-triggered threshold jump") \
        X(tau_sfa, 100, "ms", positive, "spike-triggered threshold decay") \
        X(tau_syn_exc, 2, "ms", positive, "excitatory synaptic current time constant") \
        X(tau_syn_inh, 2, "ms", positive, "inhibitory synaptic current time constant") \
        X(i_e, 0, "pA", any, "constant injected current")
    /// Parameters (defaults: NEST gif_psc_exp; the kernels off until q_stc / q_sfa are set).
    struct Params {
        PLASTICA_GIF_PSC_EXP_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_GIF_PSC_EXP_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }

    static constexpr std::array<const char*, 5> state_names = {"v", "i_exc", "i_inh", "eta", "gamma"};
    static std::array<double, 5> resting_state(const Params& p) { return {p.e_l, 0, 0, 0, 0}; }

    struct Constants {
        double p22, p20, e_l, i_e, p11_exc, p11_inh, p21_exc, p21_inh, p11_stc, p21_stc, p_sfa;
        double v_reset, v_t_star, inv_delta_v, lambda_h, q_stc, q_sfa;
        std::int32_t ref_steps;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        const double tau_m = p.c_m / p.g_l;
        Constants k{};
        k.p22 = std::exp(-h / tau_m);
        k.p20 = -tau_m / p.c_m * std::expm1(-h / tau_m);
        k.e_l = p.e_l, k.i_e = p.i_e;
        k.p11_exc = decay_factor(h, p.tau_syn_exc), k.p11_inh = decay_factor(h, p.tau_syn_inh);
        k.p21_exc = LifCurrExp::p21(h, tau_m, p.tau_syn_exc, p.c_m), k.p21_inh = LifCurrExp::p21(h, tau_m, p.tau_syn_inh, p.c_m);
        k.p11_stc = decay_factor(h, p.tau_stc), k.p21_stc = LifCurrExp::p21(h, tau_m, p.tau_stc, p.c_m);
        k.p_sfa = decay_factor(h, p.tau_sfa);
        k.v_reset = p.v_reset, k.v_t_star = p.v_t_star, k.inv_delta_v = 1 / p.delta_v, k.lambda_h = p.lambda_0 * h;
        k.q_stc = p.q_stc, k.q_sfa = p.q_sfa;
        k.ref_steps = static_cast<std::int32_t>(steps_of(where, "t_ref", p.t_ref, h));
        return k;
    }

    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v,
                                                 double& i_exc, double& i_inh, double& eta, double& gamma) {
        const double ie = i_exc + in_exc, ii = i_inh + in_inh;
        const double free = k.e_l + k.p22 * (v - k.e_l) + k.p21_exc * ie + k.p21_inh * ii - k.p21_stc * eta + k.p20 * k.i_e;
        v = ThresholdReset::select(ref > 0, k.v_reset, free);  // the count goes down in fire()
        i_exc = ie * k.p11_exc;
        i_inh = ii * k.p11_inh;
        eta *= k.p11_stc;
        gamma *= k.p_sfa;
    }
    /// Fires with probability 1 - exp(-lambda h) unless the step was refractory (then the count
    /// goes down instead); `u` is the step's uniform.
    [[gnu::always_inline]] static bool fire(const Constants& k, std::int32_t& ref, double u, double& v, double&, double&, double& eta,
                                            double& gamma) {
        const bool was_ref = ref > 0;
        ref -= was_ref;
        const double lambda_h = k.lambda_h * vector_exp((v - k.v_t_star - gamma) * k.inv_delta_v);
        const bool f = !was_ref && u < 1 - vector_exp(-lambda_h);
        v = ThresholdReset::select(f, k.v_reset, v);
        ref += (k.ref_steps - ref) & -static_cast<std::int32_t>(f);
        eta += f ? k.q_stc : 0.0;  // selects: GCC 12 does not vectorise a bool -> double conversion
        gamma += f ? k.q_sfa : 0.0;
        return f;
    }
};

}  // namespace plastica
