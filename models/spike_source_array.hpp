#pragma once
// spike_source_array — neurons that emit given spike times. Times are in ms and must lie on the
// simulation grid (a whole number of steps, at least one step): a spike at time T is emitted by
// the update step that ends at T.
#include <vector>

#include "sim/population.hpp"

namespace plastica {

class SpikeSourceArray final : public Population {
public:
    /// `times_ms[i]`: spike times of neuron i (any order; duplicates are an error).
    SpikeSourceArray(std::string name, std::vector<std::vector<double>> times_ms);

    std::string model() const override { return "spike_source_array"; }
    bool accepts_input() const override { return false; }
    void prepare(const RunContext& ctx, std::size_t slots) override;
    void update(Step t, Index begin, Index end, SpikeList& spikes) override;

private:
    struct Event {
        Step step;
        Index neuron;
        bool operator<(const Event& o) const { return step != o.step ? step < o.step : neuron < o.neuron; }
    };
    std::vector<std::vector<double>> times_;
    std::vector<Event> events_;  // sorted by (step, neuron)
};

}  // namespace plastica
