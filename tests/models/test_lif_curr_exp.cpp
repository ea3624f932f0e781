// lif_curr_exp against closed-form solutions of the linear membrane equation
// (Rotter & Diesmann 1999): the exact propagator must reproduce them to rounding error.
#include <catch2/catch.hpp>
#include <cmath>

#include "../helpers.hpp"
#include "models/lif_curr_exp.hpp"
#include "models/neuron_population.hpp"
#include "models/spike_source_array.hpp"

using namespace plastica;

TEST_CASE("lif_curr_exp: membrane trajectory under constant current equals the analytic solution", "[models]") {
    LifCurrExp::Params p;
    p.i_e = 300;      // pA
    p.v_th = 1e9;     // never fires
    const double dt = 0.1;
    Network net(dt, 1);
    auto& pop = net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("n", 1, p));
    StateRecorder v("n", "v", {0}, dt);
    Simulator sim(net, 1);
    sim.add_monitor(v);
    sim.run(100);
    const double R = p.tau_m / p.c_m;  // GOhm: mV per pA
    REQUIRE(v.values().size() == 1000);
    double worst = 0;
    for (std::size_t s = 0; s < v.values().size(); ++s) {
        const double t = v.times_ms()[s];
        const double exact = p.e_l + R * p.i_e * (1 - std::exp(-t / p.tau_m));
        worst = std::max(worst, std::fabs((v.values()[s] - exact) / exact));
    }
    CHECK(worst < 1e-9);
    CHECK(pop.state("v")[0] == Approx(p.e_l + R * p.i_e * (1 - std::exp(-100.0 / p.tau_m))).epsilon(1e-12));
}

TEST_CASE("lif_curr_exp: firing rate under constant current matches the closed form with refractoriness", "[models]") {
    LifCurrExp::Params p;  // tau_m 10 ms, C 250 pF, E_L -70, theta -55, reset -70, t_ref 2 ms
    p.i_e = 500;
    const double dt = 0.01;
    Network net(dt, 1);
    net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("n", 1, p));
    const auto sp = test::run_and_record(net, "n", 1000, 1);
    REQUIRE(sp.steps.size() > 10);
    const double RI = p.tau_m / p.c_m * p.i_e;
    // Continuous-time period: t_ref + tau_m ln((RI - (V_reset - E_L)) / (RI - (theta - E_L))).
    const double T = p.t_ref + p.tau_m * std::log((RI - (p.v_reset - p.e_l)) / (RI - (p.v_th - p.e_l)));
    // On the grid a spike is seen at the first step end after the crossing: period in steps is
    // exactly n_ref + ceil(T_free / dt).
    const auto n_ref = static_cast<Step>(std::lround(p.t_ref / dt));
    const auto free = static_cast<Step>(std::ceil((T - p.t_ref) / dt));
    for (std::size_t k = 1; k < sp.steps.size(); ++k) REQUIRE(sp.steps[k] - sp.steps[k - 1] == n_ref + free);
    const double rate = 1000.0 / ((n_ref + free) * dt);
    CHECK(rate == Approx(1000.0 / T).epsilon(dt / T));  // within one step of the continuous rate
    CHECK(1000.0 / T == Approx(63.04).epsilon(1e-3));    // 1 / (2 + 10 ln 4) ms, RI = 20 mV
}

TEST_CASE("lif_curr_exp: PSP amplitude and time course equal the analytic kernel", "[models]") {
    LifCurrExp::Params p;
    p.tau_syn_exc = 2;
    p.v_th = 1e9;
    const double dt = 0.1, w = 100.0, t_spike = 5.0, delay = 1.0;
    Network net(dt, 1);
    net.add(std::make_unique<SpikeSourceArray>("src", std::vector<std::vector<double>>{{t_spike}}));
    net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("n", 1, p));
    net.connect("src", "n", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(w), Distribution::constant(delay)});
    StateRecorder v("n", "v", {0}, dt);
    Simulator sim(net, 1);
    sim.add_monitor(v);
    sim.run(60);
    const double tm = p.tau_m, ts = p.tau_syn_exc, C = p.c_m;
    auto kernel = [&](double s) {
        return s <= 0 ? 0.0 : w / C * tm * ts / (tm - ts) * (std::exp(-s / tm) - std::exp(-s / ts));
    };
    double peak = 0, worst = 0;
    for (std::size_t s = 0; s < v.values().size(); ++s) {
        const double psp = v.values()[s] - p.e_l;
        const double ref = kernel(v.times_ms()[s] - (t_spike + delay));
        worst = std::max(worst, std::fabs(psp - ref));
        peak = std::max(peak, psp);
    }
    // Peak of the kernel at t* = tm ts / (tm - ts) ln(tm / ts).
    const double t_peak = tm * ts / (tm - ts) * std::log(tm / ts);
    CHECK(worst < 1e-9 * kernel(t_peak));
    CHECK(peak == Approx(kernel(t_peak)).epsilon(1e-3));  // the grid samples near the true peak
}

TEST_CASE("lif_curr_exp: tau_syn equal to tau_m uses the limit kernel t e^{-t/tau}", "[models]") {
    LifCurrExp::Params p;
    p.tau_syn_exc = p.tau_m;
    p.v_th = 1e9;
    Network net(0.1, 1);
    net.add(std::make_unique<SpikeSourceArray>("src", std::vector<std::vector<double>>{{1.0}}));
    net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("n", 1, p));
    net.connect("src", "n", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(50), Distribution::constant(0.1)});
    StateRecorder v("n", "v", {0}, 0.1);
    Simulator sim(net, 1);
    sim.add_monitor(v);
    sim.run(30);
    for (std::size_t s = 0; s < v.values().size(); ++s) {
        const double t = v.times_ms()[s] - 1.1;
        const double ref = t <= 0 ? 0 : 50.0 / p.c_m * t * std::exp(-t / p.tau_m);
        REQUIRE(v.values()[s] - p.e_l == Approx(ref).margin(1e-12));
    }
}
