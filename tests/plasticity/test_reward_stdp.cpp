// Reward-modulated STDP (Izhikevich 2007): the weight change after a pairing and rewards equals
// the integral of c d written out in closed form here; no reward, no change.
#include <catch2/catch.hpp>

#include <cmath>

#include "pair_harness.hpp"
#include "plasticity/reward_stdp.hpp"

using namespace plastica;
using namespace plastica::test;

namespace {

RewardStdpRule::Params params() {
    RewardStdpRule::Params p;
    p.a_plus = 1.0;
    p.a_minus = 1.5;
    p.tau_c = 1000;
    p.tau_d = 200;
    p.w_min = 0;
    p.w_max = 10;
    return p;
}

/// Step whose spikes carry time `ms` (spike_time_ms(t) = (t + 1) dt).
Step step_of(double ms) { return static_cast<Step>(std::lround(ms / 0.1)) - 1; }

}  // namespace

TEST_CASE("reward STDP: pairing then reward gives the closed-form integral of c d", "[plasticity][rstdp]") {
    const auto p = params();
    const double tp = p.tau_c * p.tau_d / (p.tau_c + p.tau_d);
    const float w0 = 0.5f;
    // causal pair 10 ms apart at 100/110 ms: c = a_plus e^{-10/tau_plus} at the post spike
    const double c0 = p.a_plus * std::exp(-10 / p.tau_plus);
    const Step post = step_of(110);
    for (double reward_ms : {1000.0, 60.0}) {  // after the pairing, and before it
        PairNetwork pn({{100}}, {{110}}, w0);
        auto& rule = pn.net->add_rule(*pn.proj, std::make_unique<RewardStdpRule>(p));
        const Step r = static_cast<Step>(std::lround(reward_ms / 0.1));
        rule.schedule_reward(r, 0.005);
        pn.run(3000);
        const Step end = 30000;
        double expected;
        if (r > post) {
            expected = c0 * std::exp(-(r - post) * 0.1 / p.tau_c) * 0.005 * tp * (1 - std::exp(-(end - r) * 0.1 / tp));
        } else {
            // dopamine already decaying when the eligibility appears; the pre spike at 100 ms
            // finds no earlier post spike, so c is zero before the post spike
            const double d_at_post = 0.005 * std::exp(-(post - r) * 0.1 / p.tau_d);
            expected = c0 * d_at_post * tp * (1 - std::exp(-(end - post) * 0.1 / tp));
        }
        INFO("reward at " << reward_ms << " ms");
        REQUIRE(pn.proj->weight[0] - double(w0) == Approx(expected).epsilon(1e-6));
        REQUIRE(rule.dopamine(end) == Approx(0.005 * std::exp(-(end - r) * 0.1 / p.tau_d)).epsilon(1e-12));
    }
}

TEST_CASE("reward STDP: no dopamine, no weight change, two rewards add, acausal pairs depress", "[plasticity][rstdp]") {
    const auto p = params();
    const double tp = p.tau_c * p.tau_d / (p.tau_c + p.tau_d);
    {
        PairNetwork pn({{100, 300}}, {{110, 290}}, 0.5f);
        auto& rule = pn.net->add_rule(*pn.proj, std::make_unique<RewardStdpRule>(p));
        pn.run(2000);
        REQUIRE(pn.proj->weight[0] == 0.5f);
        REQUIRE(rule.eligibility(0, 19999) != 0);
    }
    // acausal pair (post 110, pre 120): c = -a_minus e^{-10/tau_minus}; rewards at 500 and 800 ms
    PairNetwork pn({{120}}, {{110}}, 5.0f);
    auto& rule = pn.net->add_rule(*pn.proj, std::make_unique<RewardStdpRule>(p));
    rule.schedule_reward(5000, 0.003);
    rule.schedule_reward(8000, 0.002);
    Simulator sim(*pn.net, 2);
    sim.run(1000);
    sim.run(1000);  // two runs of one simulator: weights are synced between them
    const Step pre = step_of(120), end = 20000;
    const double c0 = -p.a_minus * std::exp(-10 / p.tau_minus);
    auto piece = [&](double amount, Step r) {
        return c0 * std::exp(-(r - pre) * 0.1 / p.tau_c) * amount * tp * (1 - std::exp(-(end - r) * 0.1 / tp));
    };
    REQUIRE(pn.proj->weight[0] - 5.0 == Approx(piece(0.003, 5000) + piece(0.002, 8000)).epsilon(1e-6));
}

TEST_CASE("reward STDP: bit-identical at 1 and 2 threads in a recurrent network, bad input", "[plasticity][rstdp][determinism]") {
    std::vector<float> w[2];
    for (int threads : {1, 2}) {
        Network net(0.1, 3);
        LifDelta::Params np;
        auto& pop = net.add(std::make_unique<NeuronPopulation<LifDelta>>("n", 300, np));
        pop.set_initial("v", Distribution::uniform(0, 20));
        pop.add_drive({9000, 0.2, Receptor::exc});
        auto& proj = net.connect("n", "n", ConnectionRule::fixed_indegree(30, false), {Receptor::exc, Distribution::uniform(0.1, 0.5), Distribution::constant(1.0)});
        auto p = params();
        p.w_max = 1;
        auto& rule = net.add_rule(proj, std::make_unique<RewardStdpRule>(p));
        for (Step r = 500; r < 3000; r += 700) rule.schedule_reward(r, 0.002);
        Simulator sim(net, threads);
        sim.run(300);
        w[threads - 1] = proj.weight;
    }
    REQUIRE(w[0] == w[1]);
    auto p = params();
    p.tau_c = -1;
    REQUIRE_THROWS_WITH(RewardStdpRule(p), Catch::Contains("tau_c"));
    p = params();
    p.w_max = p.w_min;
    REQUIRE_THROWS_WITH(RewardStdpRule(p), Catch::Contains("w_max"));
    RewardStdpRule ok(params());
    REQUIRE_THROWS_WITH(ok.schedule_reward(10, std::nan("")), Catch::Contains("reward"));
}
