#pragma once
// lif_delta — leaky integrate-and-fire neuron with delta (voltage-jump) synapses: the model of
// Brunel 2000 (J. Comput. Neurosci. 8:183, eq. 1; as NEST's iaf_psc_delta).
//
//   tau_m dV/dt = -(V - E_L) + R I_e,   a spike of weight J (mV) makes V += J at its arrival
//
// The subthreshold decay is exact. Input that arrives at the end of a step is added after the
// decay and tested against threshold at that instant (input_lead = 1: the step reads the slot of
// the time it ends at), so a spike with delay D moves V exactly D after it was emitted. Input
// arriving during the refractory period is discarded (NEST's default).
#include <array>
#include <cmath>
#include <vector>

#include "models/params.hpp"
#include "models/threshold_reset.hpp"

namespace plastica {

struct LifDelta {
    static constexpr const char* name = "lif_delta";
    static constexpr const char* weight_unit = "mV";
    static constexpr bool conductance_based = false;
    static constexpr int input_lead = 1;

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_LIF_DELTA_PARAMS(X) \
        X(tau_m, 20, "ms", positive, "membrane time constant") \
        X(c_m, 250, "pF", positive, "membrane capacitance") \
        X(e_l, 0, "mV", any, "resting potential") \
        X(v_th, 20, "mV", any, "spike threshold") \
        X(v_reset, 10, "mV", any, "reset potential") \
        X(t_ref, 2, "ms", non_negative, "absolute refractory period") \
        X(i_e, 0, "pA", any, "constant injected current")
    /// Parameters (defaults: Brunel 2000, potentials relative to rest).
    struct Params {
        PLASTICA_LIF_DELTA_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_LIF_DELTA_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }

    static constexpr std::array<const char*, 1> state_names = {"v"};
    static std::array<double, 1> resting_state(const Params& p) { return {p.e_l}; }

    struct Constants {
        double p22, p20, e_l, i_e;
        ThresholdReset spike;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        return {std::exp(-h / p.tau_m), -p.tau_m / p.c_m * std::expm1(-h / p.tau_m), p.e_l, p.i_e,
                ThresholdReset::make(p.v_th, p.v_reset, p.t_ref, h, where)};
    }

    /// Branch-free step of one neuron (threshold and reset: NeuronPopulation::update).
    /// Input arriving while refractory is discarded with the clamp.
    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v) {
        v = k.spike.clamp(ref, k.e_l + k.p22 * (v - k.e_l) + k.p20 * k.i_e + in_exc + in_inh);
    }
};

}  // namespace plastica
