// Network state: runs continue where the last stopped (any Simulator, any thread count), reset
// goes back to t = 0, and a checkpoint loaded into a freshly built network continues bit for bit
// for every neuron model and every plasticity rule; checkpoints of other networks are refused.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <functional>

#include "../helpers.hpp"
#include "models/lif_delta.hpp"
#include "models/neuron_population.hpp"
#include "models/poisson_source.hpp"
#include "models/registry.hpp"
#include "plasticity/homeostasis.hpp"
#include "plasticity/inhibitory_stdp.hpp"
#include "plasticity/rate_hebbian_rule.hpp"
#include "plasticity/reward_stdp.hpp"
#include "plasticity/short_term.hpp"
#include "plasticity/stdp.hpp"
#include "plasticity/triplet_stdp.hpp"
#include "sim/checkpoint.hpp"
#include "sim/spike_statistics.hpp"

using namespace plastica;

namespace {

using Builder = std::function<std::unique_ptr<Network>()>;

/// Everything a run leaves: spikes of every population, weights, every state variable.
struct Outcome {
    std::vector<test::Spikes> spikes;
    std::vector<std::vector<float>> weights;
    std::vector<std::vector<double>> state;
    std::uint64_t events = 0;
    std::vector<PopulationStats> stats;
    bool operator==(const Outcome& o) const {
        bool same_stats = stats.size() == o.stats.size();
        for (std::size_t p = 0; same_stats && p < stats.size(); ++p)
            same_stats = stats[p].spikes == o.stats[p].spikes && stats[p].cv_isi == o.stats[p].cv_isi &&
                         stats[p].synchrony == o.stats[p].synchrony && stats[p].rate_hz == o.stats[p].rate_hz;
        return spikes == o.spikes && weights == o.weights && state == o.state && events == o.events && same_stats;
    }
    std::size_t spike_total() const {
        std::size_t n = 0;
        for (const auto& s : spikes) n += s.ids.size();
        return n;
    }
};

/// A run of `net` with recorders on every population and the spike statistics.
struct Run {
    Network& net;
    Simulator sim;
    std::vector<std::unique_ptr<SpikeRecorder>> recs;
    SpikeStatistics stats{5.0, 0.0};
    std::vector<Monitor*> monitors;
    Run(Network& n, int threads) : net(n), sim(n, threads) {
        for (std::size_t p = 0; p < n.population_count(); ++p) {
            recs.push_back(std::make_unique<SpikeRecorder>(n.population(p).name()));
            monitors.push_back(recs.back().get());
        }
        monitors.push_back(&stats);
        for (Monitor* m : monitors) sim.add_monitor(*m);
        sim.prepare();
    }
    Outcome outcome() const {
        Outcome o;
        for (const auto& r : recs) o.spikes.push_back({r->steps(), r->ids()});
        for (std::size_t j = 0; j < net.projection_count(); ++j) o.weights.push_back(net.projection(j).weight);
        for (std::size_t p = 0; p < net.population_count(); ++p)
            for (const auto& v : net.population(p).state_names()) {
                const double* x = net.population(p).state(v);
                o.state.emplace_back(x, x + net.population(p).size());
            }
        o.events = net.synaptic_events();
        o.stats = stats.results();
        return o;
    }
};

Outcome straight(const Builder& b, double ms, int threads) {
    auto net = b();
    Run r(*net, threads);
    r.sim.run(ms);
    return r.outcome();
}

/// Runs `first` ms at `t1` threads, saves, loads into a new network and runs the rest at `t2`.
Outcome resumed(const Builder& b, double first, double total, int t1, int t2, const std::string& file = "") {
    auto a = b();
    Run ra(*a, t1);
    ra.sim.run(first);
    auto c = b();
    Run rc(*c, t2);
    if (file.empty()) {
        StateIO save(StateIO::Mode::save);
        a->io_state(save);
        for (std::size_t m = 0; m < ra.monitors.size(); ++m) {
            StateIO::Scope s(save, "monitors/" + std::to_string(m));
            ra.monitors[m]->io_state(save);
        }
        StateIO load(save.entries(), "memory");
        c->io_state(load);
        for (std::size_t m = 0; m < rc.monitors.size(); ++m) {
            StateIO::Scope s(load, "monitors/" + std::to_string(m));
            rc.monitors[m]->io_state(load);
        }
    } else {
        save_checkpoint(file, *a, ra.monitors, {{"experiment", "test"}});
        load_checkpoint(read_checkpoint(file), *c, rc.monitors);
    }
    REQUIRE(c->now() == a->now());
    rc.sim.run(total - first);
    return rc.outcome();
}

/// `cells` of `model` driven by 100 Poisson inputs, with recurrent synapses.
Builder model_network(const std::string& model) {
    return [model] {
        auto net = std::make_unique<Network>(0.1, 7);
        net->add(std::make_unique<PoissonSource>("in", 100, std::vector<double>{30.0}));
        auto& cells = net->add(make_population(model, "cells", 40, {}));
        const std::string unit = cells.weight_unit();
        // about 3000 input spikes/s per cell: weights that make every model fire
        const double w = unit == "nS" ? 2.0 : unit == "pA" ? 200.0 : unit == "mV" ? 2.5 : 0.05;
        net->connect("in", "cells", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::uniform(0.5 * w, 1.5 * w), Distribution::constant(0.5)});
        const double wi = cells.conductance_based() ? 0.5 * w : -0.5 * w;
        net->connect("cells", "cells", ConnectionRule::fixed_probability(0.2, false),
                     {Receptor::inh, Distribution::constant(wi), Distribution::uniform(0.1, 2.0).clipped(0.1, 2.0)});
        return net;
    };
}

/// A recurrent delta-synapse network with one plasticity rule on its E->E synapses (`attach`).
Builder rule_network(std::function<void(Network&, Projection&)> attach, bool inhibitory = false) {
    return [attach, inhibitory] {
        auto net = std::make_unique<Network>(0.1, 3);
        LifDelta::Params np;
        auto& pop = net->add(std::make_unique<NeuronPopulation<LifDelta>>("n", 300, np));
        pop.set_initial("v", Distribution::uniform(0, 20));
        pop.add_drive({9000, 0.2, Receptor::exc});
        const Distribution w = inhibitory ? Distribution::uniform(-0.5, -0.1) : Distribution::uniform(0.1, 0.5);
        auto& proj = net->connect("n", "n", ConnectionRule::fixed_indegree(30, false),
                                  {inhibitory ? Receptor::inh : Receptor::exc, w, Distribution::uniform(0.5, 3.0).clipped(0.5, 3.0)});
        attach(*net, proj);
        return net;
    };
}

}  // namespace

TEST_CASE("state: 500 ms + 500 ms equals 1000 ms bit for bit, plastic network, any Simulator and thread count", "[sim][checkpoint]") {
    const Builder b = rule_network([](Network& net, Projection& p) {
        PairStdp::Params sp;
        sp.w_max = 1;
        net.add_rule(p, std::make_unique<StdpRule>(sp));
    });
    const Outcome one = straight(b, 1000, 2);
    REQUIRE(one.spike_total() > 1000);
    // one simulator, two runs
    auto net = b();
    Run r(*net, 2);
    r.sim.run(500);
    REQUIRE(net->now() == 5000);
    r.sim.run(500);
    REQUIRE(r.outcome() == one);
    // a second simulator at another thread count continues the clock (no restart at step 0)
    auto net2 = b();
    Run r2(*net2, 2);
    r2.sim.run(500);
    Simulator other(*net2, 1);
    for (Monitor* m : r2.monitors) other.add_monitor(*m);
    other.run(500);
    REQUIRE(net2->now() == 10000);
    Outcome o2 = r2.outcome();
    o2.stats = one.stats;  // attached to a second simulator, the statistics start again
    REQUIRE(o2.spikes == one.spikes);
    REQUIRE(o2.weights == one.weights);
    REQUIRE(o2.state == one.state);
    REQUIRE(o2.events == one.events);
}

TEST_CASE("state: reset draws the first run again, weights restored or kept", "[sim][checkpoint]") {
    const Builder b = rule_network([](Network& net, Projection& p) {
        PairStdp::Params sp;
        sp.w_max = 1;
        net.add_rule(p, std::make_unique<StdpRule>(sp));
    });
    auto net = b();
    const std::vector<float> w0 = net->projection(0).weight;
    test::Spikes first = test::run_and_record(*net, "n", 300, 2);
    const std::vector<float> learned = net->projection(0).weight;
    REQUIRE(learned != w0);
    net->reset(Network::Weights::initial);
    REQUIRE(net->now() == 0);
    REQUIRE(net->synaptic_events() == 0);
    REQUIRE(net->projection(0).weight == w0);
    REQUIRE(test::run_and_record(*net, "n", 300, 1) == first);
    REQUIRE(net->projection(0).weight == learned);
    net->reset(Network::Weights::keep);
    REQUIRE(net->projection(0).weight == learned);
    const test::Spikes again = test::run_and_record(*net, "n", 300, 2);
    REQUIRE(!(again == first));  // the learned weights change the activity
    net->reset(Network::Weights::initial);  // "initial" is still the first run's
    REQUIRE(net->projection(0).weight == w0);
}

TEST_CASE("checkpoint: every neuron model resumes bit for bit (saved at 2 threads, resumed at 1)", "[sim][checkpoint][models]") {
    for (const auto& model : neuron_model_names()) {
        INFO("model " << model);
        const Builder b = model_network(model);
        const Outcome one = straight(b, 300, 2);
        REQUIRE(one.spikes[1].ids.size() > 20);  // the cells fire
        REQUIRE(resumed(b, 130, 300, 2, 1) == one);
    }
}

TEST_CASE("checkpoint: every plasticity rule resumes bit for bit, in memory and through the HDF5 file", "[sim][checkpoint][plasticity]") {
    const std::string dir = (std::filesystem::temp_directory_path() / "plastica_test_checkpoint").string();
    std::filesystem::create_directories(dir);
    struct Case {
        std::string name;
        std::function<void(Network&, Projection&)> attach;
        bool inhibitory = false;
    };
    const std::vector<Case> rules = {
        {"stdp", [](Network& n, Projection& p) {
             PairStdp::Params sp;
             sp.w_max = 1;
             sp.nearest = true;
             n.add_rule(p, std::make_unique<StdpRule>(sp));
         }},
        {"triplet_stdp", [](Network& n, Projection& p) {
             auto tp = triplet_parameter_set("visual_cortex_all_to_all");
             tp.w_max = 1;
             n.add_rule(p, std::make_unique<TripletStdpRule>(tp));
         }},
        {"inhibitory_stdp", [](Network& n, Projection& p) {
             InhibitoryStdp::Params ip;
             ip.eta = 0.01;
             ip.w_min = -5;
             ip.w_max = 0;
             n.add_rule(p, std::make_unique<InhibitoryStdpRule>(ip));
         }, true},
        {"reward_stdp", [](Network& n, Projection& p) {
             RewardStdpRule::Params rp;
             rp.w_max = 1;
             auto& r = n.add_rule(p, std::make_unique<RewardStdpRule>(rp));
             for (Step s = 500; s < 4000; s += 700) r.schedule_reward(s, 0.002);  // some before, some after the checkpoint
         }},
        {"tsodyks_markram", [](Network& n, Projection& p) {
             n.add_rule(p, std::make_unique<TsodyksMarkramRule>(TsodyksMarkramRule::Params{0.5, 200, 50}));
         }},
        {"synaptic_normalization", [](Network& n, Projection& p) { n.add_rule(p, std::make_unique<SynapticNormalizationRule>(9.0, 25.0)); }},
        {"synaptic_scaling", [](Network& n, Projection& p) {
             SynapticScalingRule::Params sp;
             sp.interval = 20;
             sp.w_max = 1;
             n.add_rule(p, std::make_unique<SynapticScalingRule>(sp));
         }},
        {"rate_hebbian", [](Network& n, Projection& p) {
             HebbianKernel::Params hp;
             hp.eta = 1e-4;
             hp.w_min = 0;
             hp.w_max = 1;
             n.add_rule(p, std::make_unique<RateHebbianRule>(HebbianKernel::Kind::bcm, hp, 50, 10));
         }},
    };
    for (const auto& [name, attach, inhibitory] : rules) {
        INFO("rule " << name);
        const Builder b = rule_network(attach, inhibitory);
        const Outcome one = straight(b, 400, 2);
        REQUIRE(one.spike_total() > 500);
        if (name != "tsodyks_markram") REQUIRE(one.weights[0] != b()->projection(0).weight);  // the rule changed the weights
        REQUIRE(resumed(b, 170, 400, 2, 1) == one);
        REQUIRE(resumed(b, 170, 400, 1, 2, dir + "/" + name + ".h5") == one);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("checkpoint: another network, a corrupt or foreign file, state ahead of the clock: one-line errors", "[sim][checkpoint][errors]") {
    const std::string dir = (std::filesystem::temp_directory_path() / "plastica_test_checkpoint_err").string();
    std::filesystem::create_directories(dir);
    const std::string file = dir + "/a.h5";
    const Builder b = rule_network([](Network& net, Projection& p) { net.add_rule(p, std::make_unique<StdpRule>(PairStdp::Params{})); });
    auto a = b();
    Run ra(*a, 1);
    ra.sim.run(50);
    save_checkpoint(file, *a, ra.monitors, {});
    REQUIRE(!std::filesystem::exists(file + ".tmp"));  // written whole, then renamed
    // a network of another size
    LifDelta::Params np;
    auto other = std::make_unique<Network>(0.1, 3);
    other->add(std::make_unique<NeuronPopulation<LifDelta>>("n", 200, np));
    REQUIRE_THROWS_WITH(load_checkpoint(read_checkpoint(file), *other, {}),
                        Catch::Contains("is of another network") && Catch::Contains("300 neurons") && Catch::Contains("200 neurons"));
    // another seed is another network too
    auto seeded = std::make_unique<Network>(0.1, 4);
    seeded->add(std::make_unique<NeuronPopulation<LifDelta>>("n", 300, np));
    REQUIRE_THROWS_WITH(load_checkpoint(read_checkpoint(file), *seeded, {}), Catch::Contains("seed 3") && Catch::Contains("seed 4"));
    // not a checkpoint / not HDF5
    {
        H5File f(dir + "/plain.h5");
        f.ensure_group("/spikes");
    }
    REQUIRE_THROWS_WITH(read_checkpoint(dir + "/plain.h5"), Catch::Contains("not a Plastica checkpoint"));
    std::FILE* g = std::fopen((dir + "/junk.h5").c_str(), "w");
    std::fputs("not hdf5", g);
    std::fclose(g);
    REQUIRE_THROWS_WITH(read_checkpoint(dir + "/junk.h5"), Catch::Contains("junk.h5"));
    // state ahead of the clock: a run would read traces at a negative lag, so it is refused
    StateIO save(StateIO::Mode::save);
    a->io_state(save);
    auto entries = save.entries();
    const Step zero = 0;
    std::memcpy(entries.at("clock/step").bytes.data(), &zero, sizeof zero);
    auto c = b();
    Simulator sc(*c, 1);
    StateIO load(entries, "edited");
    c->io_state(load);
    REQUIRE_THROWS_WITH(sc.run(10), Catch::Contains("after the network's clock"));
    // an entry of the wrong length
    auto bad = save.entries();
    bad.at("projections/n->n/weight").count = 3;
    bad.at("projections/n->n/weight").bytes.resize(12);
    auto d = b();
    StateIO load_bad(bad, "edited");
    REQUIRE_THROWS_WITH(d->io_state(load_bad), Catch::Contains("projections/n->n/weight") && Catch::Contains("another network"));
    // a duration whose step count does not fit the step counter
    Simulator sa(*a, 1);
    REQUIRE_THROWS_WITH(sa.run(1e18), Catch::Contains("duration") && Catch::Contains("too large"));
    std::filesystem::remove_all(dir);
}
