#pragma once
// izhikevich — the simple spiking model of Izhikevich 2003 (IEEE Trans. Neural Netw. 14:1569,
// Eqs. 1-3), in its dimensionless-current form (v in mV, t in ms, currents in mV/ms):
//
//   dv/dt = 0.04 v^2 + 5 v + 140 - u + I_e
//   du/dt = a (b v - u)
//   if v >= v_peak: v <- c, u <- u + d
//
// Synapses are voltage jumps: a spike of weight w (mV) makes v += w at its arrival, the
// instantaneous form of Izhikevich's own networks, where the summed weights act as a current for
// one 1 ms step (so a weight there is the same number of mV here). Inhibitory weights are negative.
//
// Integration: classical fourth-order Runge-Kutta on (v, u) over each step, after the step's
// input jump. Izhikevich's reference code uses two forward-Euler half steps of 0.5 ms for v and
// one 1 ms step for u, which shifts spike times by several ms within a few spikes; RK4 at
// dt = 0.1 ms reproduces a converged solution to well below one step (tests/models/
// test_izhikevich.cpp), and at dt = 1 ms stays stable (|lambda dt| < 1 below threshold). The
// upswing above v_peak is not integrated further: the spike is registered at the end of the
// step in which v crossed v_peak (time resolution one step, as every clock-driven simulator).
// The model has no refractory period; `ref` stays zero.
#include <array>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "models/threshold_reset.hpp"

namespace plastica {

struct Izhikevich {
    static constexpr const char* name = "izhikevich";
    static constexpr const char* weight_unit = "mV";
    static constexpr bool conductance_based = false;
    static constexpr int input_lead = 0;
    static constexpr bool can_fail = true;  ///< explosive upswing: state checked for NaN / inf

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_IZHIKEVICH_PARAMS(X) \
        X(a, 0.02, "1/ms", positive, "time scale of the recovery variable u") \
        X(b, 0.2, "", any, "sensitivity of u to subthreshold v") \
        X(c, -65, "mV", any, "after-spike reset of v") \
        X(d, 8, "mV/ms", any, "after-spike increment of u") \
        X(v_peak, 30, "mV", any, "spike cut-off (apex of the action potential)") \
        X(i_e, 0, "mV/ms", any, "constant injected current (dimensionless form, C = 1)")
    /// Parameters (defaults: regular spiking, Izhikevich 2003 Fig. 2).
    struct Params {
        PLASTICA_IZHIKEVICH_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_IZHIKEVICH_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }

    /// The named parameter sets of Izhikevich 2003, Fig. 2 (a, b, c, d).
    struct Preset {
        const char* name;
        const char* doc;
        double a, b, c, d;
    };
    static const std::vector<Preset>& presets() {
        static const std::vector<Preset> p = {
            {"regular_spiking", "RS: excitatory cortical cell, adapting", 0.02, 0.2, -65, 8},
            {"intrinsically_bursting", "IB: initial burst, then tonic spikes", 0.02, 0.2, -55, 4},
            {"chattering", "CH: repetitive high-frequency bursts", 0.02, 0.2, -50, 2},
            {"fast_spiking", "FS: inhibitory interneuron, no adaptation", 0.1, 0.2, -65, 2},
            {"low_threshold_spiking", "LTS: inhibitory interneuron, adapting", 0.02, 0.25, -65, 2},
            {"thalamo_cortical", "TC: thalamo-cortical relay cell", 0.02, 0.25, -65, 0.05},
            {"resonator", "RZ: subthreshold resonance", 0.1, 0.26, -65, 2},
        };
        return p;
    }
    /// Parameters of a named set; an unknown name is an Error listing the sets.
    static Params preset(const std::string& set, const std::string& where) {
        std::string known;
        for (const auto& p : presets()) {
            if (set == p.name) return Params{p.a, p.b, p.c, p.d, 30, 0};
            known += (known.empty() ? "" : ", ") + std::string(p.name);
        }
        throw Error(where, "preset", set, "unknown Izhikevich parameter set (known: " + known + ")");
    }

    static constexpr std::array<const char*, 2> state_names = {"v", "u"};
    /// Izhikevich's initial state: v = c, u = b v.
    static std::array<double, 2> resting_state(const Params& p) { return {p.c, p.b * p.c}; }

    struct Constants {
        double a, b, c, d, v_peak, i_e, h;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        if (!(p.c < p.v_peak)) throw Error(where, "c", to_text(p.c), "reset must be below v_peak = " + to_text(p.v_peak));
        return {p.a, p.b, p.c, p.d, p.v_peak, p.i_e, h};
    }

    [[gnu::always_inline]] static double dv(const Constants& k, double v, double u) { return (0.04 * v + 5) * v + 140 - u + k.i_e; }
    [[gnu::always_inline]] static double du(const Constants& k, double v, double u) { return k.a * (k.b * v - u); }

    /// One RK4 step after the input jump; branch-free so that the population loop vectorises.
    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t&, double in_exc, double in_inh, double& v, double& u) {
        const double v0 = v + in_exc + in_inh, u0 = u, h = k.h;
        const double kv1 = dv(k, v0, u0), ku1 = du(k, v0, u0);
        const double kv2 = dv(k, v0 + 0.5 * h * kv1, u0 + 0.5 * h * ku1), ku2 = du(k, v0 + 0.5 * h * kv1, u0 + 0.5 * h * ku1);
        const double kv3 = dv(k, v0 + 0.5 * h * kv2, u0 + 0.5 * h * ku2), ku3 = du(k, v0 + 0.5 * h * kv2, u0 + 0.5 * h * ku2);
        const double kv4 = dv(k, v0 + h * kv3, u0 + h * ku3), ku4 = du(k, v0 + h * kv3, u0 + h * ku3);
        // An input jump far above v_peak would make the stages explode (finite, but meaningless):
        // a neuron already past the peak when the step starts fires now, from the jumped state.
        const bool past = v0 >= k.v_peak;
        v = ThresholdReset::select(past, v0, v0 + h / 6 * (kv1 + 2 * kv2 + 2 * kv3 + kv4));
        u = ThresholdReset::select(past, u0, u0 + h / 6 * (ku1 + 2 * ku2 + 2 * ku3 + ku4));
    }
    /// Spike: v reached v_peak; v resets to c and u steps up by d.
    [[gnu::always_inline]] static bool fire(const Constants& k, std::int32_t&, double& v, double& u) {
        const bool f = v >= k.v_peak;
        v = ThresholdReset::select(f, k.c, v);
        u += f ? k.d : 0.0;  // a select: GCC 12 does not vectorise a bool -> double conversion
        return f;
    }
};

}  // namespace plastica
