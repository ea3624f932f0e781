#pragma once
// Threshold, reset and absolute refractory period shared by the integrate-and-fire models.
//
// After a spike the membrane is clamped at v_reset for `t_ref` (a whole number of steps); the
// neuron integrates again from the step after. Inputs still act on synaptic currents and
// conductances during refractoriness (as in NEST's iaf_psc_exp / iaf_cond_exp).
#include <bit>
#include <cstdint>
#include <string>

#include "sim/time.hpp"

namespace plastica {

/// Threshold/reset/refractory policy in integer steps.
struct ThresholdReset {
    double v_th = -50;        ///< spike threshold (mV)
    double v_reset = -60;     ///< reset potential (mV)
    std::int32_t ref_steps = 0;

    static ThresholdReset make(double v_th, double v_reset, double t_ref, double dt, const std::string& where) {
        check::finite(where, "v_th", v_th);
        check::finite(where, "v_reset", v_reset);
        if (!(v_reset < v_th)) throw Error(where, "v_reset", to_text(v_reset), "must be below v_th = " + to_text(v_th));
        return {v_th, v_reset, static_cast<std::int32_t>(steps_of(where, "t_ref", t_ref, dt))};
    }

    /// The new membrane potential: `free` (the integrated value) unless the neuron is
    /// refractory, in which case it stays clamped at v_reset and the count goes down one step.
    /// Branch-free (a bitwise select, exact) so that the integration loop vectorises even where
    /// the target has no masked stores: GCC 12 sinks the computation of `free` into one arm of a
    /// `?:` and then gives up on the loop ("control flow in loop") for SSE and AVX2.
    double clamp(std::int32_t& ref, double free) const {
        const bool r = ref > 0;
        ref -= r;
        return select(r, v_reset, free);
    }
    /// `c ? a : b` as bit operations: exact, and vectorisable on any SIMD target.
    static double select(bool c, double a, double b) {
        const std::uint64_t m = std::uint64_t{0} - static_cast<std::uint64_t>(c);
        return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & m) | (std::bit_cast<std::uint64_t>(b) & ~m));
    }
    /// Emits a spike when v crossed threshold: resets v and starts the refractory count.
    /// Branch-free (the neuron loop runs it vectorised right after the integration).
    [[gnu::always_inline]] bool fire(double& v, std::int32_t& ref) const {
        const bool f = v >= v_th;
        v = select(f, v_reset, v);
        ref += (ref_steps - ref) & -static_cast<std::int32_t>(f);
        return f;
    }
};

/// Exact one-step decay factor of an exponential synapse, exp(-dt/tau).
inline double decay_factor(double dt, double tau) { return std::exp(-dt / tau); }

}  // namespace plastica
