#pragma once
// gif_cond_exp — the generalized integrate-and-fire neuron of Mensi et al. 2012 (J. Neurophysiol.
// 107:1756; Pozzorini et al. 2015, PLoS Comput. Biol. 11:e1004275) with exponentially decaying
// synaptic conductances, as NEST's gif_cond_exp and PyNN's GIF_cond_exp, with three
// spike-triggered current kernels and three spike-triggered threshold kernels (PyNN's default
// arrays have three; a kernel with q = 0 is off):
//
//   C dV/dt = -g_L (V - E_L) - sum_j eta_j + g_exc (E_exc - V) + g_inh (E_inh - V) + I_e
//   eta_j:   spike-triggered current (pA), decays with tau_stc_j, += q_stc_j at each spike
//   gamma_j: threshold movement (mV), decays with tau_sfa_j, += q_sfa_j at each spike
//   V_T = V_T* + sum_j gamma_j,   firing intensity lambda = lambda_0 exp((V - V_T) / Delta_V)
//   a spike in a step of length h with probability 1 - exp(-lambda h); then V = V_reset for t_ref
//
// The order within a step is NEST's (gif_cond_exp.cpp): the kernels' sums are taken before they
// decay, the membrane is integrated with that sum of eta, and the threshold of the step is V_T*
// plus that sum of gamma; a spike then adds q_stc_j and q_sfa_j. The membrane equation is
// integrated as lif_cond_exp's: conductances and eta held over the step, V relaxes exactly
// towards the step's V_inf (exponential Euler, unconditionally stable; NEST uses an adaptive
// Runge-Kutta, so the two differ by the first-order error of holding the conductances, tested in
// tests/models/test_gif_cond_exp.cpp against an accurate solution). i_eta and v_t are recorded
// as state (PyNN's recordables), refreshed every step.
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "models/threshold_reset.hpp"
#include "sim/time.hpp"
#include "sim/vector_exp.hpp"

namespace plastica {

struct GifCondExp {
    static constexpr const char* name = "gif_cond_exp";
    static constexpr const char* weight_unit = "nS";
    static constexpr bool conductance_based = true;
    static constexpr int input_lead = 0;
    static constexpr bool stochastic = true;
    static constexpr int kKernels = 3;

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_GIF_COND_EXP_PARAMS(X) \
        X(c_m, 80, "pF", positive, "membrane capacitance") \
        X(g_l, 4, "nS", positive, "leak conductance") \
        X(e_l, -70, "mV", any, "leak reversal potential") \
        X(v_reset, -55, "mV", any, "reset potential") \
        X(t_ref, 4, "ms", non_negative, "absolute refractory period") \
        X(v_t_star, -35, "mV", any, "baseline firing threshold") \
        X(delta_v, 0.5, "mV", positive, "escape-noise sharpness") \
        X(lambda_0, 0.001, "1/ms", positive, "firing intensity at threshold") \
        X(q_stc_1, 0, "pA", any, "spike-triggered current jump, kernel 1") \
        X(q_stc_2, 0, "pA", any, "spike-triggered current jump, kernel 2") \
        X(q_stc_3, 0, "pA", any, "spike-triggered current jump, kernel 3") \
        X(tau_stc_1, 1, "ms", positive, "spike-triggered current decay, kernel 1") \
        X(tau_stc_2, 10, "ms", positive, "spike-triggered current decay, kernel 2") \
        X(tau_stc_3, 100, "ms", positive, "spike-triggered current decay, kernel 3") \
        X(q_sfa_1, 0, "mV", any, "threshold jump, kernel 1") \
        X(q_sfa_2, 0, "mV", any, "threshold jump, kernel 2") \
        X(q_sfa_3, 0, "mV", any, "threshold jump, kernel 3") \
        X(tau_sfa_1, 1, "ms", positive, "threshold decay, kernel 1") \
        X(tau_sfa_2, 10, "ms", positive, "threshold decay, kernel 2") \
        X(tau_sfa_3, 100, "ms", positive, "threshold decay, kernel 3") \
        X(e_exc, 0, "mV", any, "excitatory reversal potential") \
        X(e_inh, -85, "mV", any, "inhibitory reversal potential") \
        X(tau_syn_exc, 2, "ms", positive, "excitatory conductance time constant") \
        X(tau_syn_inh, 2, "ms", positive, "inhibitory conductance time constant") \
        X(i_e, 0, "pA", any, "constant injected current")
    /// Parameters (defaults: NEST gif_cond_exp, kernels off until a q is set; lambda_0 in 1/ms,
    /// NEST's 1/s divided by 1000).
    struct Params {
        PLASTICA_GIF_COND_EXP_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_GIF_COND_EXP_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }

    static constexpr std::array<const char*, 11> state_names = {"v",     "g_exc", "g_inh", "i_eta",   "v_t",     "eta_1",
                                                                "eta_2", "eta_3", "gamma_1", "gamma_2", "gamma_3"};
    static std::array<double, 11> resting_state(const Params& p) { return {p.e_l, 0, 0, 0, p.v_t_star, 0, 0, 0, 0, 0, 0}; }

    struct Constants {
        double g_l, e_l, e_exc, e_inh, i_e, inv_c, h, p_exc, p_inh;
        double p_stc[kKernels], p_sfa[kKernels], q_stc[kKernels], q_sfa[kKernels];
        double v_reset, v_t_star, inv_delta_v, lambda_h;
        std::int32_t ref_steps;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        Constants k{};
        k.g_l = p.g_l, k.e_l = p.e_l, k.e_exc = p.e_exc, k.e_inh = p.e_inh, k.i_e = p.i_e;
        k.inv_c = 1 / p.c_m, k.h = h;
        k.p_exc = decay_factor(h, p.tau_syn_exc), k.p_inh = decay_factor(h, p.tau_syn_inh);
        const double tau_stc[] = {p.tau_stc_1, p.tau_stc_2, p.tau_stc_3}, tau_sfa[] = {p.tau_sfa_1, p.tau_sfa_2, p.tau_sfa_3};
        const double q_stc[] = {p.q_stc_1, p.q_stc_2, p.q_stc_3}, q_sfa[] = {p.q_sfa_1, p.q_sfa_2, p.q_sfa_3};
        for (int j = 0; j < kKernels; ++j) {
            k.p_stc[j] = decay_factor(h, tau_stc[j]), k.p_sfa[j] = decay_factor(h, tau_sfa[j]);
            k.q_stc[j] = q_stc[j], k.q_sfa[j] = q_sfa[j];
        }
        k.v_reset = p.v_reset, k.v_t_star = p.v_t_star, k.inv_delta_v = 1 / p.delta_v, k.lambda_h = p.lambda_0 * h;
        k.ref_steps = static_cast<std::int32_t>(steps_of(where, "t_ref", p.t_ref, h));
        return k;
    }

    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v,
                                                 double& g_exc, double& g_inh, double& i_eta, double& v_t, double& eta_1, double& eta_2,
                                                 double& eta_3, double& gamma_1, double& gamma_2, double& gamma_3) {
        i_eta = eta_1 + eta_2 + eta_3;  // the sums before the kernels decay (NEST's order)
        v_t = k.v_t_star + gamma_1 + gamma_2 + gamma_3;
        const double ge = g_exc + in_exc, gi = g_inh + in_inh;
        const double g = k.g_l + ge + gi;
        const double v_inf = (k.g_l * k.e_l + ge * k.e_exc + gi * k.e_inh - i_eta + k.i_e) / g;
        const double free = v_inf + (v - v_inf) * vector_exp(-k.h * g * k.inv_c);
        v = ThresholdReset::select(ref > 0, k.v_reset, free);  // the count goes down in fire()
        g_exc = ge * k.p_exc;
        g_inh = gi * k.p_inh;
        eta_1 *= k.p_stc[0], eta_2 *= k.p_stc[1], eta_3 *= k.p_stc[2];
        gamma_1 *= k.p_sfa[0], gamma_2 *= k.p_sfa[1], gamma_3 *= k.p_sfa[2];
    }
    /// Fires with probability 1 - exp(-lambda h) unless the step was refractory (then the count
    /// goes down instead); `u` is the step's uniform.
    [[gnu::always_inline]] static bool fire(const Constants& k, std::int32_t& ref, double u, double& v, double&, double&, double&,
                                            double& v_t, double& eta_1, double& eta_2, double& eta_3, double& gamma_1, double& gamma_2,
                                            double& gamma_3) {
        const bool was_ref = ref > 0;
        ref -= was_ref;
        const double lambda_h = k.lambda_h * vector_exp((v - v_t) * k.inv_delta_v);
        const bool f = !was_ref && u < 1 - vector_exp(-lambda_h);
        v = ThresholdReset::select(f, k.v_reset, v);
        ref += (k.ref_steps - ref) & -static_cast<std::int32_t>(f);
        eta_1 += f ? k.q_stc[0] : 0.0;  // selects: GCC 12 does not vectorise a bool -> double conversion
        eta_2 += f ? k.q_stc[1] : 0.0;
        eta_3 += f ? k.q_stc[2] : 0.0;
        gamma_1 += f ? k.q_sfa[0] : 0.0;
        gamma_2 += f ? k.q_sfa[1] : 0.0;
        gamma_3 += f ? k.q_sfa[2] : 0.0;
        return f;
    }
};

}  // namespace plastica
