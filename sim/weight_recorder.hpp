#pragma once
// WeightRecorder — snapshots of a projection's weights every `interval` ms (and at the start),
// kept in memory and/or appended to the run's HDF5 file under
//   /plastica/weights/<projection>/time      (float64, ms; one entry per snapshot)
//   /plastica/weights/<projection>/data      (snapshots x synapses, float32, the weight unit)
//   /plastica/weights/<projection>/pre, post (uint64 node ids of each recorded synapse)
// Snapshots are taken between steps: the recorder asks the simulator to end a segment at each
// snapshot step (Monitor::next_stop), so no thread is writing weights while it reads them.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/hdf5.hpp"
#include "sim/monitor.hpp"
#include "sim/network.hpp"

namespace plastica {

class WeightRecorder : public Monitor {
public:
    /// `synapses`: positions in the projection's arrays to record (empty: all). `out` may be null.
    WeightRecorder(std::string projection, double interval_ms, std::vector<std::uint64_t> synapses = {},
                   H5File* out = nullptr, bool keep_in_memory = true);

    void attach(const Network& net) override;
    void end_segment(Step last) override;
    Step next_stop(Step now) const override { return (now / interval_ + 1) * interval_; }
    void io_state(StateIO& io) override;

    /// Snapshot times (ms) and weights: weights()[snapshot * synapses().size() + column].
    const std::vector<double>& times_ms() const { return times_; }
    const std::vector<float>& weights() const { return weights_; }
    const std::vector<std::uint64_t>& synapses() const { return synapses_; }
    /// The last snapshot.
    std::vector<float> last() const;

private:
    void snapshot(Step t);
    std::string name_;
    double interval_ms_;
    std::vector<std::uint64_t> synapses_;
    H5File* out_;
    bool keep_;
    const Projection* proj_ = nullptr;
    double dt_ = 0.1;
    Step interval_ = 1;
    Step last_ = -1;  // step of the last snapshot
    std::vector<double> times_;
    std::vector<float> weights_, row_;
};

}  // namespace plastica
