// Rate-based Hebbian rules: Hebb, Oja and BCM updates against their equations, for rate neurons
// and for spiking neurons through trace rate estimates.
#include <catch2/catch.hpp>

#include <cmath>

#include "pair_harness.hpp"
#include "plasticity/hebbian.hpp"
#include "plasticity/rate_hebbian_rule.hpp"

using namespace plastica;
using namespace plastica::test;

TEST_CASE("Hebbian kernels: one update of each rule equals its equation", "[plasticity][hebbian]") {
    HebbianKernel::Params p;
    p.eta = 0.01;
    p.gamma = 0.5;
    p.y0 = 2;
    p.tau_theta = 10;
    Eigen::MatrixXd W(2, 3);
    W << 0.1, -0.2, 0.3, 0.4, 0.5, -0.6;
    const Eigen::VectorXd x = (Eigen::VectorXd(3) << 1.0, 2.0, -0.5).finished();
    const Eigen::VectorXd y = (Eigen::VectorXd(2) << 0.7, 1.3).finished();
    for (auto kind : {HebbianKernel::Kind::hebb, HebbianKernel::Kind::oja, HebbianKernel::Kind::bcm}) {
        RateHebbian r(HebbianKernel(kind, p, "test"), 2);
        r.theta() << 0.2, 0.9;
        Eigen::MatrixXd w = W;
        r.update(w, x, y);
        for (int j = 0; j < 2; ++j)
            for (int i = 0; i < 3; ++i) {
                double dw = 0;
                if (kind == HebbianKernel::Kind::hebb) dw = 0.01 * (x[i] * y[j] - 0.5 * W(j, i));
                if (kind == HebbianKernel::Kind::oja) dw = 0.01 * y[j] * (x[i] - y[j] * W(j, i));
                if (kind == HebbianKernel::Kind::bcm) dw = 0.01 * x[i] * y[j] * (y[j] - (j == 0 ? 0.2 : 0.9));
                REQUIRE(w(j, i) - W(j, i) == Approx(dw).epsilon(1e-12));
            }
        if (kind == HebbianKernel::Kind::bcm) {
            // exact relaxation over one sample toward y^2 / y0
            const double e = std::exp(-1.0 / 10);
            REQUIRE(r.theta()[0] == Approx(0.2 * e + 0.49 / 2 * (1 - e)).epsilon(1e-12));
        }
    }
    // Oja's fixed point: a unit eigenvector of the input covariance does not move on average.
    HebbianKernel oja(HebbianKernel::Kind::oja, p, "test");
    REQUIRE(oja.rate(1.0, 1.0, 1.0, 0) == 0);
}

TEST_CASE("rate-based rule on spikes: each sweep applies the rule to trace rate estimates", "[plasticity][hebbian]") {
    const std::vector<double> pre = {5, 12, 13, 30, 41, 44, 77, 90}, post = {8, 20, 21, 33, 60, 61, 62, 95};
    const double tau = 50, interval = 25;
    HebbianKernel::Params p;
    p.eta = 0.02;
    p.gamma = 0.3;
    p.y0 = 40;
    p.tau_theta = 60;
    for (auto kind : {HebbianKernel::Kind::hebb, HebbianKernel::Kind::oja, HebbianKernel::Kind::bcm}) {
        const float w0 = 0.05f;
        PairNetwork pn({pre}, {post}, w0);
        auto& rule = pn.net->add_rule(*pn.proj, std::make_unique<RateHebbianRule>(kind, p, tau, interval));
        // the recorded post spikes: a weight grown large adds spikes of its own to the forced ones
        const std::vector<double> post_seen = pn.run(100)[0];
        REQUIRE(post_seen.size() >= post.size());
        // reference: sweeps at 25, 50, 75, 100 ms with rates from explicit sums over spikes <= T
        const HebbianKernel k(kind, p, "test");
        double w = w0, theta = 0;
        for (double T = interval; T <= 100 + 1e-9; T += interval) {
            const double x = explicit_sums::trace(explicit_sums::earlier(pre, T, true), T, tau, false) * 1000 / tau;
            const double y = explicit_sums::trace(explicit_sums::earlier(post_seen, T, true), T, tau, false) * 1000 / tau;
            w = static_cast<float>(k.clip(w + interval * 1e-3 * k.rate(w, x, y, theta)));
            theta = k.next_theta(theta, y, interval);
        }
        INFO("kind " << static_cast<int>(kind));
        REQUIRE(pn.proj->weight[0] - w0 == Approx(w - w0).epsilon(1e-6));
        if (kind == HebbianKernel::Kind::bcm) REQUIRE(rule.theta(0) == Approx(theta).epsilon(1e-9));
    }
}

TEST_CASE("Hebbian rules: bad parameters are errors naming the key", "[plasticity][hebbian][errors]") {
    HebbianKernel::Params p;
    p.eta = std::nan("");
    REQUIRE_THROWS_WITH(HebbianKernel(HebbianKernel::Kind::oja, p, "test"), Catch::Contains("eta"));
    p = {};
    p.tau_theta = -1;
    REQUIRE_THROWS_WITH(HebbianKernel(HebbianKernel::Kind::bcm, p, "test"), Catch::Contains("tau_theta"));
    p = {};
    p.w_min = 2;
    p.w_max = 1;
    REQUIRE_THROWS_WITH(HebbianKernel(HebbianKernel::Kind::hebb, p, "test"), Catch::Contains("w_max"));
    REQUIRE_THROWS_WITH(HebbianKernel::kind_of("stdp", "test"), Catch::Contains("hebb, oja, bcm"));
    REQUIRE_THROWS_WITH(RateHebbianRule(HebbianKernel::Kind::oja, {}, -5, 10), Catch::Contains("tau_rate"));
    PairNetwork pn({{1}}, {{2}}, 0.5f);
    REQUIRE_THROWS_WITH(pn.net->add_rule(*pn.proj, std::make_unique<RateHebbianRule>(HebbianKernel::Kind::oja, HebbianKernel::Params{}, 20, 0.25)),
                        Catch::Contains("interval") && Catch::Contains("whole number of steps"));
}
