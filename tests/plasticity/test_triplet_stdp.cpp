// Triplet STDP (Pfister & Gerstner 2006) against its equations evaluated by explicit sums.
#include <catch2/catch.hpp>

#include "pair_harness.hpp"
#include "plasticity/triplet_stdp.hpp"

using namespace plastica;
using namespace plastica::test;

namespace {

float simulate(const std::vector<double>& pre, const std::vector<double>& post, const TripletStdp::Params& p, float w0) {
    PairNetwork pn({pre}, {post}, w0);
    pn.net->add_rule(*pn.proj, std::make_unique<TripletStdpRule>(p));
    const auto got = pn.run(std::max(pre.back(), post.back()) + 5);
    REQUIRE(got[0].size() == post.size());
    return pn.proj->weight[0];
}

/// Eqs. 3-4 of Pfister & Gerstner 2006 with traces written as sums over earlier spikes.
float reference(const std::vector<double>& pre, const std::vector<double>& post, const TripletStdp::Params& p, float w0) {
    return explicit_sums::triplet_stdp(p, w0, pre, post);
}

}  // namespace

TEST_CASE("triplet STDP: a pair, two triplets and a train equal Eqs. 3-4", "[plasticity][triplet]") {
    for (const auto& set : triplet_parameter_set_names()) {
        const auto p = triplet_parameter_set(set);
        INFO(set);
        // pair: post 10 ms after pre, and pre 10 ms after post
        const float w0 = 0.05f;
        REQUIRE(simulate({50}, {60}, p, w0) - w0 ==
                Approx(p.a2_plus * std::exp(-10 / p.tau_plus)).epsilon(1e-6).margin(1e-9));
        REQUIRE(simulate({60}, {50}, p, w0) - w0 == Approx(-p.a2_minus * std::exp(-10 / p.tau_minus)).epsilon(1e-6));
        // post-pre-post triplet: the second post spike sees o2 of the first (the triplet term)
        const double r1 = std::exp(-5 / p.tau_plus), o2 = std::exp(-15 / p.tau_y);
        const double dep = -p.a2_minus * std::exp(-10 / p.tau_minus);
        const double expected = dep + r1 * (p.a2_plus + p.a3_plus * o2);
        REQUIRE(simulate({60}, {50, 65}, p, w0) - w0 == Approx(expected).epsilon(1e-5).margin(2e-9));
        // pre-post-pre and a longer train, against the explicit sums
        REQUIRE(simulate({50, 70}, {55}, p, w0) == Approx(reference({50, 70}, {55}, p, w0)).epsilon(1e-6));
        const std::vector<double> pre = {10, 30, 32, 50, 70, 71, 90}, post = {15, 20, 31, 55, 56, 72, 88};
        const float got = simulate(pre, post, p, w0), ref = reference(pre, post, p, w0);
        REQUIRE(got - w0 == Approx(ref - w0).epsilon(1e-5));
    }
}

TEST_CASE("triplet STDP: unknown parameter set names the known ones", "[plasticity][triplet][errors]") {
    REQUIRE_THROWS_WITH(triplet_parameter_set("cortex"), Catch::Contains("visual_cortex_all_to_all"));
}
