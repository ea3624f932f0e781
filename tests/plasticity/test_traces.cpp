// Lazily decayed traces equal traces decayed step by step.
#include <catch2/catch.hpp>

#include <cmath>

#include "plasticity/traces.hpp"

using namespace plastica;

TEST_CASE("lazy trace decay equals step-by-step decay", "[plasticity][traces]") {
    const double dt = 0.1;
    for (bool nearest : {false, true}) {
        SpikeTraces<2> tr;
        tr.prepare(1, {TraceKind{20, nearest}, TraceKind{700, nearest}}, dt, "test", {"a", "b"});
        // Step by step: multiply by exp(-dt/tau) each step, jump at spikes.
        double x[2] = {0, 0};
        const double d[2] = {std::exp(-dt / 20), std::exp(-dt / 700)};
        const std::vector<Step> spikes = {3, 4, 50, 51, 52, 400, 9000, 9001, 30000};
        std::size_t q = 0;
        for (Step t = 0; t <= 31000; ++t) {
            const bool fires = q < spikes.size() && spikes[q] == t;
            for (int m = 0; m < 2; ++m) {
                // x is the value at t^- here
                REQUIRE(tr.before(0, m, t) == Approx(x[m]).epsilon(1e-9).margin(1e-300));
            }
            if (fires) {
                tr.spike(0, t);
                ++q;
                for (int m = 0; m < 2; ++m) x[m] = nearest ? 1.0 : x[m] + 1.0;
            }
            for (int m = 0; m < 2; ++m) REQUIRE(tr.after(0, m, t) == Approx(x[m]).epsilon(1e-9).margin(1e-300));
            for (int m = 0; m < 2; ++m) x[m] *= d[m];
        }
    }
}

TEST_CASE("decay table equals std::exp on both sides of its end", "[plasticity][traces]") {
    DecayTable d;
    d.prepare(33.7, 0.1, "test", "tau");
    for (Step n : {Step{0}, Step{1}, Step{337}, Step{DecayTable::kTableSteps - 1}, Step{DecayTable::kTableSteps}, Step{100000}})
        REQUIRE(d(n) == Approx(std::exp(-static_cast<double>(n) * 0.1 / 33.7)).epsilon(1e-14).margin(1e-300));
}
