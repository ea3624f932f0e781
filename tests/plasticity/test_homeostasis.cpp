// Synaptic normalization and synaptic scaling against their definitions.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "pair_harness.hpp"
#include "plasticity/homeostasis.hpp"
#include "plasticity/stdp.hpp"

using namespace plastica;
using namespace plastica::test;

TEST_CASE("synaptic normalization: incoming weights sum to the total (or have it as Euclidean norm), ratios kept, any thread count",
          "[plasticity][homeostasis]") {
    for (bool euclidean : {false, true}) {
        INFO("euclidean " << euclidean);
        std::vector<float> w[2];
        for (int threads : {1, 2}) {
            Network net(0.1, 5);
            LifDelta::Params np;
            auto& pop = net.add(std::make_unique<NeuronPopulation<LifDelta>>("n", 200, np));
            pop.add_drive({9000, 0.2, Receptor::exc});
            auto& proj = net.connect("n", "n", ConnectionRule::fixed_indegree(20, false),
                                     {Receptor::exc, Distribution::uniform(0.0, 0.5), Distribution::constant(1.0)});
            PairStdp::Params sp;
            sp.a_plus = 0.02;
            sp.a_minus = 0.021;
            net.add_rule(proj, std::make_unique<StdpRule>(sp));  // changes weights between sweeps
            net.add_rule(proj, std::make_unique<SynapticNormalizationRule>(3.0, 10.0, euclidean));
            const std::vector<float> before = proj.weight;
            Simulator sim(net, threads);
            sim.run(100);  // the last sweep is at the end of the run
            w[threads - 1] = proj.weight;
            std::vector<double> sum(200, 0.0);
            const auto tgt = proj.target.to_vector();
            for (std::size_t s = 0; s < tgt.size(); ++s) sum[tgt[s]] += euclidean ? double(proj.weight[s]) * proj.weight[s] : proj.weight[s];
            for (double x : sum) REQUIRE((euclidean ? std::sqrt(x) : x) == Approx(3.0).epsilon(1e-5));
            REQUIRE(proj.weight != before);
        }
        REQUIRE(w[0] == w[1]);
    }
    // one sweep with no other rule keeps ratios: w -> w * total / sum, or w * total / |w|
    for (bool euclidean : {false, true}) {
        PairNetwork pn({{}, {}, {}}, {{}}, 0.25f);
        pn.proj->weight = {0.1f, 0.3f, 0.6f};
        pn.net->add_rule(*pn.proj, std::make_unique<SynapticNormalizationRule>(2.0, 5.0, euclidean));
        pn.run(5);
        const double f = euclidean ? 2.0 / std::sqrt(0.01 + 0.09 + 0.36) : 2.0;
        REQUIRE(pn.proj->weight[0] == Approx(0.1 * f).epsilon(1e-6));
        REQUIRE(pn.proj->weight[1] == Approx(0.3 * f).epsilon(1e-6));
        REQUIRE(pn.proj->weight[2] == Approx(0.6 * f).epsilon(1e-6));
    }
    REQUIRE_THROWS_WITH(SynapticNormalizationRule(std::nan(""), 5), Catch::Contains("total"));
    REQUIRE_THROWS_WITH(SynapticNormalizationRule(-1, 5, true), Catch::Contains("total") && Catch::Contains("Euclidean"));
}

TEST_CASE("synaptic scaling: w -> w exp(beta h (r_target - r)) with the trace rate estimate", "[plasticity][homeostasis]") {
    SynapticScalingRule::Params p;
    p.target_rate = 20;
    p.beta = 0.5;
    p.tau_rate = 200;
    p.interval = 50;
    const std::vector<double> post = {10, 30, 35, 70, 120, 125, 130, 180};
    PairNetwork pn({{}}, {post}, 0.4f);
    auto& rule = pn.net->add_rule(*pn.proj, std::make_unique<SynapticScalingRule>(p));
    pn.run(200);
    double w = 0.4f;
    for (double T = 50; T <= 200 + 1e-9; T += 50) {
        const double r = explicit_sums::trace(explicit_sums::earlier(post, T, true), T, p.tau_rate, false) * 1000 / p.tau_rate;
        w = static_cast<float>(w * std::exp(p.beta * 0.05 * (p.target_rate - r)));
    }
    REQUIRE(pn.proj->weight[0] == Approx(w).epsilon(1e-6));
    REQUIRE(rule.rate(0, 1999) == Approx(explicit_sums::trace(post, 200, p.tau_rate, false) * 5).epsilon(1e-9));
    p.beta = -1;
    REQUIRE_THROWS_WITH(SynapticScalingRule(p), Catch::Contains("beta"));
}
