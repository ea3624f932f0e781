#pragma once
// Simulator — runs a Network on the integer step clock with OpenMP threads.
//
// One step (DESIGN.md): every thread updates its own range of every population (collecting its
// spikes), barrier, then every thread delivers all of the step's spikes into the ring-buffer
// slots of the target neurons it owns (no atomics; each neuron's inputs are summed in the same
// order at any thread count), and one thread hands the spikes to monitors. Because a thread
// delivers only into the neurons it updates next, one barrier per step suffices; spike lists are
// double-buffered by step parity. Monitors flush between segments of steps, outside the
// parallel region. Plasticity rules (sim/synapse_rule.hpp) run inside the same phases; a network
// with rules takes a second barrier at the end of each step, because a rule's per-neuron state
// written in the update phase is read by every thread during delivery.
//
// The clock and every other piece of running state belong to the Network (network.hpp): a
// Simulator holds only what depends on its thread count (row splits, spike lists), so a second
// Simulator over the same network, at any thread count, continues where the first stopped.
// A stop request (stop_when) ends a run at the next step boundary; all threads agree on the step
// because thread 0 decides before a barrier and everyone reads after it.
#include <atomic>
#include <chrono>
#include <functional>
#include <vector>

#include "sim/monitor.hpp"
#include "sim/network.hpp"
#include "sim/spin_barrier.hpp"

namespace plastica {

/// Progress report passed to a callback between segments.
struct Progress {
    Step done = 0, total = 0;
    double elapsed_s = 0;
};

class Simulator {
public:
    /// `threads` = 0 uses OpenMP's default.
    explicit Simulator(Network& net, int threads = 0);

    void add_monitor(Monitor& m) {
        if (prepared_) m.attach(net_);  // added after prepare(): attach now (a monitor that fails is not kept)
        monitors_.push_back(&m);
    }
    void on_progress(std::function<void(const Progress&)> f) { progress_ = std::move(f); }

    /// Advances the network by `duration_ms` (a whole number of steps). May be called repeatedly:
    /// each run continues from the network's clock. Returns false when a stop request ended it
    /// early (the network then stands at a step boundary, monitors flushed).
    bool run(double duration_ms);
    /// Advances the network to step `end` (>= now()); returns false when stopped early.
    bool run_to(Step end);
    /// Checked once per step by thread 0; when it reads true the run ends at the next step boundary.
    void stop_when(const std::atomic<bool>* flag) { stop_flag_ = flag; }
    /// The network's clock: steps taken so far; the current time is now() * dt.
    Step now() const { return net_.now(); }
    int threads() const { return threads_; }
    /// Synaptic events (spike x synapse deliveries) so far, over the network's whole history.
    std::uint64_t synaptic_events() const { return net_.synaptic_events(); }
    /// Spikes so far, per population.
    const std::vector<std::uint64_t>& spike_counts() const { return net_.spike_counts(); }

    /// Prepares populations, buffers and rules (run() does it on first use); call it first when
    /// something must change between runs before the first one (e.g. PoissonSource::set_rates).
    void prepare();

private:
    void deliver(Step t, int k, std::uint64_t& events);
    /// Delivery of projection j's spikes for thread k, compiled per target index width.
    template <class T>
    void deliver_projection(std::size_t j, const T* tgt, Step t, const RowSlicer& slice, std::uint64_t& events);
    RowSlicer slicer(std::size_t j, int k) const;
    void compute_splits();
    /// Thread k's share of steps [first, last); returns its synaptic events.
    /// Stops early (returning the step after the last one run) when a stop was requested.
    std::uint64_t run_segment(Step first, Step last, int k, SpinBarrier& barrier, Step& stopped);
    Network& net_;
    int threads_;
    bool prepared_ = false;
    std::vector<std::uint64_t> seg_spikes_;  // spikes per population in the current segment
    const std::atomic<bool>* stop_flag_ = nullptr;
    std::atomic<Step> stop_after_{INT64_MAX};  // last step of a run that was asked to stop
    std::vector<Monitor*> monitors_;
    std::function<void(const Progress&)> progress_;
    // spikes_[parity]: this step's and the previous step's spikes
    SpikeLists spikes_[2];
    // splits_[projection][pre * (threads - 1) + k - 1]: offset in the row of pre of the first
    // synapse onto thread k's target range (rows are sorted by target). Computed once, so that
    // delivery needs no binary search per spike (which mispredicted on every step at N = 64000).
    std::vector<std::vector<std::uint32_t>> splits_;
    // Rules by the population whose spikes they follow (update phase), and the projections'
    // transmission factors (short-term plasticity; null when none).
    std::vector<std::vector<SynapseRule*>> pre_rules_, post_rules_;
    std::vector<const double*> efficacy_;
    bool plastic_ = false;
};

}  // namespace plastica
