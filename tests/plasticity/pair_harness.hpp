#pragma once
// Test harness for spike-timing rules: presynaptic spike sources at given times onto lif_delta
// neurons whose spikes are forced at given times by a "teacher" source (100 mV after one step),
// and a reference that evaluates a rule from its equations by explicit sums over earlier spikes
// (no traces), rounding the weight to float32 after each update as the synapse arrays do.
#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

#include "models/lif_delta.hpp"
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

/// Spike times before t (strictly, or including t).
inline std::vector<double> earlier(const std::vector<double>& s, double t, bool inclusive) {
    std::vector<double> out;
    for (double x : s)
        if (x < t - 1e-9 || (inclusive && x < t + 1e-9)) out.push_back(x);
    return out;
}

/// Trace value from spikes `s` at time t: all-to-all sum of exp(-(t - s)/tau), or nearest only.
inline double trace(const std::vector<double>& s, double t, double tau, bool nearest) {
    if (s.empty()) return 0;
    if (nearest) return std::exp(-(t - s.back()) / tau);
    double x = 0;
    for (double v : s) x += std::exp(-(t - v) / tau);
    return x;
}

/// Reference evaluation of one synapse: events in time order (a pre and a post spike at the
/// same time: pre first). on_pre(w, pre_before, post_before, t), on_post(w, pre_upto, post_before, t)
/// receive the spike times strictly before t (and up to and including t for the pre spikes
/// that a post spike pairs with).
using RefUpdate = std::function<double(double w, const std::vector<double>& pre, const std::vector<double>& post, double t)>;
inline float reference_weight(float w0, const std::vector<double>& pre, const std::vector<double>& post, const RefUpdate& on_pre,
                              const RefUpdate& on_post) {
    struct Ev {
        double t;
        int kind;  // 0 pre, 1 post
    };
    std::vector<Ev> ev;
    for (double t : pre) ev.push_back({t, 0});
    for (double t : post) ev.push_back({t, 1});
    std::sort(ev.begin(), ev.end(), [](const Ev& a, const Ev& b) { return a.t != b.t ? a.t < b.t : a.kind < b.kind; });
    float w = w0;
    for (const Ev& e : ev) {
        if (e.kind == 0) w = static_cast<float>(on_pre(w, earlier(pre, e.t, false), earlier(post, e.t, false), e.t));
        else w = static_cast<float>(on_post(w, earlier(pre, e.t, true), earlier(post, e.t, false), e.t));
    }
    return w;
}

}  // namespace plastica::test
