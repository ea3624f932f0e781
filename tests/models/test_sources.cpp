// Spike sources: Poisson statistics and exact spike times.
#include <catch2/catch.hpp>
#include <cmath>

#include "../helpers.hpp"
#include "models/poisson_source.hpp"
#include "models/spike_source_array.hpp"

using namespace plastica;

TEST_CASE("poisson_source: rate within 3 sigma and CV of ISI near 1", "[models]") {
    const double rate = 20, T = 10000, dt = 0.1;
    const Index n = 200;
    Network net(dt, 7);
    net.add(std::make_unique<PoissonSource>("p", n, std::vector<double>{rate}));
    const auto sp = test::run_and_record(net, "p", T, 2);
    // Count is binomial(n T/dt, rate dt).
    const double trials = n * T / dt, q = rate * dt * 1e-3;
    const double mean = trials * q, sd = std::sqrt(trials * q * (1 - q));
    CHECK(std::fabs(static_cast<double>(sp.steps.size()) - mean) < 3 * sd);
    // CV of ISI, pooled over neurons.
    std::vector<std::vector<Step>> per(n);
    for (std::size_t e = 0; e < sp.steps.size(); ++e) per[sp.ids[e]].push_back(sp.steps[e]);
    double s1 = 0, s2 = 0, m = 0;
    for (const auto& v : per)
        for (std::size_t k = 1; k < v.size(); ++k) {
            const double isi = static_cast<double>(v[k] - v[k - 1]) * dt;
            s1 += isi;
            s2 += isi * isi;
            ++m;
        }
    const double mu = s1 / m, cv = std::sqrt(s2 / m - mu * mu) / mu;
    CHECK(cv == Approx(1.0).margin(0.03));
    CHECK(mu == Approx(1000.0 / rate).epsilon(0.03));
}

TEST_CASE("poisson_source: piecewise-constant rates switch at the given times", "[models]") {
    Network net(0.1, 3);
    auto& src = net.add(std::make_unique<PoissonSource>("p", 500, std::vector<double>{5}));
    src.add_rate_change(1000, {50});
    const auto sp = test::run_and_record(net, "p", 2000, 1);
    double early = 0, late = 0;
    for (Step s : sp.steps) (s < 10000 ? early : late) += 1;
    CHECK(early / 500 == Approx(5).margin(3 * std::sqrt(5.0 / 500) + 0.01));
    CHECK(late / 500 == Approx(50).margin(3 * std::sqrt(50.0 / 500)));
    // after the first run a scheduled change would never take effect: refused, pointing to set_rates
    CHECK_THROWS_WITH(src.add_rate_change(3000, {10}), Catch::Contains("before the first run") && Catch::Contains("set_rates"));
}

TEST_CASE("spike_source_array: emits exactly the given times", "[models]") {
    Network net(0.1, 1);
    net.add(std::make_unique<SpikeSourceArray>("s", std::vector<std::vector<double>>{{0.1, 5.0, 12.3}, {}, {5.0}}));
    Simulator sim(net, 2);
    SpikeRecorder rec("s");
    sim.add_monitor(rec);
    sim.run(20);
    REQUIRE(rec.ids() == std::vector<Index>{0, 0, 2, 0});
    const auto t = rec.times_ms();
    CHECK(t[0] == Approx(0.1));
    CHECK(t[1] == Approx(5.0));
    CHECK(t[2] == Approx(5.0));
    CHECK(t[3] == Approx(12.3));
}

TEST_CASE("sources reject bad input", "[models][errors]") {
    CHECK_THROWS_WITH(PoissonSource("p", 3, {1, 2}), Catch::Contains("one rate or one per neuron"));
    CHECK_THROWS_WITH(PoissonSource("p", 1, {std::nan("")}), Catch::Contains("rate = nan"));
    CHECK_THROWS_WITH(PoissonSource("p", 1, {INFINITY}), Catch::Contains("finite"));
    CHECK_THROWS_WITH(PoissonSource("p", 1, {-1}), Catch::Contains("must be >= 0"));
    Network net(0.1, 1);
    net.add(std::make_unique<SpikeSourceArray>("s", std::vector<std::vector<double>>{{0.15}}));
    Simulator sim(net, 1);
    CHECK_THROWS_WITH(sim.run(1), Catch::Contains("spike_times[0] = 0.15 ms") && Catch::Contains("whole number of steps"));
}
