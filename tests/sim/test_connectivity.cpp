// Connection rules: counts against their distributions, exact degrees, autapses, sorted rows.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <set>

#include "models/lif_curr_exp.hpp"
#include "models/neuron_population.hpp"
#include "sim/network.hpp"

using namespace plastica;

namespace {
Network two_pops(Index a, Index b, std::uint32_t seed = 11) {
    Network net(0.1, seed);
    net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("a", a, LifCurrExp::Params{}));
    if (b) net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("b", b, LifCurrExp::Params{}));
    return net;
}
const SynapseSpec kSyn{Receptor::exc, Distribution::constant(1), Distribution::constant(0.1)};

void require_sorted_rows(const Projection& p) {
    for (std::size_t i = 0; i + 1 < p.row_ptr.size(); ++i)
        for (auto s = p.row_ptr[i] + 1; s < p.row_ptr[i + 1]; ++s) REQUIRE(p.target[s - 1] <= p.target[s]);
}
}  // namespace

TEST_CASE("fixed_probability: synapse count within 4 sigma of N_pre N_post p", "[sim][connectivity]") {
    for (double p : {0.02, 0.3}) {
        Network net = two_pops(1500, 1200);
        const auto& pr = net.connect("a", "b", ConnectionRule::fixed_probability(p), kSyn);
        const double n = 1500.0 * 1200.0, mean = n * p, sd = std::sqrt(n * p * (1 - p));
        CHECK(std::fabs(static_cast<double>(pr.size()) - mean) < 4 * sd);
        require_sorted_rows(pr);
        // No repeated pairs: a Bernoulli draw per pair.
        for (std::size_t i = 0; i + 1 < pr.row_ptr.size(); ++i)
            for (auto s = pr.row_ptr[i] + 1; s < pr.row_ptr[i + 1]; ++s) REQUIRE(pr.target[s - 1] < pr.target[s]);
    }
}

TEST_CASE("fixed_probability: p = 0 and p = 1 give none and all", "[sim][connectivity]") {
    Network net = two_pops(50, 40);
    CHECK(net.connect("a", "b", ConnectionRule::fixed_probability(0), kSyn).size() == 0);
    CHECK(net.connect("a", "b", ConnectionRule::fixed_probability(1), kSyn).size() == 2000);
    CHECK(net.connect("a", "a", ConnectionRule::fixed_probability(1, false), kSyn).size() == 50 * 49);
}

TEST_CASE("fixed_indegree: every target has exactly K sources", "[sim][connectivity]") {
    for (bool multapses : {true, false}) {
        Network net = two_pops(300, 0);
        const auto& pr = net.connect("a", "a", ConnectionRule::fixed_indegree(40, false, multapses), kSyn);
        std::vector<int> indeg(300, 0);
        std::vector<std::set<Index>> sources(300);
        for (Index i = 0; i < 300; ++i)
            for (auto s = pr.row_ptr[i]; s < pr.row_ptr[i + 1]; ++s) {
                ++indeg[pr.target[s]];
                REQUIRE(pr.target[s] != i);  // no autapses
                sources[pr.target[s]].insert(i);
            }
        for (Index j = 0; j < 300; ++j) {
            REQUIRE(indeg[j] == 40);
            if (!multapses) REQUIRE(sources[j].size() == 40);
        }
        require_sorted_rows(pr);
    }
}

TEST_CASE("fixed_outdegree: every source has exactly K targets", "[sim][connectivity]") {
    Network net = two_pops(200, 0);
    const auto& pr = net.connect("a", "a", ConnectionRule::fixed_outdegree(150, false, false), kSyn);
    const auto all = pr.target.to_vector();
    for (Index i = 0; i < 200; ++i) {
        REQUIRE(pr.row_ptr[i + 1] - pr.row_ptr[i] == 150);
        std::set<Index> t(all.begin() + pr.row_ptr[i], all.begin() + pr.row_ptr[i + 1]);
        REQUIRE(t.size() == 150);
        REQUIRE(!t.count(i));
    }
}

TEST_CASE("all_to_all and one_to_one and explicit pairs", "[sim][connectivity]") {
    Network net = two_pops(30, 30);
    CHECK(net.connect("a", "a", ConnectionRule::all_to_all(false), kSyn).size() == 30 * 29);
    CHECK(net.connect("a", "b", ConnectionRule::all_to_all(), kSyn).size() == 900);
    const auto& o = net.connect("a", "b", ConnectionRule::one_to_one(), kSyn);
    for (Index i = 0; i < 30; ++i) REQUIRE(o.target[o.row_ptr[i]] == i);
    auto rule = ConnectionRule::pairs({{3, 7}, {1, 2}, {3, 1}});
    rule.pair_weights = {0.5, 1.5, 2.5};
    rule.pair_delays = {0.3, 0.1, 0.2};
    const auto& p = net.connect("a", "b", rule, kSyn);
    REQUIRE(p.size() == 3);
    CHECK(p.target.to_vector() == std::vector<Index>{2, 1, 7});   // sorted by (pre, post)
    CHECK(p.weight == std::vector<float>{1.5f, 2.5f, 0.5f});
    CHECK(p.delays == std::vector<std::uint16_t>{1, 2, 3});
}

TEST_CASE("weights and delays from distributions are clipped and reproducible", "[sim][connectivity]") {
    auto build = [](std::uint32_t seed) {
        Network net = two_pops(200, 200, seed);
        SynapseSpec syn{Receptor::exc, Distribution::normal(1.0, 0.5).clipped(0.2, 1.5), Distribution::uniform(0.1, 2.0)};
        const auto& p = net.connect("a", "b", ConnectionRule::fixed_probability(0.1), syn);
        return std::make_pair(p.weight, p.delays);
    };
    const auto [w, d] = build(5);
    double sum = 0;
    for (float x : w) {
        REQUIRE(x >= 0.2f);
        REQUIRE(x <= 1.5f);
        sum += x;
    }
    // Mean of a normal(mu, sd) clipped to [a, b]: a Phi(al) + b (1 - Phi(be)) + mu (Phi(be) - Phi(al))
    // + sd (phi(al) - phi(be)), al = (a - mu)/sd, be = (b - mu)/sd.
    auto Phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
    auto phi = [](double x) { return std::exp(-x * x / 2) / std::sqrt(2 * M_PI); };
    const double al = (0.2 - 1.0) / 0.5, be = (1.5 - 1.0) / 0.5;
    const double mean = 0.2 * Phi(al) + 1.5 * (1 - Phi(be)) + 1.0 * (Phi(be) - Phi(al)) + 0.5 * (phi(al) - phi(be));
    CHECK(sum / w.size() == Approx(mean).margin(4 * 0.5 / std::sqrt(static_cast<double>(w.size()))));
    for (auto s : d) {
        REQUIRE(s >= 1);
        REQUIRE(s <= 20);
    }
    CHECK(build(5).first == w);
    CHECK(build(6).first != w);
}

TEST_CASE("a static synapse takes 6 bytes into up to 65536 neurons, 8 into more", "[sim][connectivity]") {
    for (const Index n_post : {Index{2000}, TargetIndices::kNarrowLimit, TargetIndices::kNarrowLimit + 1}) {
        Network net = two_pops(100, n_post);
        const auto& p = net.connect("a", "b", ConnectionRule::fixed_probability(0.05), kSyn);
        const bool narrow = n_post <= 65536;
        CHECK(p.target.narrow() == narrow);
        const double per = static_cast<double>(p.bytes() - p.row_ptr.size() * sizeof(std::uint64_t)) / p.size();
        CHECK(per == (narrow ? 6.0 : 8.0));
        // The largest index survives the narrowing: the last target neuron is reachable.
        const auto all = p.target.to_vector();
        CHECK(*std::max_element(all.begin(), all.end()) > n_post - 200);
        require_sorted_rows(p);
    }
}
