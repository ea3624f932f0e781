// Encoders: Poisson rate coding gives spike counts within 3 sigma of intensity x rate x time and
// silence in the rest period; latency coding fires brighter inputs first, at window (1 - x).
#include <catch2/catch.hpp>
#include <cmath>

#include "bridges/encoders.hpp"
#include "bridges/task.hpp"
#include "sim/network.hpp"
#include "sim/recorders.hpp"
#include "sim/simulator.hpp"

using namespace plastica;

namespace {

/// 1000 inputs in 10 intensity levels (0, 0.1, ..., 0.9), one sample.
Dataset ramp() {
    Dataset d;
    d.x.resize(1000, 1);
    d.labels = {0};
    d.classes = 1;
    for (Eigen::Index i = 0; i < 1000; ++i) d.x(i, 0) = static_cast<float>(i / 100) / 10.0f;
    return d;
}

}  // namespace

TEST_CASE("PoissonEncoder: spike counts per intensity within 3 sigma of x * max_rate * T, silent at rest", "[bridges][encoders]") {
    const Dataset d = ramp();
    PoissonEncoder enc;
    enc.max_rate_hz = 63.75;
    Network net(0.5, 11);
    auto& src = static_cast<PoissonSource&>(net.add(std::make_unique<PoissonSource>("input", 1000, std::vector<double>{0.0})));
    SpikeRecorder rec("input");
    Simulator sim(net, 2);
    sim.add_monitor(rec);
    sim.prepare();
    enc.present(src, sim.now(), d, 0);
    sim.run(2000);
    PoissonEncoder::silence(src, sim.now());
    const auto during = rec.ids();
    sim.run(500);
    CHECK(rec.ids().size() == during.size());  // nothing in the rest period
    std::vector<double> count(10, 0);
    for (Index i : during) count[i / 100] += 1;
    for (int level = 0; level < 10; ++level) {
        const double expect = 100 * (level / 10.0) * 63.75 * 2.0;  // 100 inputs, 2 s
        INFO("intensity " << level / 10.0 << ": " << count[static_cast<std::size_t>(level)] << " spikes, expected " << expect);
        // the per-step Bernoulli has variance p(1 - p) per step, slightly below Poisson's
        CHECK(std::fabs(count[static_cast<std::size_t>(level)] - expect) <= 3 * std::sqrt(expect) + 1e-9);
    }
    CHECK(count[0] == 0);
}

TEST_CASE("PoissonEncoder: a sample whose size differs from the input population is an error", "[bridges][encoders][errors]") {
    Network net(0.5, 1);
    auto& src = static_cast<PoissonSource&>(net.add(std::make_unique<PoissonSource>("input", 10, std::vector<double>{0.0})));
    Simulator sim(net, 1);
    sim.prepare();
    CHECK_THROWS_WITH(PoissonEncoder{}.present(src, 0, ramp(), 0), Catch::Contains("1000") && Catch::Contains("input"));
    PoissonEncoder bad;
    bad.presentation_ms = 0;
    CHECK_THROWS_WITH(bad.validate("learner"), Catch::Contains("encoder.presentation"));
}

TEST_CASE("LatencyEncoder: brighter inputs fire earlier, once, at window * (1 - x)", "[bridges][encoders]") {
    TaskOptions o;
    o.train_samples = 3;
    o.test_samples = 1;
    const Task t = make_task("fashion_mnist", o);
    LatencyEncoder enc;
    enc.window_ms = 50;
    const double dt = 0.5;
    for (Eigen::Index j = 0; j < 3; ++j) {
        const auto sp = enc.spikes(t.train(), j, dt);
        std::size_t bright = 0;
        for (Eigen::Index i = 0; i < t.features(); ++i) bright += t.train().x(i, j) > 0;
        REQUIRE(sp.size() == bright);  // exactly the non-zero pixels, once each
        for (std::size_t a = 1; a < sp.size(); ++a) {
            const float xa = t.train().x(sp[a - 1].neuron, j), xb = t.train().x(sp[a].neuron, j);
            CHECK(sp[a - 1].step <= sp[a].step);
            if (sp[a - 1].step < sp[a].step) CHECK(xa > xb);  // earlier means brighter
        }
        for (const auto& s : sp) {
            const double x = t.train().x(s.neuron, j), time = static_cast<double>(s.step + 1) * dt;
            CHECK(std::fabs(time - std::max(dt, 50 * (1 - x))) <= dt / 2 + 1e-9);
        }
    }
}
