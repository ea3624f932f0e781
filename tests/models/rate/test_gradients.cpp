// Backpropagation against central finite differences, in double precision: every layer,
// activation and loss, and a 3-layer stack. Relative error below 1e-6 per element.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/rate/dropout.hpp"
#include "models/rate/loss.hpp"
#include "models/rate/network.hpp"
#include "sim/random.hpp"

using namespace plastica::rate;
using M = Matrix<double>;

namespace {

struct Problem {
    Network<double> net;
    M x;
    std::vector<int> labels;
    LossKind loss;
};

// Dropout must draw the same mask at every evaluation: rewind its batch counter.
void rewind_dropout(Problem& p) {
    for (std::size_t i = 0; i < p.net.layer_count(); ++i)
        if (auto* d = dynamic_cast<Dropout<double>*>(&p.net.layer(i))) d->batches = 0;
}

double loss_at(Problem& p) {
    rewind_dropout(p);
    return loss_value(p.loss, p.net.forward(p.x, Mode::train), p.labels.data());
}

double rel_err(double a, double n) {
    const double scale = std::max(std::abs(a) + std::abs(n), 1e-4);  // floor: gradients near 0
    return std::abs(a - n) / scale;
}

// Compares analytic dL/dparam and dL/dx with (L(v + h) - L(v - h)) / 2h.
void check_gradients(Problem& p) {
    const double h = 1e-6;
    M grad, dx;
    rewind_dropout(p);
    loss_and_gradient(p.loss, p.net.forward(p.x, Mode::train), p.labels.data(), grad);
    p.net.backward(grad, &dx);
    std::vector<std::pair<std::string, std::pair<M*, M>>> all;
    for (auto& q : p.net.params()) all.push_back({q.name, {q.value, *q.grad}});
    all.push_back({"input", {&p.x, dx}});
    int checked = 0;
    for (auto& [name, vg] : all) {
        M& v = *vg.first;
        for (Eigen::Index k = 0; k < v.size(); ++k) {
            const double keep = v(k);
            v(k) = keep + h;
            const double up = loss_at(p);
            v(k) = keep - h;
            const double down = loss_at(p);
            v(k) = keep;
            const double numeric = (up - down) / (2 * h);
            INFO(name << "[" << k << "]: analytic " << vg.second(k) << ", numeric " << numeric);
            REQUIRE(rel_err(vg.second(k), numeric) < 1e-6);
            ++checked;
        }
    }
    CHECK(checked > 10);
}

M random_input(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    plastica::RandomStream rng(seed, 99, 0, 0);
    M x(rows, cols);
    for (Eigen::Index i = 0; i < x.size(); ++i) x(i) = 2 * rng.uniform() - 1;
    return x;
}

}  // namespace

TEST_CASE("dense layer: gradients of weights, biases and inputs", "[rate][gradient]") {
    for (LossKind loss : {LossKind::mse, LossKind::cross_entropy}) {
        Problem p{Network<double>(4, {{"dense", 3, "xavier_normal", 0}}, 3), random_input(4, 5, 1), {0, 2, 1, 1, 0}, loss};
        check_gradients(p);
    }
}

TEST_CASE("activations: sigmoid, tanh, relu, softmax", "[rate][gradient]") {
    for (const char* act : {"sigmoid", "tanh", "relu", "softmax"}) {
        INFO(act);
        Problem p{Network<double>(4, {{"dense", 6, "he_normal", 0}, {act, 0, "", 0}, {"dense", 3, "xavier_uniform", 0}}, 5),
                  random_input(4, 7, 2), {0, 1, 2, 2, 1, 0, 1}, LossKind::cross_entropy};
        check_gradients(p);
    }
}

TEST_CASE("dropout: gradient through the kept units, identity in eval mode", "[rate][gradient]") {
    Problem p{Network<double>(5, {{"dense", 8, "he_uniform", 0}, {"tanh", 0, "", 0}, {"dropout", 0, "", 0.4}, {"dense", 3, "he_uniform", 0}}, 7),
              random_input(5, 6, 3), {2, 1, 0, 0, 1, 2}, LossKind::mse};
    check_gradients(p);
    Dropout<double> d(0.4, 1, 0, "test");
    const M x = random_input(30, 40, 4);
    M y;
    d.forward(x, y, Mode::eval);
    CHECK(y == x);
    d.forward(x, y, Mode::train);
    const double dropped = static_cast<double>((y.array() == 0).count()) / static_cast<double>(y.size());
    CHECK(dropped == Approx(0.4).margin(4 * std::sqrt(0.24 / 1200)));  // binomial, 4 sigma
    CHECK(((y.array() == 0) || ((y.array() - x.array() / 0.6).abs() < 1e-12)).all());
}

TEST_CASE("losses: mse and softmax cross-entropy values and gradients", "[rate][gradient]") {
    // Hand-computed: outputs (0.2, 0.7) for one-hot target class 1 -> mse ((0.2)^2 + (0.3)^2)/2.
    M y(2, 1);
    y << 0.2, 0.7;
    const int lab[1] = {1};
    M g;
    CHECK(loss_and_gradient(LossKind::mse, y, lab, g) == Approx((0.04 + 0.09) / 2).epsilon(1e-14));
    CHECK(g(0) == Approx(0.2).epsilon(1e-14));    // 2 (0.2 - 0) / 2
    CHECK(g(1) == Approx(-0.3).epsilon(1e-14));   // 2 (0.7 - 1) / 2
    // Cross-entropy of logits (1, 2, 3) for class 2: log(e + e^2 + e^3) - 3.
    M z(3, 1);
    z << 1, 2, 3;
    const int lab2[1] = {2};
    const double lse = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
    CHECK(loss_and_gradient(LossKind::cross_entropy, z, lab2, g) == Approx(lse - 3).epsilon(1e-14));
    CHECK(g(2) == Approx(std::exp(3 - lse) - 1).epsilon(1e-14));
    // Large logits stay finite (the fused softmax subtracts the maximum).
    z << 1000, -1000, 999;
    const double l = loss_and_gradient(LossKind::cross_entropy, z, lab2, g);
    CHECK(l == Approx(std::log1p(std::exp(1.0))).epsilon(1e-12));  // log(e^1000 + e^999) - 999
    CHECK(g.allFinite());
    CHECK(g(0) == Approx(1 / (1 + std::exp(-1.0))).epsilon(1e-12));
}

TEST_CASE("a 3-layer stack: gradients of every parameter", "[rate][gradient]") {
    Problem p{Network<double>(6, mlp_specs({7, 5}, "tanh", 4, "none", 0.0, "xavier_uniform"), 11), random_input(6, 9, 5),
              {0, 1, 2, 3, 3, 2, 1, 0, 2}, LossKind::cross_entropy};
    check_gradients(p);
    Problem q{Network<double>(6, mlp_specs({7, 5}, "sigmoid", 4, "softmax", 0.0, "he_normal"), 12), random_input(6, 9, 6),
              {0, 1, 2, 3, 3, 2, 1, 0, 2}, LossKind::mse};
    check_gradients(q);
}
