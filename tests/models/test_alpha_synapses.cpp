// lif_curr_alpha and lif_cond_alpha: alpha-function synapses against closed forms (the PSP of the
// exact propagator, the conductance time course) and a converged integration (the conductance
// model's membrane).
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "../helpers.hpp"
#include "models/lif_cond_alpha.hpp"
#include "models/lif_curr_alpha.hpp"
#include "models/neuron_population.hpp"
#include "models/spike_source_array.hpp"

using namespace plastica;

namespace {

/// Records `var` of one neuron driven by one input spike of weight w at 5 ms (delay 1 ms).
template <class M>
std::pair<std::vector<double>, std::vector<double>> response(const typename M::Params& p, double w, const std::string& var, double dt,
                                                             double ms) {
    Network net(dt, 1);
    net.add(std::make_unique<SpikeSourceArray>("src", std::vector<std::vector<double>>{{5.0}}));
    net.add(std::make_unique<NeuronPopulation<M>>("n", 1, p));
    net.connect("src", "n", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(w), Distribution::constant(1.0)});
    StateRecorder rec("n", var, {0}, dt);
    Simulator sim(net, 1);
    sim.add_monitor(rec);
    sim.run(ms);
    return {rec.times_ms(), rec.values()};
}

}  // namespace

TEST_CASE("lif_curr_alpha: current and PSP equal the alpha kernel and its closed-form convolution", "[models]") {
    for (const double tau_s : {2.0, 10.0}) {  // 10 = tau_m: the degenerate case of the propagator
        LifCurrAlpha::Params p;
        p.tau_syn_exc = tau_s;
        p.v_th = 1e9;
        const double dt = 0.1, w = 100, t0 = 6.0;  // arrival: 5 ms + 1 ms delay
        const auto [t, v] = response<LifCurrAlpha>(p, w, "v", dt, 80);
        const auto [ti, cur] = response<LifCurrAlpha>(p, w, "i_exc", dt, 80);
        const double C = p.c_m, tm = p.tau_m, a = 1 / tau_s - 1 / tm;
        double worst_v = 0, worst_i = 0, peak = 0;
        for (std::size_t s = 0; s < t.size(); ++s) {
            const double u = t[s] - t0;
            const double i_ref = u <= 0 ? 0.0 : w * u / tau_s * std::exp(1 - u / tau_s);
            double v_ref = 0;
            if (u > 0) {
                const double scale = w * std::exp(1.0) / (tau_s * C) * std::exp(-u / tm);
                v_ref = a == 0 ? scale * u * u / 2 : scale * (1 - std::exp(-a * u) * (1 + a * u)) / (a * a);
            }
            worst_v = std::max(worst_v, std::fabs(v[s] - p.e_l - v_ref));
            worst_i = std::max(worst_i, std::fabs(cur[s] - i_ref));
            peak = std::max(peak, cur[s]);
        }
        INFO("tau_syn " << tau_s);
        CHECK(worst_v < 1e-10);
        CHECK(worst_i < 1e-10);
        CHECK(peak == Approx(w).epsilon(1e-3));  // the current peaks at w, tau after the arrival
    }
}

TEST_CASE("lif_cond_alpha: exact conductance, membrane within 1% of a converged integration", "[models]") {
    LifCondAlpha::Params p;
    p.tau_syn_exc = 2;
    p.v_th = 1e9;
    const double dt = 0.1, w = 20, t0 = 6.0;
    const auto [t, g] = response<LifCondAlpha>(p, w, "g_exc", dt, 60);
    const auto [tv, v] = response<LifCondAlpha>(p, w, "v", dt, 60);
    // reference: RK4 with 1000 sub-steps per step on the continuous alpha conductance
    auto g_of = [&](double u) { return u <= 0 ? 0.0 : w * u / p.tau_syn_exc * std::exp(1 - u / p.tau_syn_exc); };
    auto f = [&](double time, double x) { return (p.g_l * (p.e_l - x) + g_of(time - t0) * (p.e_exc - x) + p.i_e) / p.c_m; };
    double x = p.e_l, time = 0, worst_g = 0, worst_v = 0, peak = 0;
    const int sub = 1000;
    const double h = dt / sub;
    for (std::size_t s = 0; s < t.size(); ++s) {
        for (int q = 0; q < sub; ++q) {
            const double k1 = f(time, x), k2 = f(time + h / 2, x + h / 2 * k1), k3 = f(time + h / 2, x + h / 2 * k2), k4 = f(time + h, x + h * k3);
            x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            time += h;
        }
        worst_g = std::max(worst_g, std::fabs(g[s] - g_of(t[s] - t0)));
        worst_v = std::max(worst_v, std::fabs(v[s] - x));
        peak = std::max(peak, x - p.e_l);
    }
    CHECK(worst_g < 1e-10);
    REQUIRE(peak > 1);  // a PSP of a few mV
    CHECK(worst_v < 0.01 * peak);
}
