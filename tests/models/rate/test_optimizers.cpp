// Each optimizer's first two steps on one parameter w0 = 1 with gradients g1 = 0.5, g2 = -0.2,
// against the arithmetic written out (PyTorch's update equations, torch.optim 1.13).
#include <catch2/catch.hpp>
#include <cmath>

#include "models/rate/optimizer.hpp"
#include "models/rate/schedule.hpp"

using namespace plastica::rate;
using M = Matrix<double>;

namespace {
// Runs two steps; returns w after each.
std::pair<double, double> two_steps(const OptimizerSpec& s, double lr, bool penalised = true) {
    M w(1, 1), g(1, 1);
    w(0) = 1.0;
    std::vector<Param<double>> ps{{"w", &w, &g, penalised}};
    Optimizer<double> opt(s, ps);
    g(0) = 0.5;
    opt.step(ps, lr);
    const double w1 = w(0);
    g(0) = -0.2;
    opt.step(ps, lr);
    return {w1, w(0)};
}
OptimizerSpec spec(const char* kind) {
    OptimizerSpec s;
    s.kind = kind;
    return s;
}
}  // namespace

TEST_CASE("sgd, momentum and nesterov: first steps", "[rate][optimizer]") {
    auto [a1, a2] = two_steps(spec("sgd"), 0.1);
    CHECK(a1 == Approx(1 - 0.1 * 0.5).epsilon(1e-15));         // 0.95
    CHECK(a2 == Approx(0.95 + 0.1 * 0.2).epsilon(1e-15));      // 0.97
    OptimizerSpec m = spec("sgd");
    m.momentum = 0.9;
    auto [b1, b2] = two_steps(m, 0.1);
    CHECK(b1 == Approx(1 - 0.1 * 0.5).epsilon(1e-15));         // v1 = g1 = 0.5
    CHECK(b2 == Approx(0.95 - 0.1 * (0.9 * 0.5 - 0.2)).epsilon(1e-15));  // v2 = 0.25 -> 0.925
    m.nesterov = true;
    auto [c1, c2] = two_steps(m, 0.1);
    CHECK(c1 == Approx(1 - 0.1 * (0.5 + 0.9 * 0.5)).epsilon(1e-15));     // 0.905
    CHECK(c2 == Approx(0.905 - 0.1 * (-0.2 + 0.9 * 0.25)).epsilon(1e-15));  // 0.9025
}

TEST_CASE("rmsprop: first steps", "[rate][optimizer]") {
    auto [w1, w2] = two_steps(spec("rmsprop"), 0.01);
    const double s1 = 0.01 * 0.25;                    // (1 - alpha) g1^2, alpha = 0.99
    const double e1 = 1 - 0.01 * 0.5 / (std::sqrt(s1) + 1e-8);
    const double s2 = 0.99 * s1 + 0.01 * 0.04;
    CHECK(w1 == Approx(e1).epsilon(1e-15));
    CHECK(w2 == Approx(e1 + 0.01 * 0.2 / (std::sqrt(s2) + 1e-8)).epsilon(1e-15));
}

TEST_CASE("adam: first steps with bias correction", "[rate][optimizer]") {
    auto [w1, w2] = two_steps(spec("adam"), 0.1);
    // t = 1: m = 0.05, v = 0.00025; m^ = 0.5, v^ = 0.25 -> step 0.1 * 0.5 / (0.5 + 1e-8).
    const double e1 = 1 - 0.1 * (0.05 / 0.1) / (std::sqrt(0.00025 / 0.001) + 1e-8);
    // t = 2: m = 0.9 * 0.05 - 0.1 * 0.2 = 0.025, v = 0.999 * 0.00025 + 0.001 * 0.04 = 0.00028975.
    const double m2 = 0.025, v2 = 0.00028975;
    const double e2 = e1 - 0.1 * (m2 / (1 - 0.81)) / (std::sqrt(v2 / (1 - 0.998001)) + 1e-8);
    CHECK(w1 == Approx(e1).epsilon(1e-14));
    CHECK(w1 == Approx(0.9).epsilon(1e-7));
    CHECK(w2 == Approx(e2).epsilon(1e-14));
}

TEST_CASE("L1 and L2 penalties add to the gradient of weights, not biases", "[rate][optimizer]") {
    OptimizerSpec s = spec("sgd");
    s.l2 = 0.1;
    s.l1 = 0.01;
    auto [w1, w2] = two_steps(s, 0.1);
    const double e1 = 1 - 0.1 * (0.5 + 0.1 * 1 + 0.01);
    CHECK(w1 == Approx(e1).epsilon(1e-15));
    CHECK(w2 == Approx(e1 - 0.1 * (-0.2 + 0.1 * e1 + 0.01)).epsilon(1e-15));
    auto [b1, b2] = two_steps(s, 0.1, false);
    CHECK(b1 == Approx(0.95).epsilon(1e-15));
    CHECK(b2 == Approx(0.97).epsilon(1e-15));
}

TEST_CASE("learning-rate schedules", "[rate][optimizer]") {
    Schedule c;
    c.lr = 0.1;
    CHECK(c.at(7) == 0.1);
    Schedule st = c;
    st.kind = "step";
    st.step_size = 2;
    st.gamma = 0.5;
    CHECK(st.at(0) == 0.1);
    CHECK(st.at(1) == 0.1);
    CHECK(st.at(2) == Approx(0.05));
    CHECK(st.at(5) == Approx(0.025));
    Schedule co = c;
    co.kind = "cosine";
    co.epochs = 10;
    co.min_lr = 0.01;
    CHECK(co.at(0) == Approx(0.1));
    CHECK(co.at(5) == Approx(0.055));   // halfway: (0.1 + 0.01) / 2
    CHECK(co.at(10) == Approx(0.01));
}

TEST_CASE("bad optimizer and schedule settings are errors naming the key", "[rate][optimizer][errors]") {
    M w(1, 1), g(1, 1);
    std::vector<Param<double>> ps{{"w", &w, &g, true}};
    auto fails = [&](OptimizerSpec s, const char* key) {
        try {
            Optimizer<double> o(s, ps);
            FAIL("no error for " << key);
        } catch (const plastica::Error& e) {
            CHECK(e.key() == key);
        }
    };
    fails(spec("adagrad"), "optimizer");
    OptimizerSpec s = spec("sgd");
    s.nesterov = true;
    fails(s, "nesterov");
    s = spec("adam");
    s.beta2 = 1;
    fails(s, "beta2");
    s = spec("adam");
    s.eps = 0;
    fails(s, "eps");
    s = spec("sgd");
    s.l2 = -1;
    fails(s, "l2");
    Schedule bad;
    bad.kind = "exponential";
    CHECK_THROWS_WITH(bad.validate("cfg"), Catch::Contains("schedule = exponential"));
    bad.kind = "constant";
    bad.lr = 0;
    CHECK_THROWS_WITH(bad.validate("cfg"), Catch::Contains("lr = 0"));
}
