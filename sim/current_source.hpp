#pragma once
// CurrentSource — an electrode: a current (pA) injected into chosen neurons of one population,
// step by step, inside the engine's step loop (no run split at change times, no Python per step).
// The four kinds are those of NEST's generators and PyNN's electrodes:
//
//   dc     amplitude between start and stop                      (dc_generator, DCSource)
//   step   amplitudes[k] from times[k] on                         (step_current_generator, StepCurrentSource)
//   ac     offset + amplitude sin(2 pi f (t - start) + phase)     (ac_generator, ACSource)
//          between start and stop; phase in degrees, at t = start (as pyNN.nest and pyNN.brian2)
//   noise  mean + stdev N(0, 1), a new value every `interval`     (noise_generator, NoisyCurrentSource)
//          between start and stop, independent for every target neuron (as NEST: one draw
//          shared by every target, as pyNN.brian2 does, would correlate the cells)
//
// Time is the step grid: step t (from t*dt to (t+1)*dt) receives the current at t*dt, and times
// are rounded to the nearest step (start, stop, times[k]), so a current switched on at 10 ms acts
// from the step that starts at 10 ms. The current adds to the model's own i_e for that step; it
// is never folded into the parameters, so changing a source between runs changes nothing else.
// The noise draw of neuron i in interval k is keyed by (seed, source, i, k), so a run gives the
// same currents at any thread count, after a reset, and after a checkpoint: nothing about a
// source changes while running, so it has no state to save.
#include <cstdint>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "sim/time.hpp"

namespace plastica {

/// Neuron index inside a population (as sim/population.hpp).
using Index = std::uint32_t;

/// The kinds of electrode.
enum class CurrentKind : std::uint8_t { dc, step, ac, noise };

/// An electrode's settings: a kind, the scalar parameters of its kind, and for `step` the
/// change times and amplitudes. The one declaration of each scalar parameter is below.
struct CurrentSource {
    // name, default, unit, constraint, doc (models/params.hpp). `stop` defaults to 1e12 ms, as
    // PyNN's electrodes: never within a run.
    #define PLASTICA_CURRENT_PARAMS(X) \
        X(amplitude, 0, "pA", any, "dc: the current; ac: the sine's amplitude") \
        X(offset, 0, "pA", any, "ac: the sine's offset") \
        X(frequency, 10, "Hz", non_negative, "ac: the sine's frequency") \
        X(phase, 0, "deg", any, "ac: the sine's phase at start") \
        X(mean, 0, "pA", any, "noise: the mean current") \
        X(stdev, 0, "pA", non_negative, "noise: the standard deviation") \
        X(interval, 0, "ms", non_negative, "noise: how long each value holds (a multiple of dt; 0: one step)") \
        X(start, 0, "ms", non_negative, "dc, ac, noise: when the current starts") \
        X(stop, 1e12, "ms", non_negative, "dc, ac, noise: when it stops")
    struct Params {
        PLASTICA_CURRENT_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    /// Every scalar parameter (all kinds).
    static const std::vector<ParamField<Params>>& fields();
    /// The scalar parameters of one kind, in declaration order.
    static std::vector<ParamField<Params>> fields(CurrentKind kind);

    CurrentKind kind = CurrentKind::dc;
    Params params;
    std::vector<double> times;       ///< step: change times (ms), increasing
    std::vector<double> amplitudes;  ///< step: the current from each time on (pA)

    /// Sets a scalar parameter of this kind by name; other names are an Error listing the kind's.
    void set(const std::string& name, double value, const std::string& where);
    /// Checks every parameter against `dt` and puts the times on the step grid (start, stop,
    /// interval and step times must be whole steps, as every duration in Plastica: DESIGN.md,
    /// "Integer time"; a stop beyond the step counter means never). Called whenever a parameter
    /// changes (Network::add_current, Network::set_current).
    void prepare(double dt, const std::string& where);

    /// The current of step t shared by every target (dc, step, ac; 0 outside the window), or
    /// for noise the mean (the caller adds stdev times neuron i's draw). After prepare().
    double shared_value(Step t) const;
    /// Whether step t is inside [start, stop) (step: from the first time on).
    bool active(Step t) const { return t >= start_step_ && t < stop_step_; }
    /// The index of the noise value step t belongs to (noise only).
    Step noise_interval(Step t) const { return (t - start_step_) / interval_steps_; }

private:
    double dt_ = 0;
    Step start_step_ = 0, stop_step_ = 0, interval_steps_ = 1;
    std::vector<Step> step_steps_;  // step: the change steps
};

/// The kind called `name` (dc, step, ac, noise); others are an Error naming `where`.
CurrentKind current_kind(const std::string& name, const std::string& where);
const char* current_kind_name(CurrentKind k);
/// The kinds with their one-line docs, as `plastica currents` lists them.
std::vector<std::pair<std::string, std::string>> current_kinds();
/// A kind's parameters with their defaults (step: its lists, times and amplitudes, default empty).
std::vector<ParamInfo> current_params(CurrentKind kind);

/// A source as the engine runs it: its settings on the step grid, its targets, and the key of
/// its noise. Populations hold these (Population::add_current); the Network owns the sources.
class CurrentInjection {
public:
    /// `targets`: neuron indices of the population (sorted, unique), or empty for all of them;
    /// `source` and `targets` are the electrode's own (the Network keeps them at fixed
    /// addresses), so an injection is a view and cheap to make. `id` (the source's index in the
    /// network) keys its noise.
    CurrentInjection(const CurrentSource* source, std::uint32_t id, const std::vector<Index>* targets, std::uint32_t seed);

    /// Adds this source's current of step t to out[i] for the targets i in [begin, end).
    void add(Step t, Index begin, Index end, double* out) const;
    /// The current of step t into target neuron i (the same value add() gives).
    double value(Step t, Index i) const;
    const CurrentSource& source() const { return *source_; }
    const std::vector<Index>& targets() const { return *targets_; }
    bool targets_all() const { return targets_->empty(); }

private:
    double noise(Step t, Index i) const;

    const CurrentSource* source_;
    std::uint32_t stream_;
    const std::vector<Index>* targets_;
    std::uint32_t seed_;
};

}  // namespace plastica
