// Networks as data (sim/network_spec.hpp, sim/network_file.hpp): a network built from its
// description is the network built by hand, spike for spike and weight for weight (the CLI
// experiments that now build through descriptions are checked against the hand-written
// construction they replaced); a network file describes the same network again; and every
// kind of bad entry in a file is a one-line error with the file's line.
#include <catch2/catch.hpp>

#include "experiments/experiment.hpp"
#include "../helpers.hpp"
#include "models/lif_cond_exp.hpp"
#include "models/lif_delta.hpp"
#include "models/neuron_population.hpp"
#include "plasticity/stdp.hpp"
#include "sim/network_file.hpp"
#include "sim/network_spec.hpp"

using namespace plastica;
using namespace plastica::test;

namespace {

SpikingSetup experiment_setup(const std::string& name, const std::vector<std::string>& sets) {
    const Experiment& e = find_experiment(name);
    Config cfg(e.schema());
    for (const auto& s : sets) cfg.set(s);
    return e.build(cfg);
}

/// COBA at n = 1000 as experiments/vogels_abbott.cpp built it by hand before it built through a NetworkSpec.
std::unique_ptr<Network> coba_by_hand(std::uint32_t seed) {
    auto net = std::make_unique<Network>(0.1, seed);
    const LifCondExp::Params p{200, 10, -60, -50, -60, 5, 0, -80, 5, 10, 0};
    for (const auto& [name, size] : {std::pair{"exc", 800u}, std::pair{"inh", 200u}}) {
        auto& pop = net->add(std::make_unique<NeuronPopulation<LifCondExp>>(name, size, p));
        pop.set_initial("v", Distribution::normal(-65, 5));
        pop.set_initial("g_exc", Distribution::normal(40, 15));
        pop.set_initial("g_inh", Distribution::normal(200, 120));
    }
    for (const char* post : {"exc", "inh"}) {
        net->connect("exc", post, ConnectionRule::fixed_probability(0.02 * 3200 / 800), {Receptor::exc, Distribution::constant(6), Distribution::constant(0.1)});
        net->connect("inh", post, ConnectionRule::fixed_probability(0.02 * 800 / 200), {Receptor::inh, Distribution::constant(67), Distribution::constant(0.1)});
    }
    return net;
}

/// The same network as a network file: two populations with the benchmark's parameters, four projections.
std::string coba_file() {
    std::string text = "# Brette et al. 2007 COBA at n = 1000, as vogels_abbott builds it\n";
    for (const auto& [name, size] : {std::pair{"exc", 800}, std::pair{"inh", 200}})
        text += std::string("[[population]]\nname = \"") + name + "\"\nmodel = \"lif_cond_exp\"\nsize = " + std::to_string(size) +
                "\nparams = { c_m = 200, g_l = 10, e_l = -60, v_th = -50, v_reset = -60, t_ref = 5, e_exc = 0, e_inh = -80, tau_syn_exc = 5, "
                "tau_syn_inh = 10, i_e = 0 }\ninitial = { v = { dist = \"normal\", mean = -65, sd = 5 }, g_exc = { dist = \"normal\", "
                "mean = 40, sd = 15 }, g_inh = { dist = \"normal\", mean = 200, sd = 120 } }\n";
    for (const char* post : {"exc", "inh"})
        for (const auto& [pre, w] : {std::pair{"exc", "6"}, std::pair{"inh", "67"}})
            text += std::string("[[projection]]\npre = \"") + pre + "\"\npost = \"" + post +
                    "\"\nconnect = \"fixed_probability\"\np = 0.08\nweight = " + w + "\nreceptor = \"" + pre + "\"\n";
    return text + "[record]\nspikes = [\"exc\"]\n";
}

std::string error_of(const std::string& text) {
    try {
        auto spec = parse_network(text, "net.toml");
        build_network(spec);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("network spec: vogels_abbott built through its description equals the hand-built network", "[sim][network_spec]") {
    for (std::uint32_t seed : {1u, 4u}) {
        auto setup = experiment_setup("vogels_abbott", {"n=1000", "seed=" + std::to_string(seed)});
        auto by_hand = coba_by_hand(seed);
        REQUIRE(setup.net->synapse_count() == by_hand->synapse_count());
        const Spikes a = run_and_record(*setup.net, "exc", 200, 2), b = run_and_record(*by_hand, "exc", 200, 1);
        REQUIRE(a.ids.size() > 50);
        CHECK(a == b);
    }
}

TEST_CASE("network spec: a network file describes the same network as the experiment", "[sim][network_spec]") {
    NetworkSpec spec = parse_network(coba_file(), "coba.toml");
    spec.seed = 3;
    REQUIRE(spec.populations.size() == 2);
    REQUIRE(spec.projections.size() == 4);
    REQUIRE(spec.record_spikes == std::vector<std::string>{"exc"});
    auto from_file = build_network(spec);
    auto setup = experiment_setup("vogels_abbott", {"n=1000", "seed=3"});
    // the experiment connects exc->exc, inh->exc, exc->inh, inh->inh: the file lists them in that order
    CHECK(run_and_record(*from_file, "exc", 150, 2) == run_and_record(*setup.net, "exc", 150, 2));
}

TEST_CASE("network spec: brunel with STDP built through its description equals the hand-built network", "[sim][network_spec]") {
    auto setup = experiment_setup("brunel", {"n_exc=400", "stdp.enabled=true", "seed=2"});
    // by hand, as experiments/brunel.cpp built it before
    const Config cfg = [] {
        Config c(find_experiment("brunel").schema());
        c.set("n_exc=400");
        c.set("stdp.enabled=true");
        return c;
    }();
    Network net(cfg.number("dt"), 2);
    LifDelta::Params np{};
    for (const auto& f : LifDelta::fields()) np.*(f.member) = cfg.number(std::string("neuron.") + f.name);
    const auto n_inh = static_cast<Index>(std::lround(cfg.number("gamma") * 400));
    const auto c_exc = static_cast<std::uint64_t>(std::lround(cfg.number("epsilon") * 400));
    const auto c_inh = static_cast<std::uint64_t>(std::lround(cfg.number("epsilon") * n_inh));
    const double j = cfg.number("j"), g = cfg.number("g");
    const double nu_thr = (np.v_th - np.e_l) / (j * static_cast<double>(c_exc) * np.tau_m) * 1e3;
    for (const auto& [name, size] : {std::pair{"exc", Index{400}}, std::pair{"inh", n_inh}}) {
        auto& p = net.add(std::make_unique<NeuronPopulation<LifDelta>>(name, size, np));
        p.set_initial("v", cfg.dist("v_init"));
        p.add_drive({static_cast<double>(c_exc) * cfg.number("eta") * nu_thr, j, Receptor::exc});
    }
    PairStdp::Params sp{};
    for (const auto& f : PairStdp::fields()) sp.*(f.member) = cfg.number(std::string("stdp.") + f.name);
    const Distribution delay = Distribution::constant(cfg.number("delay"));
    for (const char* post : {"exc", "inh"}) {
        Projection& e = net.connect("exc", post, ConnectionRule::fixed_indegree(c_exc, false, true), {Receptor::exc, Distribution::constant(j), delay});
        net.connect("inh", post, ConnectionRule::fixed_indegree(c_inh, false, true), {Receptor::inh, Distribution::constant(-g * j), delay});
        if (std::string(post) == "exc") net.add_rule(e, std::make_unique<StdpRule>(sp));
    }
    const Spikes a = run_and_record(*setup.net, "exc", 300, 2), b = run_and_record(net, "exc", 300, 2);
    REQUIRE(a.ids.size() > 100);
    CHECK(a == b);
    CHECK(setup.net->projection("exc->exc").weight == net.projection("exc->exc").weight);
    CHECK(setup.net->projection("exc->exc").rules.size() == 1);
}

TEST_CASE("network file: sources, per-neuron values, explicit pairs, drives and rules", "[sim][network_spec]") {
    const char* text = R"(
[[population]]
name = "cue"
model = "spike_source_array"
spike_times = [[1.0, 2.0], [], [3.5]]
[[population]]
name = "noise"
model = "poisson_source"
size = 4
rate = [1, 2, 3, 4]
rate_changes = [{ at = 50, rate = 0 }]
[[population]]
name = "regular"
model = "gamma_source"
size = 2
rate = 50
params = { shape = 8, start = 5 }
[[population]]
name = "cells"
model = "lif_curr_exp"
size = 3
params = { i_e = [0, 100, 200], tau_m = 15 }
initial = { v = [-70, -65, -60] }
drive = [{ rate = 1000, weight = 5 }]
[[projection]]
pre = "cue"
post = "cells"
connect = "pairs"
pairs = [[0, 0], [2, 1]]
weight = [10, 20]
delay = [0.5, 1.0]
[[projection]]
pre = "noise"
post = "cells"
connect = "fixed_indegree"
k = 2
multapses = false
weight = { dist = "uniform", low = 0, high = 1 }
plasticity = [{ rule = "stdp", a_plus = 0.01, nearest = true }]
)";
    auto net = build_network(parse_network(text, "t.toml"));
    REQUIRE(net->population_count() == 4);
    CHECK(net->population("regular").model() == "gamma_source");
    CHECK(net->population("cue").size() == 3);
    CHECK(net->population("cells").parameter("i_e") == std::vector<double>{0, 100, 200});
    CHECK(net->population("cells").parameter("tau_m") == std::vector<double>{15, 15, 15});
    const Projection& pairs = net->projection("cue->cells");
    REQUIRE(pairs.size() == 2);
    CHECK(pairs.weight[0] == 10);
    CHECK(pairs.weight[1] == 20);
    const Projection& plastic = net->projection("noise->cells");
    CHECK(plastic.size() == 6);
    REQUIRE(plastic.rules.size() == 1);
    CHECK(plastic.rules[0]->name() == "stdp");
    Simulator sim(*net, 1);
    sim.run(10);
    CHECK(net->population("cells").state("v") != nullptr);
}

TEST_CASE("network file: bad entries are one-line errors with the file's line", "[sim][network_spec]") {
    const std::string pop = "[[population]]\nname = \"a\"\nmodel = \"lif_curr_exp\"\nsize = 2\n";
    CHECK_THAT(error_of(pop + "colour = 3\n"), Catch::Contains("net.toml:5") && Catch::Contains("population[0].colour") && Catch::Contains("unknown key"));
    CHECK_THAT(error_of("[[population]]\nname = \"a\"\nmodel = \"lif_cur_exp\"\nsize = 2\n"),
               Catch::Contains("net.toml:1") && Catch::Contains("lif_cur_exp") && Catch::Contains("known: poisson_source"));
    CHECK_THAT(error_of(pop + "params = { tau = 3 }\n"), Catch::Contains("net.toml:5") && Catch::Contains("params.tau") && Catch::Contains("tau_m"));
    CHECK_THAT(error_of(pop + "params = { tau_m = -3 }\n"), Catch::Contains("net.toml:1") && Catch::Contains("tau_m") && Catch::Contains("-3"));
    CHECK_THAT(error_of(pop + "params = { tau_m = [1, 2, 3] }\n"), Catch::Contains("net.toml:1") && Catch::Contains("tau_m"));
    CHECK_THAT(error_of(pop + "initial = { w = 1 }\n"), Catch::Contains("net.toml:1") && Catch::Contains("w"));
    CHECK_THAT(error_of("[[population]]\nmodel = \"lif_curr_exp\"\nsize = 2\n"), Catch::Contains("population[0].name") && Catch::Contains("missing"));
    CHECK_THAT(error_of(pop + "size = 2.5\n"), Catch::Contains("net.toml"));  // a duplicate key is TOML's own error, with the line
    CHECK_THAT(error_of("[[population]]\nname = \"a\"\nmodel = \"lif_curr_exp\"\nsize = 0\n"), Catch::Contains("size") && Catch::Contains("[1, "));
    const std::string prj = pop + "[[projection]]\npre = \"a\"\npost = \"a\"\n";
    CHECK_THAT(error_of(prj + "connect = \"random\"\n"), Catch::Contains("net.toml:5") && Catch::Contains("projection[0].connect") && Catch::Contains("fixed_indegree"));
    CHECK_THAT(error_of(prj + "connect = \"fixed_probability\"\n"), Catch::Contains("projection[0].p") && Catch::Contains("missing"));
    CHECK_THAT(error_of(prj + "weight = [1, 2]\n"), Catch::Contains("net.toml:8") && Catch::Contains("pairs"));
    CHECK_THAT(error_of(prj + "receptor = \"nmda\"\n"), Catch::Contains("receptor") && Catch::Contains("exc, inh"));
    CHECK_THAT(error_of(prj + "plasticity = [{ rule = \"stpd\" }]\n"), Catch::Contains("net.toml:8") && Catch::Contains("stpd") && Catch::Contains("known: stdp"));
    CHECK_THAT(error_of(prj + "plasticity = [{ rule = \"stdp\", tau = 1 }]\n"), Catch::Contains("plasticity[0].tau") && Catch::Contains("a_plus"));
    CHECK_THAT(error_of(prj + "delay = 0.05\n"), Catch::Contains("net.toml:5") && Catch::Contains("delay"));
    CHECK_THAT(error_of(pop + "[[projection]]\npre = \"a\"\npost = \"b\"\n"), Catch::Contains("net.toml:5") && Catch::Contains("b"));
    CHECK_THAT(error_of(pop + "[record]\nspikes = [1]\n"), Catch::Contains("record.spikes") && Catch::Contains("string"));
    CHECK_THAT(error_of(pop + "dt = 0.1\n"), Catch::Contains("dt"));
    CHECK_THAT(error_of("population = 3\n"), Catch::Contains("[[population]]"));
    CHECK_THAT(error_of(""), Catch::Contains("at least one"));
    CHECK_THAT(error_of("[[population]]\nname = \"g\"\nmodel = \"gamma_source\"\nsize = 2\nrate = 5\nparams = { shape = 0 }\n"),
               Catch::Contains("net.toml:1") && Catch::Contains("shape"));
    CHECK_THAT(error_of("[[population]]\nname = \"g\"\nmodel = \"gamma_source\"\nsize = 2\nrate = 5\nparams = { order = 2 }\n"),
               Catch::Contains("net.toml:6") && Catch::Contains("order") && Catch::Contains("shape"));
    CHECK_THAT(error_of("[[population]\n"), Catch::Contains("net.toml:1") && Catch::Contains("toml"));
    REQUIRE_THROWS_WITH(read_network_file("/nonexistent/net.toml"), Catch::Contains("/nonexistent/net.toml") && Catch::Contains("cannot read"));
}
