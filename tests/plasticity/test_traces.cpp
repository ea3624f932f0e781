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

TEST_CASE("decay table: std::exp's value within the table, as close as the rounded argument allows beyond it, 0 where std::exp underflows",
          "[plasticity][traces]") {
    DecayTable d;
    const double rate = 0.1 / 33.7;
    d.prepare(33.7, 0.1, "test", "tau");
    for (Step n = 0; n < static_cast<Step>(DecayTable::kTableSteps); n += 7)
        REQUIRE(d(n) == std::exp(-static_cast<double>(n) * rate));
    // past the table: a product of two table entries (q < 64). std::exp(-n rate) itself is off by
    // the rounding of its argument, n rate 2^-53 relative; so is each factor: the two agree within
    // a few times that (n rate stays below 708 here, where the values are normal numbers)
    for (Step n = DecayTable::kTableSteps; n < 238000; n += 997) {
        const double x = static_cast<double>(n) * rate, e = std::exp(-x);
        REQUIRE(std::abs(d(n) - e) <= (x + 4) * 0x1p-51 * e);
    }
    REQUIRE(d(260000) == 0.0);  // n rate = 771.5: std::exp underflows to 0 as well
    REQUIRE(std::exp(-260000 * rate) == 0.0);
    // a slow decay reaches past the two tables: std::exp itself
    DecayTable slow;
    slow.prepare(1e7, 0.5, "test", "tau");
    const Step far = static_cast<Step>(DecayTable::kTableSteps * DecayTable::kLongSteps) + 12345;
    REQUIRE(slow(far) == std::exp(-static_cast<double>(far) * 0.5 / 1e7));
}
