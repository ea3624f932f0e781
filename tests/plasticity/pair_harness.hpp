#pragma once
// Test harness for spike-timing rules: presynaptic spike sources at given times onto lif_delta
// neurons whose spikes are forced at given times by a "teacher" source (100 mV after one step).
// The references are plasticity/explicit_sums.hpp (sums over earlier spikes, no traces).
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "models/lif_delta.hpp"
#include "plasticity/explicit_sums.hpp"
#include "models/neuron_population.hpp"
#include "models/spike_source_array.hpp"
#include "sim/network.hpp"
#include "sim/recorders.hpp"
#include "sim/simulator.hpp"

namespace plastica::test {

/// A network of n_pre sources all-to-all onto n_post forced neurons (weights w0, delay dt).
struct PairNetwork {
    std::unique_ptr<Network> net;
    Projection* proj = nullptr;

    PairNetwork(const std::vector<std::vector<double>>& pre_ms, const std::vector<std::vector<double>>& post_ms, double w0,
                double dt = 0.1, Receptor receptor = Receptor::exc) {
        net = std::make_unique<Network>(dt, 7);
        net->add(std::make_unique<SpikeSourceArray>("pre", pre_ms));
        std::vector<std::vector<double>> teacher = post_ms;
        for (auto& v : teacher)
            for (double& t : v) t -= dt;  // a teacher spike at T forces a post spike at T + dt
        net->add(std::make_unique<SpikeSourceArray>("teacher", teacher));
        LifDelta::Params p;
        p.t_ref = 0.5;
        net->add(std::make_unique<NeuronPopulation<LifDelta>>("post", static_cast<Index>(post_ms.size()), p));
        net->connect("teacher", "post", ConnectionRule::one_to_one(), {Receptor::exc, Distribution::constant(100), Distribution::constant(dt)});
        proj = &net->connect("pre", "post", ConnectionRule::all_to_all(), {receptor, Distribution::constant(w0), Distribution::constant(dt)});
    }
    /// Runs for `ms` with `threads` threads; returns the post spike times (ms) per neuron.
    std::vector<std::vector<double>> run(double ms, int threads = 1) {
        Simulator sim(*net, threads);
        SpikeRecorder rec("post");
        sim.add_monitor(rec);
        sim.run(ms);
        std::vector<std::vector<double>> out(net->population("post").size());
        const auto t = rec.times_ms();
        for (std::size_t q = 0; q < t.size(); ++q) out[rec.ids()[q]].push_back(t[q]);
        return out;
    }
};

}  // namespace plastica::test
