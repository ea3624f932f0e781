// Pair-based STDP against the closed-form window and an explicit-sum reference (pair_harness.hpp).
#include <catch2/catch.hpp>

#include "pair_harness.hpp"
#include "plasticity/stdp.hpp"

using namespace plastica;
using namespace plastica::test;

namespace {

PairStdp::Params params(double a_plus = 0.01, double a_minus = 0.012, double tau_plus = 16.8, double tau_minus = 33.7) {
    PairStdp::Params p;
    p.a_plus = a_plus;
    p.a_minus = a_minus;
    p.tau_plus = tau_plus;
    p.tau_minus = tau_minus;
    p.w_min = 0;
    p.w_max = 1;
    return p;
}

/// Runs one synapse with the rule; checks the forced post spikes happened; returns the weight.
float simulate(const std::vector<double>& pre, const std::vector<double>& post, const PairStdp::Params& p, float w0,
               int threads = 1) {
    PairNetwork pn({pre}, {post}, w0);
    pn.net->add_rule(*pn.proj, std::make_unique<StdpRule>(p));
    const double end = std::max(pre.empty() ? 0 : pre.back(), post.empty() ? 0 : post.back()) + 5;
    const auto got = pn.run(end, threads);
    REQUIRE(got[0].size() == post.size());
    for (std::size_t q = 0; q < post.size(); ++q) REQUIRE(got[0][q] == Approx(post[q]).margin(1e-9));
    return pn.proj->weight[0];
}

/// The rule from its equations by explicit sums (no traces).
float reference(const std::vector<double>& pre, const std::vector<double>& post, const PairStdp::Params& p, float w0) {
    return explicit_sums::pair_stdp(p, w0, pre, post);
}

}  // namespace

TEST_CASE("pair STDP: one pair gives the exponential window, a pair in one step counts as causal", "[plasticity][stdp]") {
    const auto p = params();
    const float w0 = 0.02f;
    for (double lag : {-80.0, -20.0, -5.0, -0.1, 0.0, 0.1, 3.0, 16.8, 50.0}) {
        const double t_pre = 100, t_post = t_pre + lag;
        const double dw = simulate({t_pre}, {t_post}, p, w0) - double(w0);
        const double expected = lag >= 0 ? p.a_plus * std::exp(-lag / p.tau_plus) : -p.a_minus * std::exp(lag / p.tau_minus);
        INFO("lag " << lag);
        REQUIRE(dw == Approx(expected).epsilon(1e-6));
    }
}

TEST_CASE("pair STDP: spike trains, all-to-all and nearest-spike, equal the explicit sums", "[plasticity][stdp]") {
    const std::vector<double> pre = {10, 14, 30, 31, 52, 60, 61.5, 90};
    const std::vector<double> post = {12, 20, 31, 45, 58, 62, 75, 88};
    for (bool nearest : {false, true}) {
        auto p = params();
        p.nearest = nearest;
        const float w0 = 0.03f;
        const float got = simulate(pre, post, p, w0);
        const float ref = reference(pre, post, p, w0);
        INFO("nearest " << nearest);
        REQUIRE(got - w0 == Approx(ref - w0).epsilon(1e-6));
    }
    // The two pairings differ on this train (the test would not notice a swapped flag otherwise).
    auto a = params(), n = params();
    n.nearest = true;
    REQUIRE(std::fabs(reference(pre, post, a, 0.03f) - reference(pre, post, n, 0.03f)) > 3e-4);  // measured 1.0e-3
}

TEST_CASE("pair STDP: Guetig weight dependence and bounds", "[plasticity][stdp]") {
    const std::vector<double> pre = {5, 25, 27, 40, 70};
    const std::vector<double> post = {8, 20, 30, 41, 69};
    for (double mu : {0.0, 0.5, 1.0}) {
        auto p = params(0.2, 0.25);  // large steps so that the weight dependence matters
        p.mu_plus = p.mu_minus = mu;
        for (float w0 : {0.1f, 0.5f, 0.9f}) {
            const float got = simulate(pre, post, p, w0);
            const float ref = reference(pre, post, p, w0);
            INFO("mu " << mu << " w0 " << w0);
            REQUIRE(got == Approx(ref).epsilon(1e-6));
        }
    }
    // Hard bounds: potentiation past w_max stops there, depression below w_min likewise.
    auto p = params(0.5, 0.5);
    REQUIRE(simulate({10, 20, 30}, {11, 21, 31}, p, 0.6f) == 1.0f);
    REQUIRE(simulate({11, 21, 31}, {10, 20, 30}, p, 0.4f) == 0.0f);
    // Soft bounds: one multiplicative step from w0 moves a fraction (1 - w) of the way up.
    p = params(0.2, 0.2);
    p.mu_plus = p.mu_minus = 1;
    REQUIRE(simulate({10}, {10}, p, 0.25f) - 0.25 == Approx(0.2 * 0.75).epsilon(1e-6));
    REQUIRE(simulate({10}, {5}, p, 0.25f) - 0.25 == Approx(-0.2 * 0.25 * std::exp(-5 / p.tau_minus)).epsilon(1e-6));
}

TEST_CASE("pair STDP: the presynaptic target x_tar of Diehl & Cook (Eq. 3)", "[plasticity][stdp]") {
    // Closed form: a postsynaptic spike lag ms after one presynaptic spike changes w by
    // a_plus (exp(-lag / tau_plus) - x_tar) (1 - w)^mu; a lone postsynaptic spike by -a_plus x_tar (1 - w)^mu.
    for (double mu : {0.0, 0.9}) {
        auto p = params();
        p.x_tar = 0.4;
        p.mu_plus = mu;
        const float w0 = 0.3f;
        const double f = std::pow(1 - 0.3, mu);
        for (double lag : {0.0, 5.0, 30.0}) {
            INFO("mu " << mu << " lag " << lag);
            REQUIRE(simulate({100}, {100 + lag}, p, w0) - double(w0) == Approx(p.a_plus * (std::exp(-lag / p.tau_plus) - 0.4) * f).epsilon(1e-5));
        }
        REQUIRE(simulate({}, {50}, p, w0) - double(w0) == Approx(-p.a_plus * 0.4 * f).epsilon(1e-5));
        // spike trains, nearest pairing as Diehl & Cook's code: the explicit sums
        p.nearest = true;
        const std::vector<double> pre = {10, 14, 30, 31, 52, 60, 61.5, 90}, post = {12, 20, 31, 45, 58, 62, 75, 88};
        REQUIRE(simulate(pre, post, p, w0) - w0 == Approx(reference(pre, post, p, w0) - w0).epsilon(1e-6));
    }
    // weights stay in [w_min, w_max] when the offset pushes them down
    auto p = params(0.5, 0.5);
    p.x_tar = 1;
    REQUIRE(simulate({}, {10, 20, 30}, p, 0.4f) == 0.0f);
}

TEST_CASE("pair STDP: many synapses, same weights at 1 and 2 threads", "[plasticity][stdp][determinism]") {
    // 40 sources onto 40 forced neurons (1600 synapses) with irregular times.
    std::vector<std::vector<double>> pre(40), post(40);
    for (int i = 0; i < 40; ++i)
        for (int q = 0; q < 12; ++q) {
            pre[i].push_back(1 + q * 23.0 + (i * 7 + q * 3) % 19 * 0.5);
            post[i].push_back(2 + q * 23.0 + (i * 5 + q * 11) % 17 * 0.7);
        }
    for (auto& v : post)
        for (double& t : v) t = std::round(t * 10) / 10;
    auto p = params();
    std::vector<float> w[2];
    for (int threads : {1, 2}) {
        PairNetwork pn(pre, post, 0.3f);
        pn.net->add_rule(*pn.proj, std::make_unique<StdpRule>(p));
        pn.run(300, threads);
        w[threads - 1] = pn.proj->weight;
    }
    REQUIRE(w[0] == w[1]);
    // and each synapse equals the reference
    PairNetwork pn(pre, post, 0.3f);
    for (Index i = 0; i < 40; i += 13)
        for (Index j = 0; j < 40; j += 11) {
            const std::uint64_t s = pn.proj->row_ptr[i] + j;  // all-to-all rows are sorted by target
            REQUIRE(pn.proj->target[s] == j);
            REQUIRE(w[1][s] == Approx(reference(pre[i], post[j], p, 0.3f)).epsilon(1e-6));
        }
}
