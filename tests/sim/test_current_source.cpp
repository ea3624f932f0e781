// Electrodes (sim/current_source.hpp): dc, step, ac and noise currents injected step by step.
// A passive membrane (lif_curr_exp far below threshold: dV/dt = -(V - E_L)/tau + I(t)/C) is
// checked against its analytic solution under each current: exact for dc and step currents
// (the model's propagator is exact for a current constant over a step), the steady-state sine
// response plus its transient for ac (the current held over each step costs a phase of dt/2),
// and the stationary variance of the discrete Ornstein-Uhlenbeck process for noise. Noise
// is independent across neurons, the same at any thread count and after a reset; changing a
// source between runs acts from the next step; and bad settings are one-line errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "sim/network_file.hpp"
#include "sim/network_spec.hpp"
#include "sim/simulator.hpp"

using namespace plastica;

namespace {

constexpr double kC = 250, kTau = 10, kEl = -70;  // lif_curr_exp defaults: pF, ms, mV

/// One passive lif_curr_exp population of n neurons (threshold out of reach).
NetworkSpec passive(Index n, double dt = 0.1, std::uint32_t seed = 1) {
    NetworkSpec s;
    s.dt = dt;
    s.seed = seed;
    PopulationSpec p;
    p.name = "cells";
    p.model = "lif_curr_exp";
    p.size = n;
    p.params = {{"v_th", {1e6}}};
    s.populations.push_back(p);
    return s;
}

CurrentSpec current(const std::string& kind, std::map<std::string, double> params) {
    CurrentSpec c;
    c.population = "cells";
    c.kind = kind;
    c.params = std::move(params);
    return c;
}

/// v of neuron i after each of `steps` steps.
std::vector<double> trace(Network& net, Step steps, Index i = 0, int threads = 1) {
    Simulator sim(net, threads);
    std::vector<double> v;
    for (Step t = 1; t <= steps; ++t) {
        sim.run_to(t);
        v.push_back(net.population(0).state("v")[i]);
    }
    return v;
}

/// The passive membrane under a current constant from t0: V relaxes to E_L + I tau / C.
double relax(double v0, double i_pa, double elapsed_ms) {
    const double v_inf = kEl + i_pa * kTau / kC;
    return v_inf + (v0 - v_inf) * std::exp(-elapsed_ms / kTau);
}

}  // namespace

TEST_CASE("a dc current between start and stop gives the exact membrane response", "[sim][current]") {
    NetworkSpec s = passive(3);
    CurrentSpec c = current("dc", {{"amplitude", 200}, {"start", 10}, {"stop", 50}});
    c.neurons = {1, 2};
    s.currents.push_back(c);
    auto net = build_network(s);
    const auto v0 = trace(*net, 1000, 0);
    net->reset();
    const auto v1 = trace(*net, 1000, 1);
    for (Step t = 1; t <= 1000; ++t) {
        const double ms = static_cast<double>(t) * 0.1;
        const double expect = ms <= 10 ? kEl : ms <= 50 ? relax(kEl, 200, ms - 10) : relax(relax(kEl, 200, 40), 0, ms - 50);
        REQUIRE(v1[static_cast<std::size_t>(t - 1)] == Approx(expect).margin(1e-9));
        REQUIRE(v0[static_cast<std::size_t>(t - 1)] == kEl);  // not a target
    }
    CHECK(net->injected_current(0, 99, 1) == 0);
    CHECK(net->injected_current(0, 100, 1) == 200);  // on from the step that starts at 10 ms
    CHECK(net->injected_current(0, 499, 2) == 200);
    CHECK(net->injected_current(0, 500, 2) == 0);   // off from 50 ms
    CHECK(net->injected_current(0, 200, 0) == 0);
}

TEST_CASE("a step current follows its amplitudes and adds to i_e and other sources", "[sim][current]") {
    NetworkSpec s = passive(1);
    s.populations[0].params.push_back({"i_e", {50}});
    CurrentSpec st = current("step", {});
    st.times = {10, 30, 60};
    st.amplitudes = {100, -50, 0};
    s.currents.push_back(st);
    s.currents.push_back(current("dc", {{"amplitude", 25}, {"start", 30}}));
    auto net = build_network(s);
    // the membrane starts at rest with i_e = 50 pA acting from step 0
    const auto v = trace(*net, 1000);
    double expect_at_10 = relax(kEl, 50, 10), expect_at_30 = relax(expect_at_10, 150, 20), expect_at_60 = relax(expect_at_30, 25, 30);
    CHECK(v[99] == Approx(expect_at_10).margin(1e-9));
    CHECK(v[299] == Approx(expect_at_30).margin(1e-9));
    CHECK(v[599] == Approx(expect_at_60).margin(1e-9));
    CHECK(v[999] == Approx(relax(expect_at_60, 75, 40)).margin(1e-9));
    CHECK(net->population(0).parameter("i_e") == std::vector<double>{50});  // the sources never touch the parameter
}

TEST_CASE("an ac current gives the sine response of the passive membrane", "[sim][current]") {
    // dV/dt = -(V - E_L)/tau + (A/C) sin(w (t - t0) + phi) from V(t0) = E_L:
    //   V = E_L + (A/C) tau/(1 + (w tau)^2) [sin(w s + phi) - w tau cos(w s + phi) - (sin phi - w tau cos phi) e^(-s/tau)]
    const double dt = 0.01, amp = 300, off = 40, f = 20, phase = 30, t0 = 5;
    NetworkSpec s = passive(1, dt);
    s.currents.push_back(current("ac", {{"amplitude", amp}, {"offset", off}, {"frequency", f}, {"phase", phase}, {"start", t0}}));
    auto net = build_network(s);
    const auto v = trace(*net, 20000);
    const double w = 2 * std::numbers::pi * f * 1e-3, phi = phase * std::numbers::pi / 180, wt = w * kTau;  // rad/ms
    double worst = 0;
    for (Step t = 1; t <= 20000; ++t) {
        const double ms = static_cast<double>(t) * dt, el = ms - t0;
        if (el <= 0) continue;
        const double sine = amp / kC * kTau / (1 + wt * wt) *
                            (std::sin(w * el + phi) - wt * std::cos(w * el + phi) - (std::sin(phi) - wt * std::cos(phi)) * std::exp(-el / kTau));
        const double expect = relax(kEl, off, el) + sine;
        worst = std::max(worst, std::fabs(v[static_cast<std::size_t>(t - 1)] - expect));
    }
    // Holding the current at its value at the step's start lags it by dt/2: an error of about
    // (A tau/C) w dt/2 / sqrt(1 + (w tau)^2) = 0.0018 mV here, against a 12 mV response.
    const double bound = amp * kTau / kC * w * dt / 2 / std::sqrt(1 + wt * wt);
    CHECK(worst < 1.2 * bound);
    CHECK(worst > 0.5 * bound);  // and the lag is what explains the difference
    CHECK(net->injected_current(0, 500, 0) == Approx(off + amp * std::sin(phi)).epsilon(1e-14));
}

TEST_CASE("noise currents: independent per neuron, held per interval, stationary variance of the OU process", "[sim][current]") {
    const Index n = 4000;
    const double mean = 20, sd = 100;
    NetworkSpec s = passive(n, 0.1, 7);
    s.currents.push_back(current("noise", {{"mean", mean}, {"stdev", sd}, {"start", 2}}));
    auto net = build_network(s);
    Simulator sim(*net, 1);
    sim.run(200);  // 20 membrane time constants
    // Discrete process V_{k+1} - m = a (V_k - m) + b xi_k, a = exp(-dt/tau), b = (tau/C)(1 - a) sd:
    // stationary variance b^2 / (1 - a^2), mean E_L + mean tau / C.
    const double a = std::exp(-0.1 / kTau), b = kTau / kC * (1 - a) * sd;
    const double var = b * b / (1 - a * a);
    const double* v = net->population(0).state("v");
    double m1 = 0, m2 = 0;
    for (Index i = 0; i < n; ++i) m1 += v[i];
    m1 /= n;
    for (Index i = 0; i < n; ++i) m2 += (v[i] - m1) * (v[i] - m1);
    m2 /= n - 1;
    CHECK(m1 == Approx(kEl + mean * kTau / kC).margin(5 * std::sqrt(var / n)));
    CHECK(m2 == Approx(var).epsilon(0.08));  // 4000 samples: the variance's relative sd is 2.2 %
    // The currents themselves: mean and sd across neurons, none before start.
    double c1 = 0, c2 = 0;
    for (Index i = 0; i < n; ++i) {
        const double x = net->injected_current(0, 1000, i);
        c1 += x;
        c2 += x * x;
    }
    c1 /= n;
    CHECK(c1 == Approx(mean).margin(5 * sd / std::sqrt(n)));
    CHECK(std::sqrt(c2 / n - c1 * c1) == Approx(sd).epsilon(0.06));
    CHECK(net->injected_current(0, 19, 3) == 0);
    CHECK(net->injected_current(0, 20, 3) != net->injected_current(0, 20, 4));
    CHECK(net->injected_current(0, 20, 3) != net->injected_current(0, 21, 3));  // interval 0: a new value every step
}

TEST_CASE("a noise interval holds each value; noise is the same at any thread count and after a reset", "[sim][current]") {
    NetworkSpec s = passive(37, 0.1, 3);
    s.currents.push_back(current("noise", {{"stdev", 80}, {"interval", 1.0}}));
    auto net = build_network(s);
    for (Step t = 0; t < 10; ++t) CHECK(net->injected_current(0, t, 5) == net->injected_current(0, 0, 5));
    CHECK(net->injected_current(0, 10, 5) != net->injected_current(0, 9, 5));
    auto run = [&](int threads) {
        auto n2 = build_network(s);
        Simulator sim(*n2, threads);
        sim.run(50);
        const double* v = n2->population(0).state("v");
        return std::vector<double>(v, v + 37);
    };
    const auto one = run(1), two = run(2);
    CHECK(one == two);
    Simulator sim(*net, 2);
    sim.run(50);
    net->reset();
    Simulator again(*net, 1);
    again.run(50);
    const double* v = net->population(0).state("v");
    CHECK(std::vector<double>(v, v + 37) == one);
    // another seed, other noise
    s.seed = 4;
    auto other = build_network(s);
    CHECK(other->injected_current(0, 0, 5) != net->injected_current(0, 0, 5));
}

TEST_CASE("an electrode changed between runs acts from the next step; one added after a run too", "[sim][current]") {
    NetworkSpec s = passive(2);
    s.currents.push_back(current("dc", {{"amplitude", 100}}));
    auto net = build_network(s);
    Simulator sim(*net, 1);
    sim.run(20);
    const double v20 = net->population(0).state("v")[0];
    CHECK(v20 == Approx(relax(kEl, 100, 20)).margin(1e-9));
    CurrentSource c = net->current(0).source;
    c.params.amplitude = -100;
    net->set_current(0, c);
    CurrentSource extra;
    extra.params.amplitude = 300;
    net->add_current("cells", extra, {1});
    sim.run(20);
    CHECK(net->population(0).state("v")[0] == Approx(relax(v20, -100, 20)).margin(1e-9));
    CHECK(net->population(0).state("v")[1] == Approx(relax(v20, 200, 20)).margin(1e-9));
    CHECK(net->current(1).name == "dc->cells#2");
    CHECK(net->injected_current(0, 199, 0) == 100);  // the settings in force at each step
    CHECK(net->injected_current(0, 200, 0) == -100);
    // bad new settings leave the old ones in place
    c.params.start = 0.05;
    CHECK_THROWS_WITH(net->set_current(0, c), "current 'dc->cells': start = 0.05 ms: is not a whole number of steps of dt = 0.1 ms");
    CHECK(net->current(0).source.params.start == 0);
    CHECK(net->fingerprint().find("current dc->cells#2: dc -> cells, 1 neurons") != std::string::npos);
}

TEST_CASE("bad electrodes are one-line errors", "[sim][current][errors]") {
    auto err = [](CurrentSpec c, const std::string& model = "lif_curr_exp") {
        NetworkSpec s = passive(4);
        s.populations[0].model = model;
        if (model != "lif_curr_exp") s.populations[0].params.clear();
        s.currents.push_back(std::move(c));
        try {
            build_network(s);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(err(current("sine", {})) == "current 'sine->cells': kind = sine: unknown current kind (known: dc, step, ac, noise)");
    CHECK(err(current("dc", {{"frequency", 5}})) ==
          "current 'dc->cells': frequency = 5: unknown parameter of a dc current (known: amplitude, start, stop)");
    CHECK(err(current("noise", {{"stdev", -1}})) == "current 'noise->cells': stdev = -1: must be >= 0");
    CHECK(err(current("noise", {{"interval", 0.25}})) == "current 'noise->cells': interval = 0.25 ms: is not a whole number of steps of dt = 0.1 ms");
    CHECK(err(current("dc", {{"start", 20}, {"stop", 10}})) == "current 'dc->cells': stop = 10 ms: is before start (20 ms)");
    CurrentSpec st = current("step", {});
    st.times = {10, 5};
    st.amplitudes = {1, 2};
    CHECK(err(st) == "current 'step->cells': times[1] = 5 ms: must be later than the time before it (10 ms)");
    st.times = {10};
    CHECK(err(st) == "current 'step->cells': amplitudes = 2 values: needs one amplitude per time (1 times)");
    CurrentSpec dc = current("dc", {});
    dc.times = {1};
    CHECK(err(dc) == "current 'dc->cells': times = 1 values: belong to a step current, not to a dc current");
    dc.times.clear();
    dc.neurons = {4};
    CHECK(err(dc) == "population 'cells' (lif_curr_exp): current.neurons = 4: neuron index out of range (size 4)");
    dc.neurons.clear();
    CHECK(err(dc, "if_delta_subtractive") == "population 'cells' (if_delta_subtractive): current = dc: model if_delta_subtractive has no injected current (no i_e)");
    dc.population = "nowhere";
    CHECK(err(dc) == "network: population = nowhere: no population of that name");
}

TEST_CASE("network files describe electrodes, with the file's line in errors", "[sim][current][network_file]") {
    const std::string head = "[[population]]\nname = \"cells\"\nmodel = \"lif_curr_exp\"\nsize = 2\nparams = { v_th = 1e6 }\n";
    NetworkSpec s = parse_network(head + "[[current]]\npopulation = \"cells\"\nkind = \"step\"\ntimes = [10, 30]\namplitudes = [100, 0]\n"
                                         "neurons = [1]\n[[current]]\npopulation = \"cells\"\namplitude = 50\nstart = 5\n",
                                  "net.toml");
    REQUIRE(s.currents.size() == 2);
    CHECK(s.currents[0].kind == "step");
    CHECK(s.currents[0].times == std::vector<double>{10, 30});
    CHECK(s.currents[1].kind == "dc");
    CHECK(s.currents[1].params.at("amplitude") == 50);
    auto net = build_network(s);
    CHECK(net->injected_current(0, 100, 1) == 100);
    CHECK(net->injected_current(0, 100, 0) == 0);
    CHECK(net->injected_current(1, 50, 0) == 50);
    auto fails = [&](const std::string& text) {
        try {
            build_network(parse_network(head + text, "net.toml"));
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(fails("[[current]]\npopulation = \"cells\"\nkind = \"dc\"\nfrequency = 3\n") ==
          "net.toml:9: current[0].frequency = 3: unknown key (known: population, kind, name, neurons, amplitude, start, stop)");
    CHECK(fails("[[current]]\npopulation = \"cells\"\nkind = \"pulse\"\n") ==
          "net.toml:6: current[0].kind = \"pulse\": unknown current kind (known: dc, step, ac, noise)");
    CHECK(fails("[[current]]\npopulation = \"cells\"\nkind = \"ac\"\nstart = 0.03\n") ==
          "net.toml:6: current 'ac->cells': start = 0.03 ms: is not a whole number of steps of dt = 0.1 ms");
    CHECK(fails("[[current]]\nkind = \"ac\"\n") == "net.toml:6: current[0].population: missing (the population the current goes into)");
}
