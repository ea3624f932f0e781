#include "models/spike_source_array.hpp"

#include <algorithm>

#include "sim/check.hpp"

namespace plastica {

SpikeSourceArray::SpikeSourceArray(std::string name, std::vector<std::vector<double>> times_ms)
    : Population(std::move(name), static_cast<Index>(times_ms.size())), times_(std::move(times_ms)) {
    for (std::size_t i = 0; i < times_.size(); ++i)
        for (double t : times_[i]) check::non_negative("population '" + this->name() + "'", "spike_times[" + std::to_string(i) + "]", t);
}

void SpikeSourceArray::prepare(const RunContext& ctx, std::size_t slots) {
    input_.resize(std::max<std::size_t>(slots, 1), 0);
    events_.clear();
    const std::string where = "population '" + name() + "' (spike_source_array)";
    for (Index i = 0; i < times_.size(); ++i)
        for (double t : times_[i]) {
            const std::string key = "spike_times[" + std::to_string(i) + "]";
            const Step s = steps_of(where, key, t, ctx.dt);
            if (s < 1) throw Error(where, key, to_text(t) + " ms", "spike times must be >= dt");
            events_.push_back({s - 1, i});
        }
    std::sort(events_.begin(), events_.end());
    for (std::size_t e = 1; e < events_.size(); ++e)
        if (!(events_[e - 1] < events_[e]))
            throw Error(where, "spike_times[" + std::to_string(events_[e].neuron) + "]",
                        to_text(static_cast<double>(events_[e].step + 1) * ctx.dt) + " ms", "duplicate spike time");
}

void SpikeSourceArray::update(Step t, Index begin, Index end, SpikeList& spikes) {
    auto it = std::lower_bound(events_.begin(), events_.end(), Event{t, begin});
    for (; it != events_.end() && it->step == t && it->neuron < end; ++it) spikes.push_back(it->neuron);
}

}  // namespace plastica
