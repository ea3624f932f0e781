#pragma once
// Monitor — the interface of recorders and online statistics. The simulator calls:
//   begin_segment / end_segment  serially around each stretch of steps (flush to disk there);
//   after_update(t, pop, range)  from the thread that owns `range`, right after it updated it
//                                (sample state without races);
//   on_spikes(t, spikes)         from one thread once per step, with all spikes of step t.
#include <cstdint>
#include <vector>

#include "sim/partition.hpp"
#include "sim/population.hpp"

namespace plastica {

class Network;

/// All spikes of one step: for population p, the lists of each thread in thread order, which
/// concatenate to increasing neuron index.
class StepSpikes {
public:
    StepSpikes(const std::vector<std::vector<std::vector<Index>>>* lists, int threads) : lists_(lists), threads_(threads) {}
    template <class F>
    void for_each(std::uint32_t pop, F&& f) const {
        for (int k = 0; k < threads_; ++k)
            for (Index i : (*lists_)[k][pop]) f(i);
    }
    std::size_t count(std::uint32_t pop) const {
        std::size_t n = 0;
        for (int k = 0; k < threads_; ++k) n += (*lists_)[k][pop].size();
        return n;
    }

private:
    const std::vector<std::vector<std::vector<Index>>>* lists_;  // [thread][population]
    int threads_;
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
};

}  // namespace plastica
