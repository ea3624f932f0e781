// CUBA and COBA (Brette et al. 2007, benchmarks 1 and 2) against the rates and irregularity that
// Brian2 produces for the same networks (p = 0.02: 64 + 16 inputs per neuron). Reference values
// were made on this machine with
//   /usr/bin/python3 experiments/compare/brian2_vs_plastica.py --sizes 4000 --duration 1
// (Brian2 2.5.1, cpp_standalone, seed 1): CUBA 5.57 Hz, CV ISI 0.59; COBA 19.0 Hz, CV ISI 1.58
// (over 10 s: CUBA 5.6 Hz, COBA 19.3-20.2 Hz; README). Brette et al. 2007 (Fig. 6 and text)
// describe both as asynchronous irregular states at a few Hz (CUBA) and 10-20 Hz (COBA).
// The ranges below span the seed-to-seed spread of those references, and fail if a model or the
// delivery breaks (a silent network, runaway excitation at > 100 Hz, or regular firing).
#include <catch2/catch.hpp>
#include <optional>

#include "experiments/experiment.hpp"
#include "sim/simulator.hpp"
#include "sim/spike_statistics.hpp"

using namespace plastica;

namespace {
std::vector<PopulationStats> run(std::vector<std::string> sets) {
    const Experiment& e = find_experiment("vogels_abbott");
    Config cfg(e.schema());
    for (const auto& s : sets) cfg.set(s);
    SpikingSetup setup = e.build(cfg);
    Simulator sim(*setup.net, 2);
    SpikeStatistics st(5.0, 0.0);
    sim.add_monitor(st);
    sim.run(setup.duration_ms);
    return st.results();
}

/// Expected range of each population's statistics in one benchmark.
struct Regime {
    double rate_lo, rate_hi, cv_lo, cv_hi;
    std::optional<double> chi_max;
};

/// Runs `model` at seeds 1 and 2 and checks every population against `r`.
void check_regime(const std::string& model, const Regime& r, const std::vector<std::string>& more = {}) {
    for (int seed : {1, 2}) {
        std::vector<std::string> sets = {"model=" + model, "seed=" + std::to_string(seed)};
        sets.insert(sets.end(), more.begin(), more.end());
        for (const auto& p : run(sets)) {
            INFO(model << " " << p.name << " seed " << seed);
            CHECK(p.rate_hz > r.rate_lo);
            CHECK(p.rate_hz < r.rate_hi);
            CHECK(p.cv_isi > r.cv_lo);
            CHECK(p.cv_isi < r.cv_hi);
            if (r.chi_max) CHECK(p.synchrony < *r.chi_max);
        }
    }
}
}  // namespace

TEST_CASE("CUBA: rate and CV ISI in the range of Brian2 and Brette et al. 2007", "[experiments]") {
    check_regime("cuba", {3.5, 7.0, 0.45, 0.85, 0.2});
}

TEST_CASE("COBA: self-sustained activity from the benchmark's randomised start", "[experiments]") {
    check_regime("coba", {10.0, 25.0, 1.1, 2.2, std::nullopt});
    // Started at rest instead, the network stays silent (Brette et al. 2007: the activity needs
    // the randomised initial state).
    const auto quiet = run({"model=coba", "coba.v_init=-60", "coba.g_exc_init=0", "coba.g_inh_init=0"});
    CHECK(quiet[0].spikes == 0);
}

TEST_CASE("vogels_abbott: p = 0.02 of the benchmark, 64 + 16 inputs kept when the size changes", "[experiments]") {
    const Experiment& e = find_experiment("vogels_abbott");
    const auto in_degree = [&](std::vector<std::string> sets) {
        Config cfg(e.schema());
        for (const auto& s : sets) cfg.set(s);
        SpikingSetup setup = e.build(cfg);
        const auto n = static_cast<double>(cfg.integer("n"));
        return std::pair{static_cast<double>(setup.net->projection("exc->exc").size() + setup.net->projection("exc->inh").size()) / n,
                         static_cast<double>(setup.net->synapse_count()) / n};
    };
    // Binomial in-degrees: the mean over 4000-8000 neurons is within 0.3 of p x 3200 + p x 800.
    for (const char* n : {"n=4000", "n=8000"}) {
        const auto [exc, all] = in_degree({n});
        INFO(n);
        CHECK(exc == Approx(64).margin(0.3));
        CHECK(all == Approx(80).margin(0.3));
    }
    const auto [exc, all] = in_degree({"n=4000", "p=0.025"});  // Plastica's earlier 80 + 20, one key away
    CHECK(exc == Approx(80).margin(0.3));
    CHECK(all == Approx(100).margin(0.3));
    Config small(e.schema());
    small.set("n=50");
    try {
        (void)e.build(small);
        FAIL("p = 0.02 at n = 50 needs 64 excitatory inputs from 40 neurons");
    } catch (const Error& err) {
        CHECK(std::string(err.what()).find("p = 0.02: asks for 64 excitatory and 16 inhibitory inputs per neuron, more than the 40 + 10 neurons") !=
              std::string::npos);
    }
}

// [slow]: 10 s in the Release build, 3 minutes under the sanitizers, where the HH models keep
// their own smaller tests.
TEST_CASE("COBAHH: self-sustained irregular activity at Brian2's rate, with either integrator", "[experiments][slow]") {
    // experiments/compare/brian2_vs_plastica.py --models cobahh --sizes 4000 --duration 10 (seed 1,
    // p = 0.02): Brian2 (exponential Euler) 35.2 Hz, CV ISI 2.29; Plastica's hh_cond_exp_euler
    // 38.9 Hz, CV 2.42 (its synapses act one step later: a delay is at least dt here; seeds 1-3:
    // 37.4-39.1 Hz). hh_cond_exp (Odeint, error-controlled) fires at about 44 Hz in the first
    // 200 ms: exponential Euler at 0.1 ms lengthens HH intervals by 3-8%
    // (tests/models/test_hh_cond_exp.cpp), which in this network lowers the rate.
    check_regime("cobahh", {25.0, 50.0, 1.5, 3.0, std::nullopt}, {"cobahh.integrator=exponential_euler"});
    for (const auto& p : run({"model=cobahh", "cobahh.integrator=odeint", "duration=200"})) {
        INFO(p.name);
        CHECK(p.rate_hz > 25.0);
        CHECK(p.rate_hz < 60.0);
    }
}
