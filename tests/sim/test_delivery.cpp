// Spike delivery: a spike emitted at time T with delay D acts at exactly T + D.
#include <catch2/catch.hpp>

#include "../helpers.hpp"
#include "models/lif_curr_exp.hpp"
#include "models/lif_delta.hpp"
#include "models/neuron_population.hpp"
#include "models/spike_source_array.hpp"

using namespace plastica;

TEST_CASE("a spike arrives exactly `delay` steps later", "[sim][delivery]") {
    const double dt = 0.1, T = 2.0;
    for (double delay : {0.1, 0.5, 1.5, 3.0}) {
        for (int threads : {1, 2}) {
            Network net(dt, 1);
            net.add(std::make_unique<SpikeSourceArray>("src", std::vector<std::vector<double>>{{T}}));
            LifDelta::Params p;
            p.v_th = 1e9;
            net.add(std::make_unique<NeuronPopulation<LifDelta>>("n", 40, p));
            net.connect("src", "n", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(1.0), Distribution::constant(delay)});
            StateRecorder v("n", "v", {0, 39}, dt);
            Simulator sim(net, threads);
            sim.add_monitor(v);
            sim.run(10);
            // The delta synapse moves V at T + D exactly: 0 before, 1 mV at T + D, then decaying.
            for (std::size_t s = 0; s < v.times_ms().size(); ++s) {
                const double t = v.times_ms()[s];
                for (int c = 0; c < 2; ++c) {
                    const double x = v.values()[s * 2 + c];
                    if (t < T + delay - 1e-9) REQUIRE(x == 0.0);
                    else if (t < T + delay + 1e-9) REQUIRE(x == Approx(1.0).epsilon(1e-12));
                    else REQUIRE(x > 0.0);
                }
            }
        }
    }
}

TEST_CASE("per-synapse delays deliver each synapse at its own time", "[sim][delivery]") {
    const double dt = 0.1;
    Network net(dt, 1);
    net.add(std::make_unique<SpikeSourceArray>("src", std::vector<std::vector<double>>{{1.0}}));
    LifDelta::Params p;
    p.v_th = 1e9;
    p.tau_m = 1e12;  // no decay: V counts arrivals
    net.add(std::make_unique<NeuronPopulation<LifDelta>>("n", 3, p));
    auto rule = ConnectionRule::pairs({{0, 0}, {0, 1}, {0, 2}});
    rule.pair_delays = {0.1, 0.7, 2.0};
    net.connect("src", "n", rule, {Receptor::exc, Distribution::constant(1.0), Distribution::constant(0.1)});
    StateRecorder v("n", "v", {0, 1, 2}, dt);
    Simulator sim(net, 2);
    sim.add_monitor(v);
    sim.run(5);
    const double arrive[3] = {1.1, 1.7, 3.0};
    for (std::size_t s = 0; s < v.times_ms().size(); ++s)
        for (int c = 0; c < 3; ++c) REQUIRE(v.values()[s * 3 + c] == (v.times_ms()[s] >= arrive[c] - 1e-9 ? Approx(1.0) : Approx(0.0)));
}

TEST_CASE("synaptic events are counted per delivered synapse", "[sim][delivery]") {
    Network net(0.1, 1);
    net.add(std::make_unique<SpikeSourceArray>("src", std::vector<std::vector<double>>{{1.0, 2.0}, {1.5}}));
    net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("n", 10, LifCurrExp::Params{}));
    net.connect("src", "n", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(1.0), Distribution::constant(0.1)});
    Simulator sim(net, 2);
    sim.run(5);
    CHECK(sim.synaptic_events() == 30);
    CHECK(sim.spike_counts()[0] == 3);
}

TEST_CASE("delivery reaches the last neuron with 16-bit and with 32-bit target indices", "[sim][delivery]") {
    // 65536 neurons is the largest population with 16-bit indices (TargetIndices); one more
    // switches to 32 bits. Both must deliver into the first, a middle and the last neuron.
    for (const Index n : {TargetIndices::kNarrowLimit, TargetIndices::kNarrowLimit + 1}) {
        for (int threads : {1, 2}) {
            Network net(0.1, 1);
            net.add(std::make_unique<SpikeSourceArray>("src", std::vector<std::vector<double>>{{0.5}}));
            LifDelta::Params p;
            p.v_th = 1e9;
            p.tau_m = 1e12;
            net.add(std::make_unique<NeuronPopulation<LifDelta>>("n", n, p));
            auto rule = ConnectionRule::pairs({{0, 0}, {0, n / 2}, {0, n - 1}});
            rule.pair_weights = {1.0, 2.0, 3.0};
            const auto& pr = net.connect("src", "n", rule, {Receptor::exc, Distribution::constant(1.0), Distribution::constant(0.1)});
            REQUIRE(pr.target.narrow() == (n <= 65536));
            StateRecorder v("n", "v", {0, n / 2 - 1, n / 2, n - 2, n - 1}, 0.1);
            Simulator sim(net, threads);
            sim.add_monitor(v);
            sim.run(1.0);
            const std::size_t last = v.times_ms().size() - 1;
            const double want[5] = {1.0, 0.0, 2.0, 0.0, 3.0};
            for (int c = 0; c < 5; ++c) CHECK(v.values()[last * 5 + c] == Approx(want[c]).margin(1e-9));
            CHECK(sim.synaptic_events() == 3);
        }
    }
}
