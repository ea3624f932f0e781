#pragma once
// SpikeTraces — per-neuron synaptic traces for spike-timing rules, decayed lazily.
//
// A trace x jumps at each spike of its neuron and decays between spikes,
//   dx/dt = -x / tau,   at a spike: x -> x + 1 (all-to-all pairing) or x -> 1 (nearest spike),
// (Morrison, Diesmann & Gerstner 2008, Biol. Cybern. 98:459, section 4.1). The traces live per
// neuron, not per synapse (DESIGN.md), and are stored as their values just before and just
// after the neuron's last spike together with that spike's step; a read at step t multiplies by
// exp(-(t - last) dt / tau), taken from a table for lags up to kTableSteps (exactly the value
// std::exp gives) and computed beyond. Nothing is done on steps without spikes.
//
// Reads distinguish t^- (before a spike at step t: the value a pre spike pairs with when the
// post neuron fires in the same step, and the o2 / r2 of the triplet rule) from t^+ (after it).
// Only the neuron's owner thread writes (spike(), update phase); every thread may read in the
// delivery phase.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/check.hpp"
#include "sim/population.hpp"

namespace plastica {

/// exp(-n dt / tau) for n >= 0 steps: tabulated for short lags, computed for long ones.
class DecayTable {
public:
    static constexpr std::size_t kTableSteps = 8192;
    void prepare(double tau_ms, double dt, const std::string& where, const std::string& key) {
        check::positive(where, key, tau_ms);
        rate_ = dt / tau_ms;
        table_.resize(kTableSteps);
        for (std::size_t n = 0; n < kTableSteps; ++n) table_[n] = std::exp(-static_cast<double>(n) * rate_);
    }
    double operator()(Step n) const {
        return static_cast<std::uint64_t>(n) < kTableSteps ? table_[static_cast<std::size_t>(n)]
                                                           : std::exp(-static_cast<double>(n) * rate_);
    }

private:
    double rate_ = 0;
    std::vector<double> table_;
};

/// One kind of trace: its time constant and how a spike changes it.
struct TraceKind {
    double tau_ms = 20;   ///< decay time constant (ms)
    bool nearest = false; ///< true: a spike resets the trace to 1; false: adds 1
};

/// N traces per neuron of one population (N kinds with their own time constants).
template <std::size_t N>
class SpikeTraces {
public:
    /// Step before any spike: traces read as zero.
    static constexpr Step kNever = std::numeric_limits<Step>::min() / 4;

    void prepare(Index n, const std::array<TraceKind, N>& kinds, double dt, const std::string& where,
                 const std::array<const char*, N>& keys) {
        kinds_ = kinds;
        for (std::size_t m = 0; m < N; ++m) decay_[m].prepare(kinds[m].tau_ms, dt, where, keys[m]);
        state_.assign(n, State{});
    }
    Index size() const { return static_cast<Index>(state_.size()); }

    /// Neuron i spiked at step t (owner thread, once per step at most).
    void spike(Index i, Step t) {
        State& s = state_[i];
        for (std::size_t m = 0; m < N; ++m) {
            const double v = s.after[m] * decay_[m](t - s.last);
            s.before[m] = v;
            s.after[m] = kinds_[m].nearest ? 1.0 : v + 1.0;
        }
        s.last = t;
    }
    /// Trace m of neuron i at step t, not counting a spike of i at step t (t^-).
    double before(Index i, std::size_t m, Step t) const {
        const State& s = state_[i];
        return s.last == t ? s.before[m] : s.after[m] * decay_[m](t - s.last);
    }
    /// Trace m of neuron i at step t, counting a spike of i at step t (t^+).
    double after(Index i, std::size_t m, Step t) const {
        const State& s = state_[i];
        return s.after[m] * decay_[m](t - s.last);
    }
    /// Asks for neuron i's state to be brought into cache.
    void prefetch(Index i) const { __builtin_prefetch(&state_[i]); }
    std::size_t bytes() const { return state_.capacity() * sizeof(State) + N * DecayTable::kTableSteps * sizeof(double); }

private:
    struct State {
        Step last = kNever;
        std::array<double, N> before{}, after{};
    };
    std::array<TraceKind, N> kinds_{};
    std::array<DecayTable, N> decay_;
    std::vector<State> state_;
};

}  // namespace plastica
