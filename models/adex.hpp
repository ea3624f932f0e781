#pragma once
// adex_curr_exp / adex_cond_exp — the adaptive exponential integrate-and-fire neuron (Brette &
// Gerstner 2005, J. Neurophysiol. 94:3637, Eqs. 1-2) with exponential current or conductance
// synapses (NEST's aeif_psc_exp / aeif_cond_exp):
//
//   C dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_T) / Delta_T) - w + I_syn + I_e
//   tau_w dw/dt = a (V - E_L) - w
//   if V >= V_peak: V <- V_r, w <- w + b   (then V held at V_r for t_ref, w still evolving)
//   I_syn = I_exc + I_inh (currents, pA)  or  g_exc (E_exc - V) + g_inh (E_inh - V) (conductances, nS)
//
// Integration: classical RK4 on (V, w) over each step, the synaptic variables entering at the
// stage times with their exact decay (s(t0 + u) = s(t0) exp(-u / tau)). As in NEST's aeif models,
// V is capped at V_peak inside the right-hand side: the exponential upswing is the spike, and once
// V passes V_peak within a step what matters is that the step registers the spike, not how far
// the explosive term would carry V (uncapped, RK4's stages overflow). w keeps integrating with V
// at V_peak for the rest of that step, a first-order error in the spike step only, the same
// resolution as the step-end spike time. tests/models/test_adex.cpp compares the spike times of
// every named pattern with a converged integration of the same equations.
//
// Named parameter sets: the firing patterns of Naud, Marcille, Clopath & Gerstner 2008 (Biol.
// Cybern. 99:335, Table 1 / Fig. 4), each with its protocol current i_e (AdEx::preset), in the
// version adapted by P. Mueller to reproduce the paper's figures that Brian2 ships as its example
// of the paper (examples/frompapers/Naud_et_al_2008_adex_firing_patterns.py): for the transient
// and delayed-bursting cells the table's values do not give the pictured pattern.
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "models/threshold_reset.hpp"
#include "sim/vector_exp.hpp"

namespace plastica {

template <bool Conductance>
struct AdEx {
    static constexpr const char* name = Conductance ? "adex_cond_exp" : "adex_curr_exp";
    static constexpr const char* weight_unit = Conductance ? "nS" : "pA";
    static constexpr bool conductance_based = Conductance;
    static constexpr int input_lead = 0;
    static constexpr bool can_fail = true;  ///< explosive upswing: state checked for NaN / inf

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp);
    // e_exc and e_inh act only with conductance synapses and are listed only there.
    #define PLASTICA_ADEX_PARAMS(X) \
        X(c_m, 281, "pF", positive, "membrane capacitance") \
        X(g_l, 30, "nS", positive, "leak conductance") \
        X(e_l, -70.6, "mV", any, "leak reversal potential") \
        X(v_t, -50.4, "mV", any, "threshold slope point V_T") \
        X(delta_t, 2, "mV", positive, "slope factor Delta_T") \
        X(a, 4, "nS", any, "subthreshold adaptation") \
        X(tau_w, 144, "ms", positive, "adaptation time constant") \
        X(b, 80.5, "pA", any, "spike-triggered adaptation increment") \
        X(v_reset, -70.6, "mV", any, "reset potential") \
        X(v_peak, 0, "mV", any, "spike cut-off") \
        X(t_ref, 0, "ms", non_negative, "absolute refractory period") \
        X(tau_syn_exc, 5, "ms", positive, "excitatory synaptic time constant") \
        X(tau_syn_inh, 10, "ms", positive, "inhibitory synaptic time constant") \
        X(e_exc, 0, "mV", any, "excitatory reversal potential") \
        X(e_inh, -85, "mV", any, "inhibitory reversal potential") \
        X(i_e, 0, "pA", any, "constant injected current")
    /// Parameters (defaults: Brette & Gerstner 2005's fit to a cortical pyramidal cell; V_peak
    /// and synapses as NEST's aeif models, time constants as the LIF models here).
    struct Params {
        PLASTICA_ADEX_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = [] {
            std::vector<ParamField<Params>> v = {PLASTICA_ADEX_PARAMS(PLASTICA_PARAM_FIELD)};
            if (!Conductance)
                std::erase_if(v, [](const ParamField<Params>& x) { return x.member == &Params::e_exc || x.member == &Params::e_inh; });
            return v;
        }();
        return f;
    }

    /// A firing pattern of Naud et al. 2008 (V_peak 0 mV, no refractory period; see the file comment).
    struct Preset {
        const char* name;
        const char* doc;
        double c_m, g_l, e_l, v_t, delta_t, a, tau_w, b, v_reset, i_e;
    };
    static const std::vector<Preset>& presets() {
        static const std::vector<Preset> p = {
            {"tonic", "tonic spiking (Fig. 4a)", 200, 10, -70, -50, 2, 2, 30, 0, -58, 500},
            {"adapting", "spike-frequency adaptation (Fig. 4b)", 200, 12, -70, -50, 2, 2, 300, 60, -58, 500},
            {"initial_burst", "initial burst, then tonic spiking (Fig. 4c)", 130, 18, -58, -50, 2, 4, 150, 120, -50, 400},
            {"bursting", "regular bursting (Fig. 4d)", 200, 10, -58, -50, 2, 2, 120, 100, -46, 210},
            {"delayed_accelerating", "delayed onset, accelerating (Fig. 4e)", 200, 12, -70, -50, 2, -10, 300, 0, -58, 300},
            {"delayed_bursting", "delayed onset, regular bursting (Fig. 4f)", 100, 10, -65, -50, 2, -10, 90, 30, -47, 110},
            {"transient", "transient spiking (Fig. 4g)", 100, 10, -65, -50, 2, 10, 90, 100, -47, 180},
            {"irregular", "irregular spiking, deterministic chaos (Fig. 4h)", 100, 12, -60, -50, 2, -11, 130, 30, -48, 160},
        };
        return p;
    }
    /// Parameters of a named pattern (its protocol current in i_e); unknown names list the sets.
    static Params preset(const std::string& set, const std::string& where) {
        std::string known;
        for (const auto& q : presets()) {
            if (set == q.name) {
                Params p;
                p.c_m = q.c_m, p.g_l = q.g_l, p.e_l = q.e_l, p.v_t = q.v_t, p.delta_t = q.delta_t, p.a = q.a;
                p.tau_w = q.tau_w, p.b = q.b, p.v_reset = q.v_reset, p.v_peak = 0, p.t_ref = 0, p.i_e = q.i_e;
                return p;
            }
            known += (known.empty() ? "" : ", ") + std::string(q.name);
        }
        throw Error(where, "preset", set, "unknown AdEx firing pattern (known: " + known + ")");
    }

    static constexpr std::array<const char*, 4> state_names = {"v", "w", Conductance ? "g_exc" : "i_exc",
                                                              Conductance ? "g_inh" : "i_inh"};
    static std::array<double, 4> resting_state(const Params& p) { return {p.e_l, 0, 0, 0}; }

    struct Constants {
        double inv_c, g_l, e_l, v_t, delta_t, inv_delta_t, a, inv_tau_w, b, v_peak, e_exc, e_inh, i_e, h;
        double half_exc, full_exc, half_inh, full_inh;  // synaptic decay over h/2 and h
        ThresholdReset spike;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        if (!(p.v_reset < p.v_peak))
            throw Error(where, "v_reset", to_text(p.v_reset), "must be below v_peak = " + to_text(p.v_peak));
        if (!(p.v_t < p.v_peak)) throw Error(where, "v_t", to_text(p.v_t), "must be below v_peak = " + to_text(p.v_peak));
        Constants k{};
        k.inv_c = 1 / p.c_m, k.g_l = p.g_l, k.e_l = p.e_l, k.v_t = p.v_t, k.delta_t = p.delta_t, k.inv_delta_t = 1 / p.delta_t;
        k.a = p.a, k.inv_tau_w = 1 / p.tau_w, k.b = p.b, k.v_peak = p.v_peak, k.e_exc = p.e_exc, k.e_inh = p.e_inh;
        k.i_e = p.i_e, k.h = h;
        k.half_exc = decay_factor(0.5 * h, p.tau_syn_exc), k.full_exc = decay_factor(h, p.tau_syn_exc);
        k.half_inh = decay_factor(0.5 * h, p.tau_syn_inh), k.full_inh = decay_factor(h, p.tau_syn_inh);
        k.spike = ThresholdReset::make(p.v_peak, p.v_reset, p.t_ref, h, where);
        return k;
    }

    /// dV/dt and dw/dt with V capped at V_peak; `se`, `si` the synaptic currents or conductances.
    [[gnu::always_inline]] static void rhs(const Constants& k, double v, double w, double se, double si, double& dv, double& dw) {
        const double vc = v < k.v_peak ? v : k.v_peak;
        const double syn = Conductance ? se * (k.e_exc - vc) + si * (k.e_inh - vc) : se + si;
        dv = (-k.g_l * (vc - k.e_l) + k.g_l * k.delta_t * vector_exp((vc - k.v_t) * k.inv_delta_t) - w + syn + k.i_e) * k.inv_c;
        dw = (k.a * (vc - k.e_l) - w) * k.inv_tau_w;
    }

    /// One RK4 step; while refractory V stays at V_reset and only w moves.
    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v, double& w,
                          double& s_exc, double& s_inh) {
        const double se0 = s_exc + in_exc, si0 = s_inh + in_inh, h = k.h;
        const double se1 = se0 * k.half_exc, si1 = si0 * k.half_inh, se2 = se0 * k.full_exc, si2 = si0 * k.full_inh;
        const bool r = ref > 0;
        const double free = r ? 0.0 : 1.0;
        const double v0 = ThresholdReset::select(r, k.spike.v_reset, v);
        double kv1, kw1, kv2, kw2, kv3, kw3, kv4, kw4;
        rhs(k, v0, w, se0, si0, kv1, kw1);
        kv1 *= free;
        rhs(k, v0 + 0.5 * h * kv1, w + 0.5 * h * kw1, se1, si1, kv2, kw2);
        kv2 *= free;
        rhs(k, v0 + 0.5 * h * kv2, w + 0.5 * h * kw2, se1, si1, kv3, kw3);
        kv3 *= free;
        rhs(k, v0 + h * kv3, w + h * kw3, se2, si2, kv4, kw4);
        kv4 *= free;
        v = v0 + h / 6 * (kv1 + 2 * kv2 + 2 * kv3 + kv4);
        w += h / 6 * (kw1 + 2 * kw2 + 2 * kw3 + kw4);
        ref -= r;
        s_exc = se2;
        s_inh = si2;
    }
    /// Spike at V >= V_peak: V to V_reset, w up by b, refractory count started.
    [[gnu::always_inline]] static bool fire(const Constants& k, std::int32_t& ref, double& v, double& w, double&, double&) {
        const bool f = k.spike.fire(v, ref);
        w += f ? k.b : 0.0;  // a select: GCC 12 does not vectorise a bool -> double conversion
        return f;
    }
};

using AdExCurrExp = AdEx<false>;
using AdExCondExp = AdEx<true>;

}  // namespace plastica
