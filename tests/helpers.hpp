#pragma once
// Small helpers shared by the tests: run a network and collect spikes.
#include <memory>
#include <vector>

#include "sim/network.hpp"
#include "sim/recorders.hpp"
#include "sim/simulator.hpp"

namespace plastica::test {

struct Spikes {
    std::vector<Step> steps;
    std::vector<Index> ids;
    bool operator==(const Spikes& o) const { return steps == o.steps && ids == o.ids; }
};

/// Runs `net` for `ms` with `threads` threads and returns the spikes of population `pop`.
inline Spikes run_and_record(Network& net, const std::string& pop, double ms, int threads) {
    Simulator sim(net, threads);
    SpikeRecorder rec(pop);
    sim.add_monitor(rec);
    sim.run(ms);
    return {rec.steps(), rec.ids()};
}

}  // namespace plastica::test
