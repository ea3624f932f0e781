#pragma once
// Integer simulation time. Time is always `step * dt`; it is never accumulated in floating point.
//
// Convention: update step t advances every neuron from time t*dt to (t+1)*dt. A spike produced
// by update step t carries the time (t+1)*dt (the end of the step in which threshold was
// crossed, as in NEST). Input that arrives at time s*dt is consumed at the start of update s.
#include <cmath>
#include <cstdint>
#include <string>

#include "sim/check.hpp"

namespace plastica {

/// Simulation step counter.
using Step = std::int64_t;

/// The most steps any duration, delay or time may span: times t * dt are exact in a double up to
/// 2^53 steps, and every sum of a step and a delay stays far from int64 overflow.
inline constexpr Step kMaxSteps = Step{1} << 53;

/// Converts a duration in ms to a whole number of steps of `dt` ms. Durations that are not a
/// whole number of steps are an error, not a rounding (DESIGN.md, "Integer time").
inline Step steps_of(const std::string& where, const std::string& key, double ms, double dt) {
    check::non_negative(where, key, ms);
    const double n = ms / dt;
    if (!(n <= static_cast<double>(kMaxSteps)))
        throw Error(where, key, to_text(ms) + " ms",
                    "is too large: " + to_text(n) + " steps of dt = " + to_text(dt) + " ms exceed the step counter (2^53 steps)");
    const double r = std::nearbyint(n);
    if (std::fabs(n - r) > 1e-6 * std::max(1.0, r))
        throw Error(where, key, to_text(ms) + " ms",
                    "is not a whole number of steps of dt = " + to_text(dt) + " ms");
    if (ms > 0 && r < 1)  // e.g. dt far larger than the durations it must divide
        throw Error(where, key, to_text(ms) + " ms", "is shorter than one step of dt = " + to_text(dt) + " ms");
    return static_cast<Step>(r);
}

/// A positive interval (recording, sampling, sweeps) in whole steps of `dt`: an error when it is
/// off the grid or shorter than one step.
inline Step interval_steps(const std::string& where, const std::string& key, double ms, double dt) {
    const Step n = steps_of(where, key, ms, dt);
    if (n < 1) throw Error(where, key, to_text(ms) + " ms", "must be at least dt = " + to_text(dt) + " ms");
    return n;
}

/// Time in ms at the end of update step t (the time stamp of a spike emitted by that step).
inline double spike_time_ms(Step t, double dt) { return static_cast<double>(t + 1) * dt; }

}  // namespace plastica
