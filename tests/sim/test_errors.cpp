// Invalid model, network and run parameters: each a plastica::Error naming the item.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/lif_cond_exp.hpp"
#include "models/lif_curr_exp.hpp"
#include "models/neuron_population.hpp"
#include "models/registry.hpp"
#include "sim/network.hpp"
#include "sim/simulator.hpp"

using namespace plastica;

TEST_CASE("model parameters: tau and C must be positive and t_ref non-negative", "[sim][errors]") {
    auto make = [](auto mod) {
        LifCurrExp::Params p;
        mod(p);
        return NeuronPopulation<LifCurrExp>("exc", 1, p);
    };
    CHECK_THROWS_WITH(make([](auto& p) { p.tau_m = 0; }), Catch::Contains("population 'exc'") && Catch::Contains("tau_m = 0: must be > 0"));
    CHECK_THROWS_WITH(make([](auto& p) { p.tau_m = -5; }), Catch::Contains("tau_m = -5"));
    CHECK_THROWS_WITH(make([](auto& p) { p.c_m = 0; }), Catch::Contains("c_m = 0: must be > 0"));
    CHECK_THROWS_WITH(make([](auto& p) { p.tau_syn_inh = -1; }), Catch::Contains("tau_syn_inh = -1"));
    CHECK_THROWS_WITH(make([](auto& p) { p.t_ref = -1; }), Catch::Contains("t_ref = -1: must be >= 0"));
    CHECK_THROWS_WITH(make([](auto& p) { p.e_l = NAN; }), Catch::Contains("e_l = nan"));
    CHECK_THROWS_WITH(Network(0.0, 1), Catch::Contains("dt = 0: must be > 0"));
    CHECK_THROWS_WITH(Network(-0.1, 1), Catch::Contains("dt = -0.1"));
    // Refractory period off the grid; reset above threshold.
    LifCurrExp::Params p;
    p.t_ref = 0.25;
    Network net(0.1, 1);
    net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("exc", 1, p));
    Simulator sim(net, 1);
    CHECK_THROWS_WITH(sim.run(1), Catch::Contains("t_ref = 0.25 ms: is not a whole number of steps"));
    LifCurrExp::Params q;
    q.v_reset = q.v_th + 1;
    Network net2(0.1, 1);
    net2.add(std::make_unique<NeuronPopulation<LifCurrExp>>("exc", 1, q));
    Simulator sim2(net2, 1);
    CHECK_THROWS_WITH(sim2.run(1), Catch::Contains("v_reset") && Catch::Contains("below v_th"));
}

TEST_CASE("projections: delays and probabilities and weights are checked", "[sim][errors]") {
    Network net(0.1, 1);
    net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("a", 10, LifCurrExp::Params{}));
    net.add(std::make_unique<NeuronPopulation<LifCondExp>>("g", 10, LifCondExp::Params{}));
    auto syn = [](double w, double d) { return SynapseSpec{Receptor::exc, Distribution::constant(w), Distribution::constant(d)}; };
    const auto all = ConnectionRule::all_to_all();
    CHECK_THROWS_WITH(net.connect("a", "a", all, syn(1, 0.05)), Catch::Contains("projection 'a->a'") && Catch::Contains("delay = 0.05 ms"));
    CHECK_THROWS_WITH(net.connect("a", "a", all, syn(1, 0.0)), Catch::Contains("must be at least dt"));
    CHECK_THROWS_WITH(net.connect("a", "a", all, syn(1, 0.25)), Catch::Contains("delay = 0.25 ms: is not a whole number of steps"));
    CHECK_THROWS_WITH(net.connect("a", "a", all, syn(1, -1)), Catch::Contains("delay = -1"));
    CHECK_THROWS_WITH(net.connect("a", "a", ConnectionRule::fixed_probability(1.5), syn(1, 0.1)), Catch::Contains("p = 1.5: must be in [0, 1]"));
    CHECK_THROWS_WITH(net.connect("a", "a", ConnectionRule::fixed_probability(-0.1), syn(1, 0.1)), Catch::Contains("p = -0.1"));
    CHECK_THROWS_WITH(net.connect("a", "a", ConnectionRule::fixed_probability(NAN), syn(1, 0.1)), Catch::Contains("p = nan"));
    CHECK_THROWS_WITH(net.connect("a", "a", all, syn(NAN, 0.1)), Catch::Contains("weight = nan"));
    CHECK_THROWS_WITH(net.connect("a", "a", all, syn(INFINITY, 0.1)), Catch::Contains("weight = inf"));
    CHECK_THROWS_WITH(net.connect("a", "g", all, syn(-1, 0.1)), Catch::Contains("conductance weights must be >= 0"));
    CHECK_THROWS_WITH(net.connect("a", "a", ConnectionRule::fixed_indegree(20, false, false), syn(1, 0.1)), Catch::Contains("k = 20: exceeds"));
    CHECK_THROWS_WITH(net.connect("a", "nope", all, syn(1, 0.1)), Catch::Contains("population = nope: no population"));
    CHECK_THROWS_WITH(net.connect("a", "a", ConnectionRule::pairs({{0, 10}}), syn(1, 0.1)), Catch::Contains("pairs[0]") && Catch::Contains("out of range"));
    SynapseSpec rd{Receptor::exc, Distribution::constant(1), Distribution::uniform(0.0, 1.0)};
    CHECK_THROWS_WITH(net.connect("a", "a", all, rd), Catch::Contains("every delay must be >= dt"));
    CHECK(net.projection_count() == 0);
}

TEST_CASE("names: unknown models and populations and state variables are errors", "[sim][errors]") {
    CHECK_THROWS_WITH(make_population("lif_foo", "x", 3, {}), Catch::Contains("model = lif_foo: unknown neuron model") && Catch::Contains("lif_cond_exp"));
    CHECK_THROWS_WITH(make_population("lif_curr_exp", "x", 3, {{"tau_mm", 3}}), Catch::Contains("tau_mm = 3: unknown parameter"));
    CHECK_THROWS_WITH(make_population("lif_curr_exp", "x", 3, {{"tau_m", -3}}), Catch::Contains("tau_m = -3"));
    CHECK(make_population("lif_cond_exp", "x", 3, {{"tau_syn_exc", 3}})->model() == "lif_cond_exp");
    Network net(0.1, 1);
    net.add_population(make_population("lif_delta", "x", 3, {}));
    CHECK_THROWS_WITH(net.add_population(make_population("lif_delta", "x", 3, {})), Catch::Contains("already exists"));
    CHECK_THROWS_WITH(net.population("x").set_initial("u", Distribution::constant(0)), Catch::Contains("u") && Catch::Contains("no state variable"));
    CHECK_THROWS_WITH(net.population("x").set_initial("v", Distribution::normal(0, NAN)), Catch::Contains("sd = nan"));
}

TEST_CASE("drives reject NaN or infinite rates and weights", "[sim][errors]") {
    NeuronPopulation<LifCondExp> pop("g", 3, LifCondExp::Params{});
    CHECK_THROWS_WITH(pop.add_drive({NAN, 1, Receptor::exc}), Catch::Contains("rate_hz = nan"));
    CHECK_THROWS_WITH(pop.add_drive({INFINITY, 1, Receptor::exc}), Catch::Contains("rate_hz = inf"));
    CHECK_THROWS_WITH(pop.add_drive({10, NAN, Receptor::exc}), Catch::Contains("weight = nan"));
    CHECK_THROWS_WITH(pop.add_drive({10, -1, Receptor::exc}), Catch::Contains("conductance weights must be >= 0"));
}
