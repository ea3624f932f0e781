// gamma_source (models/gamma_source.hpp): the variates have the gamma distribution's moments
// (mean k, variance k) for shapes below and above 1; the trains fire at the set rate with the
// interval CV 1/sqrt(k); spikes do not depend on the thread count, a reset draws them again,
// start and stop hold; bad parameters are errors naming them.
#include <catch2/catch.hpp>

#include <cmath>

#include "../helpers.hpp"
#include "models/gamma_source.hpp"

using namespace plastica;
using namespace plastica::test;

TEST_CASE("gamma source: variates have mean k and variance k", "[models][gamma_source]") {
    for (double k : {0.5, 1.0, 2.5, 10.0}) {
        const int n = 200000;
        double m = 0, m2 = 0;
        for (int q = 0; q < n; ++q) {
            RandomStream rng(3, 99, static_cast<std::uint64_t>(q), 0);
            const double g = GammaSource::gamma_variate(k, rng);
            m += g;
            m2 += g * g;
        }
        m /= n;
        const double var = m2 / n - m * m;
        INFO("k = " << k);
        CHECK(m == Approx(k).epsilon(5 * std::sqrt(k / n) / k));          // 5 standard errors
        CHECK(var == Approx(k).epsilon(5 * std::sqrt(2.0 / n) * 2));      // the variance's error, loosely (~2% here)
    }
}

TEST_CASE("gamma source: rate and interval CV 1/sqrt(k), threads, reset, start and stop", "[models][gamma_source]") {
    for (double k : {1.0, 4.0}) {
        Network net(0.1, 5);
        net.add(std::make_unique<GammaSource>("g", 500, std::vector<double>{20.0}, k, 100.0, 10100.0));
        const Spikes a = run_and_record(net, "g", 10200, 2);
        // per neuron intervals
        std::vector<std::vector<Step>> by(500);
        for (std::size_t q = 0; q < a.ids.size(); ++q) by[a.ids[q]].push_back(a.steps[q]);
        double s1 = 0, s2 = 0;
        std::size_t n = 0;
        Step first = std::numeric_limits<Step>::max(), last = 0;
        for (const auto& v : by)
            for (std::size_t q = 0; q < v.size(); ++q) {
                first = std::min(first, v[q]);
                last = std::max(last, v[q]);
                if (q == 0) continue;
                const double isi = static_cast<double>(v[q] - v[q - 1]) * 0.1;
                s1 += isi;
                s2 += isi * isi;
                ++n;
            }
        const double mean = s1 / static_cast<double>(n), cv = std::sqrt(s2 / static_cast<double>(n) - mean * mean) / mean;
        INFO("k = " << k << ": mean ISI " << mean << " ms, CV " << cv);
        CHECK(mean == Approx(50.0).epsilon(0.01));
        CHECK(cv == Approx(1 / std::sqrt(k)).epsilon(0.02));
        CHECK(first > 1000);      // nothing before start (step 1000)
        CHECK(last <= 101000);    // nothing after stop
        // the same trains at one thread, and again after a reset
        Network again(0.1, 5);
        again.add(std::make_unique<GammaSource>("g", 500, std::vector<double>{20.0}, k, 100.0, 10100.0));
        CHECK(run_and_record(again, "g", 10200, 1) == a);
        net.reset();
        CHECK(run_and_record(net, "g", 10200, 3) == a);
    }
}

TEST_CASE("gamma source: bad parameters are errors naming them", "[models][gamma_source][errors]") {
    CHECK_THROWS_WITH(GammaSource("g", 3, {1.0}, 0.0), Catch::Contains("shape"));
    CHECK_THROWS_WITH(GammaSource("g", 3, {1.0, 2.0}, 1.0), Catch::Contains("one per neuron"));
    CHECK_THROWS_WITH(GammaSource("g", 3, {-1.0}, 1.0), Catch::Contains("rate"));
    CHECK_THROWS_WITH(GammaSource("g", 3, {1.0}, 1.0, 50, 10), Catch::Contains("stop"));
    Network net(0.1, 1);
    net.add(std::make_unique<GammaSource>("g", 3, std::vector<double>{20000.0}, 1.0));
    Simulator sim(net, 1);
    CHECK_THROWS_WITH(sim.run(1), Catch::Contains("one spike per step"));
}
