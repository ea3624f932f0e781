#pragma once
// Monitor — the interface of recorders and online statistics. The simulator calls:
//   begin_segment / end_segment  serially around each stretch of steps (flush to disk there);
//   after_update(t, pop, range)  from the thread that owns `range`, right after it updated it
//                                (sample state without races);
//   on_spikes(t, spikes)         from one thread once per step, with all spikes of step t.
// A monitor may ask for a segment to end at a given step (next_stop), so that end_segment sees
// the network between two steps.
#include <cstdint>
#include <vector>

#include "sim/partition.hpp"
#include "sim/population.hpp"
#include "sim/state_io.hpp"

namespace plastica {

class Network;

/// The spikes of one step as lists per (thread, population). Each list's header and buffer sit on
/// cache lines of their own: the owning thread writes its list every step while the others read
/// theirs, and a shared line would bounce between cores (measured: a third of the step time at
/// N = 4000 on two threads).
class SpikeLists {
public:
    void resize(int threads, std::size_t pops) {
        threads_ = threads;
        pops_ = pops;
        lists_.assign(static_cast<std::size_t>(threads) * pops, Padded{});
        for (auto& l : lists_) l.list.reserve(kAlignBytes / sizeof(Index) * 4);
    }
    int threads() const { return threads_; }
    SpikeList& at(int thread, std::size_t pop) { return lists_[static_cast<std::size_t>(thread) * pops_ + pop].list; }
    const SpikeList& at(int thread, std::size_t pop) const {
        return lists_[static_cast<std::size_t>(thread) * pops_ + pop].list;
    }

private:
    struct alignas(kAlignBytes) Padded {
        SpikeList list;
    };
    std::vector<Padded> lists_;
    int threads_ = 0;
    std::size_t pops_ = 0;
};

/// All spikes of one step: for population p, the lists of each thread in thread order, which
/// concatenate to increasing neuron index.
class StepSpikes {
public:
    explicit StepSpikes(const SpikeLists& lists) : lists_(&lists) {}
    template <class F>
    void for_each(std::uint32_t pop, F&& f) const {
        for (int k = 0; k < lists_->threads(); ++k)
            for (Index i : lists_->at(k, pop)) f(i);
    }
    std::size_t count(std::uint32_t pop) const {
        std::size_t n = 0;
        for (int k = 0; k < lists_->threads(); ++k) n += lists_->at(k, pop).size();
        return n;
    }

private:
    const SpikeLists* lists_;
};

class Monitor {
public:
    virtual ~Monitor() = default;
    /// Called once before the first step with the network being run.
    virtual void attach(const Network& /*net*/) {}
    virtual void begin_segment(Step /*first*/, Step /*last*/) {}
    virtual void after_update(Step /*t*/, std::uint32_t /*pop*/, Range /*r*/) {}
    virtual void on_spikes(Step /*t*/, const StepSpikes& /*spikes*/) {}
    virtual void end_segment(Step /*last*/) {}
    /// The first step after `now` at which this monitor wants a segment to end (e.g. to take a
    /// snapshot of the weights between steps), or kNoStop.
    virtual Step next_stop(Step /*now*/) const { return kNoStop; }
    static constexpr Step kNoStop = INT64_MAX;
    /// Saves or loads what the monitor has accumulated (counts, samples, positions in the output
    /// file) for a checkpoint (sim/state_io.hpp); called after attach. A monitor that has not
    /// implemented it cannot be part of a checkpointed run: the default refuses with an Error.
    virtual void io_state(StateIO& io);
};

}  // namespace plastica
