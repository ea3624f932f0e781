#pragma once
// SpikeTraces — per-neuron synaptic traces for spike-timing rules, decayed lazily.
//
// A trace x jumps at each spike of its neuron and decays between spikes,
//   dx/dt = -x / tau,   at a spike: x -> x + 1 (all-to-all pairing) or x -> 1 (nearest spike),
// (Morrison, Diesmann & Gerstner 2008, Biol. Cybern. 98:459, section 4.1). The traces live per
// neuron, not per synapse (DESIGN.md), and are stored as their values just before and just
// after the neuron's last spike together with that spike's step; a read at step t multiplies by
// exp(-(t - last) dt / tau) from DecayTable (exactly std::exp's value for lags up to kTableSteps,
// as close as the rounded argument allows beyond). Nothing is done on steps without spikes.
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
#include "sim/state_io.hpp"

namespace plastica {

/// exp(-n dt / tau) for n >= 0 steps: a table for short lags, a product of two table entries for
/// long ones. Long lags are common (a neuron of a winner-take-all layer may stay silent for
/// minutes) and a std::exp per read made them the cost of a plastic synapse: beyond the table,
/// exp(-n r) = exp(-(n mod K) r) exp(-(n div K) K r), both factors tabulated. That differs from
/// std::exp(-n r) by what rounding the argument n r costs either (relative n r 2^-51 at most,
/// tests/plasticity/test_traces.cpp) and is the same number wherever it is read;
/// lags whose value underflows (n r > 746) read exactly 0, as std::exp does.
class DecayTable {
public:
    static constexpr std::size_t kTableSteps = 8192;  // K, a power of two
    static constexpr std::size_t kLongSteps = 64;     // table of exp(-q K r), q < 64
    void prepare(double tau_ms, double dt, const std::string& where, const std::string& key) {
        check::positive(where, key, tau_ms);
        rate_ = dt / tau_ms;
        table_.resize(kTableSteps + kLongSteps);
        for (std::size_t n = 0; n < kTableSteps; ++n) table_[n] = std::exp(-static_cast<double>(n) * rate_);
        for (std::size_t q = 0; q < kLongSteps; ++q)
            table_[kTableSteps + q] = std::exp(-static_cast<double>(q * kTableSteps) * rate_);
    }
    double operator()(Step n) const {
        const auto u = static_cast<std::uint64_t>(n);
        if (u < kTableSteps) return table_[static_cast<std::size_t>(u)];
        if (static_cast<double>(n) * rate_ > 746) return 0.0;  // below the smallest subnormal
        const std::uint64_t q = u / kTableSteps;
        if (q < kLongSteps) return table_[static_cast<std::size_t>(u % kTableSteps)] * table_[kTableSteps + static_cast<std::size_t>(q)];
        return std::exp(-static_cast<double>(n) * rate_);  // very slow decays only (tau > 2.6e5 dt)
    }
    std::size_t bytes() const { return table_.capacity() * sizeof(double); }

private:
    double rate_ = 0;
    std::vector<double> table_;
};

/// Which trace values a rule's kernel reads at an event: t^- (before) and t^+ (after), per kind.
template <std::size_t N>
struct TraceReads {
    std::array<bool, N> before{}, after{};
};

/// A view of N traces that answers 0.5 and records what is read (TraceRule probes its kernel).
template <std::size_t N>
struct ProbeTraces {
    mutable TraceReads<N> reads;
    double before(Index, std::size_t m, Step) const { return reads.before[m] = true, 0.5; }
    double after(Index, std::size_t m, Step) const { return reads.after[m] = true, 0.5; }
    void prefetch(Index) const {}
};

/// The traces of every neuron of a population at one step, as arrays (SpikeTraces::fill): read
/// in a synapse loop they are a plain (vectorisable) load instead of a lazy decay per synapse.
/// Only the values the kernel was probed to read are filled; the others are null.
template <std::size_t N>
struct TraceArrays {
    std::array<const double*, N> b{}, a{};
    double before(Index i, std::size_t m, Step) const { return b[m][i]; }
    double after(Index i, std::size_t m, Step) const { return a[m][i]; }
    void prefetch(Index) const {}
};

/// The traces of one neuron at one step.
template <std::size_t N>
struct NeuronTraces {
    std::array<double, N> b{}, a{};
    double before(Index, std::size_t m, Step) const { return b[m]; }
    double after(Index, std::size_t m, Step) const { return a[m]; }
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
    /// Neuron i's traces at step t, before and after (the same values as before() and after()).
    NeuronTraces<N> at(Index i, Step t) const {
        NeuronTraces<N> v;
        for (std::size_t m = 0; m < N; ++m) v.b[m] = before(i, m, t), v.a[m] = after(i, m, t);
        return v;
    }
    /// The traces at step t of neurons [begin, end), those in `reads` only, computed into
    /// `scratch` (arrays indexed by neuron; entries outside the range are not written).
    TraceArrays<N> fill(Step t, const TraceReads<N>& reads, Index begin, Index end, std::vector<double>& scratch) const {
        const std::size_t n = state_.size();
        scratch.resize(2 * N * n);
        TraceArrays<N> v;
        for (std::size_t m = 0; m < N; ++m) {
            if (reads.before[m]) {
                double* o = scratch.data() + 2 * m * n;
                for (Index i = begin; i < end; ++i) o[i] = before(i, m, t);
                v.b[m] = o;
            }
            if (reads.after[m]) {
                double* o = scratch.data() + (2 * m + 1) * n;
                for (Index i = begin; i < end; ++i) o[i] = after(i, m, t);
                v.a[m] = o;
            }
        }
        return v;
    }
    /// Saves or loads the traces (sim/state_io.hpp) under `key`: last spike steps and values.
    void io_state(StateIO& io, const std::string& key) {
        std::vector<Step> last(state_.size());
        std::vector<double> before(state_.size() * N), after(state_.size() * N);
        for (std::size_t i = 0; i < state_.size(); ++i) {
            last[i] = state_[i].last;
            for (std::size_t m = 0; m < N; ++m) before[i * N + m] = state_[i].before[m], after[i * N + m] = state_[i].after[m];
        }
        io.array(key + "_last", last);
        io.array(key + "_before", before);
        io.array(key + "_after", after);
        if (io.saving()) return;
        for (std::size_t i = 0; i < state_.size(); ++i) {
            state_[i].last = last[i];
            for (std::size_t m = 0; m < N; ++m) state_[i].before[m] = before[i * N + m], state_[i].after[m] = after[i * N + m];
        }
    }
    /// The latest step at which any neuron spiked (kNever when none did): a run must not start
    /// before it, or reads would decay by a negative lag (Simulator::run checks).
    Step latest() const {
        Step t = kNever;
        for (const State& s : state_) t = std::max(t, s.last);
        return t;
    }
    /// Asks for neuron i's state to be brought into cache.
    void prefetch(Index i) const { __builtin_prefetch(&state_[i]); }
    std::size_t bytes() const {
        std::size_t b = state_.capacity() * sizeof(State);
        for (const auto& d : decay_) b += d.bytes();
        return b;
    }

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
