// Plastic recurrent networks: bit-identical weights and spikes at 1 and 2 threads, snapshots of
// the weights, and the errors a rule gives for input it cannot act on.
#include <catch2/catch.hpp>

#include "../helpers.hpp"
#include "models/lif_cond_exp.hpp"
#include "models/lif_delta.hpp"
#include "models/neuron_population.hpp"
#include "plasticity/inhibitory_stdp.hpp"
#include "plasticity/short_term.hpp"
#include "plasticity/stdp.hpp"
#include "plasticity/triplet_stdp.hpp"
#include "sim/weight_recorder.hpp"

using namespace plastica;

namespace {

/// A small Brunel-style network with STDP on E->E, triplet STDP on E->I, inhibitory STDP on
/// I->E and short-term depression on I->I.
std::unique_ptr<Network> plastic_network(std::uint32_t seed) {
    auto net = std::make_unique<Network>(0.1, seed);
    LifDelta::Params np;
    for (const auto& [name, n] : {std::pair{"exc", Index{800}}, std::pair{"inh", Index{200}}}) {
        auto& p = net->add(std::make_unique<NeuronPopulation<LifDelta>>(name, n, np));
        p.set_initial("v", Distribution::uniform(0, 20));
        p.add_drive({9000, 0.2, Receptor::exc});  // mean drive 36 mV: above threshold (20 mV)
    }
    const auto d = Distribution::uniform(0.5, 3.0);
    auto& ee = net->connect("exc", "exc", ConnectionRule::fixed_indegree(80, false), {Receptor::exc, Distribution::uniform(0.1, 0.3), Distribution::constant(1.5)});
    auto& ei = net->connect("exc", "inh", ConnectionRule::fixed_indegree(80, false), {Receptor::exc, Distribution::constant(0.2), Distribution::constant(1.5)});
    auto& ie = net->connect("inh", "exc", ConnectionRule::fixed_indegree(20, false), {Receptor::inh, Distribution::constant(-1.0), d});
    auto& ii = net->connect("inh", "inh", ConnectionRule::fixed_indegree(20, false), {Receptor::inh, Distribution::constant(-1.0), Distribution::constant(1.5)});
    PairStdp::Params sp;
    sp.a_plus = 0.01;
    sp.a_minus = 0.0105;
    sp.w_max = 0.5;
    net->add_rule(ee, std::make_unique<StdpRule>(sp));
    auto tp = triplet_parameter_set("visual_cortex_all_to_all");
    tp.w_max = 0.5;
    net->add_rule(ei, std::make_unique<TripletStdpRule>(tp));
    InhibitoryStdp::Params ip;
    ip.eta = 0.01;
    ip.w_min = -5;
    ip.w_max = 0;
    net->add_rule(ie, std::make_unique<InhibitoryStdpRule>(ip));
    net->add_rule(ii, std::make_unique<TsodyksMarkramRule>(TsodyksMarkramRule::Params{0.5, 200, 0}));
    return net;
}

}  // namespace

TEST_CASE("plastic network: one seed, bit-identical weights and spikes at 1 and 2 threads", "[plasticity][determinism]") {
    std::vector<std::vector<float>> w[3];
    test::Spikes s[3];
    for (int run = 0; run < 3; ++run) {
        auto net = plastic_network(run < 2 ? 11 : 12);
        s[run] = test::run_and_record(*net, "exc", 300, run == 0 ? 1 : 2);
        for (std::size_t j = 0; j < net->projection_count(); ++j) w[run].push_back(net->projection(j).weight);
    }
    REQUIRE(s[0].steps.size() > 300);  // the network is active (measured 422 spikes)
    REQUIRE(s[0] == s[1]);
    REQUIRE(w[0] == w[1]);
    REQUIRE(!(s[0] == s[2]));
    // every plastic projection changed
    auto fresh = plastic_network(11);
    for (std::size_t j = 0; j < 3; ++j) REQUIRE(w[0][j] != fresh->projection(j).weight);
}

TEST_CASE("weight recorder: snapshots at the interval, equal to the weights then", "[plasticity][recorders]") {
    auto net = plastic_network(5);
    WeightRecorder all("exc->exc", 50.0, {}, nullptr, true);
    WeightRecorder some("exc->exc", 25.0, {0, 7, 1000}, nullptr, true);
    Simulator sim(*net, 2);
    sim.add_monitor(all);
    sim.add_monitor(some);
    const std::vector<float> w0 = net->projection("exc->exc").weight;
    sim.run(100);
    REQUIRE(all.times_ms() == std::vector<double>{0, 50, 100});
    REQUIRE(some.times_ms() == std::vector<double>{0, 25, 50, 75, 100});
    const std::size_t n = w0.size();
    REQUIRE(std::vector<float>(all.weights().begin(), all.weights().begin() + n) == w0);
    REQUIRE(all.last() == net->projection("exc->exc").weight);
    // the subset's snapshot at 50 ms equals the full snapshot's columns
    for (int c = 0; c < 3; ++c) REQUIRE(some.weights()[2 * 3 + c] == all.weights()[n + some.synapses()[c]]);
    REQUIRE_THROWS_WITH(WeightRecorder("exc->exc", -1), Catch::Contains("interval"));
}

TEST_CASE("plasticity: bad parameters and projections a rule cannot act on", "[plasticity][errors]") {
    PairStdp::Params p;
    p.tau_plus = -20;
    REQUIRE_THROWS_WITH(StdpRule(p), Catch::Contains("tau_plus") && Catch::Contains("-20"));
    p = {};
    p.w_min = 1;
    p.w_max = 1;
    REQUIRE_THROWS_WITH(StdpRule(p), Catch::Contains("w_max") && Catch::Contains("greater than w_min"));
    p = {};
    p.a_plus = std::nan("");
    REQUIRE_THROWS_WITH(StdpRule(p), Catch::Contains("a_plus") && Catch::Contains("finite"));
    InhibitoryStdp::Params ip;
    ip.eta = std::nan("");
    REQUIRE_THROWS_WITH(InhibitoryStdpRule(ip), Catch::Contains("eta"));
    auto tp = triplet_parameter_set("hippocampal_all_to_all");
    tp.tau_y = 0;
    REQUIRE_THROWS_WITH(TripletStdpRule(tp), Catch::Contains("tau_y"));
    REQUIRE_THROWS_WITH(TsodyksMarkramRule({1.5, 100, 0}), Catch::Contains("'u'") || Catch::Contains("u"));
    REQUIRE_THROWS_WITH(TsodyksMarkramRule({0.5, -1, 0}), Catch::Contains("tau_rec"));

    auto net = plastic_network(1);
    // inhibitory STDP on an excitatory projection
    REQUIRE_THROWS_WITH(net->add_rule(net->projection("exc->exc"), std::make_unique<InhibitoryStdpRule>(InhibitoryStdp::Params{})),
                        Catch::Contains("exc->exc") && Catch::Contains("inhibitory receptor"));
    // weights outside the bounds
    PairStdp::Params narrow;
    narrow.w_max = 0.2;
    REQUIRE_THROWS_WITH(net->add_rule(net->projection("exc->exc"), std::make_unique<StdpRule>(narrow)),
                        Catch::Contains("exc->exc") && Catch::Contains("outside [w_min, w_max]"));
    // conductance weights cannot be allowed below zero
    Network cn(0.1, 1);
    cn.add(std::make_unique<NeuronPopulation<LifCondExp>>("a", 10, LifCondExp::Params{}));
    auto& pr = cn.connect("a", "a", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(1.0), Distribution::constant(0.1)});
    PairStdp::Params neg;
    neg.w_min = -1;
    neg.w_max = 2;
    REQUIRE_THROWS_WITH(cn.add_rule(pr, std::make_unique<StdpRule>(neg)), Catch::Contains("w_min") && Catch::Contains("nS"));
    // projection names: numbered when generated, an error when given twice
    REQUIRE(cn.connect("a", "a", ConnectionRule::one_to_one(), {Receptor::exc, Distribution::constant(1.0), Distribution::constant(0.1)}).name == "a->a#2");
    cn.connect("a", "a", ConnectionRule::one_to_one(), {Receptor::exc, Distribution::constant(1.0), Distribution::constant(0.1)}, "mine");
    REQUIRE_THROWS_WITH(cn.connect("a", "a", ConnectionRule::one_to_one(), {Receptor::exc, Distribution::constant(1.0), Distribution::constant(0.1)}, "mine"),
                        Catch::Contains("mine") && Catch::Contains("already exists"));
    // two short-term rules on one projection
    cn.add_rule(pr, std::make_unique<TsodyksMarkramRule>(TsodyksMarkramRule::Params{}));
    cn.add_rule(pr, std::make_unique<TsodyksMarkramRule>(TsodyksMarkramRule::Params{}));
    REQUIRE_THROWS_WITH(Simulator(cn, 1).run(1), Catch::Contains("one short-term plasticity rule"));
}
