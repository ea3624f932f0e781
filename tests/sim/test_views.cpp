// Projections between views (sim/network.hpp, Network::connect with pre_neurons / post_neurons;
// PyNN's PopulationView): the rule connects among the views' neurons exactly as it connects two
// populations of the views' sizes (the same draws, synapse for synapse, then moved to the
// populations' indices); neurons outside the views get nothing; self-connections are excluded
// where the law allows it; network files take views as arrays or slices.
#include <catch2/catch.hpp>

#include <set>
#include <tuple>

#include "models/registry.hpp"
#include "sim/network_file.hpp"
#include "sim/network_spec.hpp"

using namespace plastica;

namespace {

using Triple = std::tuple<Index, Index, float>;

std::set<Triple> synapses(const Projection& p) {
    std::set<Triple> out;
    for (Index i = 0; i + 1 < p.row_ptr.size(); ++i)
        for (auto s = p.row_ptr[i]; s < p.row_ptr[i + 1]; ++s) out.insert({i, p.target[s], p.weight[s]});
    return out;
}


}  // namespace

TEST_CASE("a rule between views draws as between populations of the views' sizes", "[sim][views]") {
    const std::vector<Index> pre_view = {7, 2, 9, 4, 0}, post_view = {1, 3, 5, 8, 10, 12};
    const SynapseSpec syn{Receptor::exc, Distribution::uniform(1, 2), Distribution::constant(0.5)};
    for (const auto& rule : {ConnectionRule::fixed_indegree(3), ConnectionRule::fixed_probability(0.4), ConnectionRule::all_to_all(),
                             ConnectionRule::fixed_outdegree(2, true, false)}) {
        Network whole(0.1, 4), small(0.1, 4);
        whole.add_population(make_population("lif_curr_exp", "a", 12, {}));
        whole.add_population(make_population("lif_curr_exp", "b", 14, {}));
        small.add_population(make_population("lif_curr_exp", "a", 5, {}));
        small.add_population(make_population("lif_curr_exp", "b", 6, {}));
        const Projection& v = whole.connect("a", "b", rule, syn, "", pre_view, post_view);
        const Projection& s = small.connect("a", "b", rule, syn);
        std::set<Triple> mapped;
        for (const auto& [i, j, w] : synapses(s)) mapped.insert({pre_view[i], post_view[j], w});
        CHECK(synapses(v) == mapped);
        CHECK(v.size() == s.size());
        // rows stay sorted by target
        for (Index i = 0; i < 12; ++i)
            for (auto q = v.row_ptr[i] + 1; q < v.row_ptr[i + 1]; ++q) CHECK(v.target[q - 1] <= v.target[q]);
    }
}

TEST_CASE("views of one population: autapses excluded where the law allows it", "[sim][views]") {
    Network net(0.1, 2);
    net.add_population(make_population("lif_curr_exp", "a", 40, {}));
    const SynapseSpec syn{Receptor::exc, Distribution::constant(1), Distribution::constant(0.1)};
    std::vector<Index> first(30), last(30);
    for (Index i = 0; i < 30; ++i) first[i] = i, last[i] = i + 10;  // overlapping views
    const Projection& p = net.connect("a", "a", ConnectionRule::fixed_probability(0.9, false), syn, "", first, last);
    for (const auto& [i, j, w] : synapses(p)) {
        CHECK(i != j);
        CHECK(i < 30);
        CHECK(j >= 10);
    }
    CHECK(p.size() > 600);
    // one view on both sides: as a population of 30, i -> i excluded exactly
    const Projection& q = net.connect("a", "a", ConnectionRule::fixed_indegree(5, false, false), syn, "", last, last);
    std::vector<int> indegree(40, 0);
    for (const auto& [i, j, w] : synapses(q)) {
        CHECK(i != j);
        ++indegree[j];
    }
    for (Index j = 0; j < 40; ++j) CHECK(indegree[j] == (j >= 10 ? 5 : 0));
    CHECK_THROWS_WITH(net.connect("a", "a", ConnectionRule::fixed_indegree(5, false), syn, "", first, last),
                      "projection 'a->a#3': autapses = false: with two different views of one population, only all_to_all and "
                      "fixed_probability exclude self-connections exactly (not fixed_indegree)");
    CHECK_THROWS_WITH(net.connect("a", "a", ConnectionRule::all_to_all(), syn, "", {3, 40}),
                      "projection 'a->a#3': pre_neurons = 40: neuron index out of range (size 40)");
    CHECK_THROWS_WITH(net.connect("a", "a", ConnectionRule::all_to_all(), syn, "", {}, {3, 5, 3}),
                      "projection 'a->a#3': post_neurons = 3: a neuron listed twice in a view");
}

TEST_CASE("network files connect views given as arrays or slices", "[sim][views][network_file]") {
    const std::string text = "[[population]]\nname = \"a\"\nmodel = \"lif_curr_exp\"\nsize = 20\n"
                             "[[projection]]\npre = \"a\"\npost = \"a\"\npre_neurons = { start = 0, stop = 10, step = 2 }\n"
                             "post_neurons = [15, 11]\nconnect = \"one_to_one\"\nweight = 3\n"
                             "[[projection]]\npre = \"a\"\npost = \"a\"\npre_neurons = { stop = 4 }\nconnect = \"pairs\"\npairs = [[3, 19]]\n";
    NetworkSpec s = parse_network(text, "net.toml");
    REQUIRE(s.projections.size() == 2);
    CHECK(s.projections[0].pre_neurons == std::vector<Index>{0, 2, 4, 6, 8});
    CHECK(s.projections[1].pre_neurons == std::vector<Index>{0, 1, 2, 3});
    s.projections[0].post_neurons = {15, 11, 12, 13, 14};
    auto net = build_network(s);
    CHECK(synapses(net->projection(0)) == std::set<Triple>{{0, 15, 3.f}, {2, 11, 3.f}, {4, 12, 3.f}, {6, 13, 3.f}, {8, 14, 3.f}});
    CHECK(synapses(net->projection(1)) == std::set<Triple>{{3, 19, 0.f}});
    try {
        parse_network("[[population]]\nname = \"a\"\nmodel = \"lif_curr_exp\"\nsize = 2\n[[projection]]\npre = \"a\"\npost = \"a\"\n"
                      "pre_neurons = { begin = 1, stop = 2 }\n",
                      "net.toml");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "net.toml:8: projection[0].pre_neurons.begin = 1: unknown key (known: start, stop, step)");
    }
}

TEST_CASE("assemblies resolve into projections between their members' views", "[sim][views][assemblies]") {
    const std::string head = "[[population]]\nname = \"a\"\nmodel = \"lif_curr_exp\"\nsize = 6\n"
                             "[[population]]\nname = \"b\"\nmodel = \"lif_curr_exp\"\nsize = 4\n"
                             "[[assembly]]\nname = \"ab\"\nmembers = [{ population = \"a\", neurons = [5, 4, 3] }, \"b\"]\n";
    // pairs index the assembly's cells in member order: cell 0-2 are a[5], a[4], a[3], cells 3-6 are b[0..3]
    NetworkSpec s = parse_network(head + "[[projection]]\npre = \"ab\"\npost = \"ab\"\nconnect = \"pairs\"\npairs = [[0, 6], [4, 1], [2, 3]]\n"
                                         "weight = [1, 2, 3]\n[[projection]]\npre = \"ab\"\npost = \"b\"\nconnect = \"all_to_all\"\nweight = 5\n"
                                         "[record]\nspikes = [\"ab\"]\nstate = [{ population = \"ab\", variable = \"v\" }]\n",
                                  "net.toml");
    CHECK(s.assemblies.empty());
    std::set<std::tuple<std::string, std::string, Index, Index, float>> all;
    auto net = build_network(s);
    for (std::size_t k = 0; k < net->projection_count(); ++k) {
        const Projection& p = net->projection(k);
        for (const auto& [i, j, w] : synapses(p)) all.insert({net->population(p.pre).name(), net->population(p.post).name(), i, j, w});
    }
    using T = std::tuple<std::string, std::string, Index, Index, float>;
    std::set<T> expect = {T{"a", "b", 5, 3, 1.f}, T{"b", "a", 1, 4, 2.f}, T{"a", "b", 3, 0, 3.f}};
    for (Index i : {5u, 4u, 3u})
        for (Index j = 0; j < 4; ++j) expect.insert(T{"a", "b", i, j, 5.f});
    for (Index i = 0; i < 4; ++i)
        for (Index j = 0; j < 4; ++j) expect.insert(T{"b", "b", i, j, 5.f});
    CHECK(all == expect);
    CHECK(s.record_spikes == std::vector<std::string>{"a", "b"});
    REQUIRE(s.record_state.size() == 2);
    CHECK(s.record_state[0].neurons == std::vector<Index>{5, 4, 3});
    CHECK(s.record_state[1].neurons.empty());
    auto fails = [&](const std::string& text) {
        try {
            build_network(parse_network(head + text, "net.toml"));
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(fails("[[projection]]\npre = \"ab\"\npost = \"a\"\nconnect = \"fixed_indegree\"\nk = 2\n") ==
          "net.toml:12: projection 'ab->a': connect = fixed_indegree: does not split over an assembly's members (their counts are over the "
          "whole assembly); connect the members one by one");
    CHECK(fails("[[assembly]]\nname = \"a\"\nmembers = [\"b\"]\n") == "net.toml:12: assembly 'a': name = a: is also a population's name");
    CHECK(fails("[[assembly]]\nname = \"c\"\nmembers = [\"z\"]\n") == "net.toml:12: assembly 'c': members = z: no population of that name");
}
