// gif_cond_exp (Mensi et al. 2012, NEST's gif_cond_exp): the escape-noise firing probability
// against its closed form (first-spike times at a constant potential are geometric), the three
// spike-triggered current and threshold kernels against their sums of exponentials, the
// subthreshold membrane under conductance inputs against an accurate solution of its ODE
// (first-order convergence of the exponential-Euler step), and bit-identical spikes at 1 and 2
// threads.
#include <catch2/catch.hpp>
#include <cmath>

#include "../helpers.hpp"
#include "models/gif_cond_exp.hpp"
#include "models/neuron_population.hpp"
#include "models/spike_source_array.hpp"

using namespace plastica;

TEST_CASE("gif_cond_exp: first-spike times at a constant potential are geometric with p = 1 - exp(-lambda dt)", "[models]") {
    GifCondExp::Params p;
    p.i_e = 139;  // V_ss = -70 + 139/4 = -35.25 mV
    p.lambda_0 = 0.05;
    const double dt = 0.1, v_ss = p.e_l + p.i_e / p.g_l;
    const double lambda = p.lambda_0 * std::exp((v_ss - p.v_t_star) / p.delta_v), prob = -std::expm1(-lambda * dt);
    const Index n = 20000;
    Network net(dt, 13);
    auto& pop = net.add(std::make_unique<NeuronPopulation<GifCondExp>>("gif", n, p));
    pop.set_initial("v", Distribution::constant(v_ss));
    const auto sp = test::run_and_record(net, "gif", 50, 2);
    std::vector<Step> first(n, -1);
    for (std::size_t k = 0; k < sp.steps.size(); ++k)
        if (first[sp.ids[k]] < 0) first[sp.ids[k]] = sp.steps[k];
    for (const Step steps : {Step{50}, Step{200}, Step{400}}) {
        std::size_t silent = 0;
        for (Step f : first) silent += f < 0 || f >= steps;
        const double expected = std::pow(1 - prob, static_cast<double>(steps)) * n;
        const double sigma = std::sqrt(expected * (1 - expected / n));
        INFO("after " << steps << " steps: " << silent << " silent, expected " << expected);
        CHECK(std::fabs(static_cast<double>(silent) - expected) < 4 * sigma);
    }
}

TEST_CASE("gif_cond_exp: the three current and threshold kernels follow their sums of exponentials", "[models]") {
    GifCondExp::Params p;
    p.i_e = 250;
    p.q_stc_1 = 30, p.q_stc_2 = 10, p.q_stc_3 = 3, p.tau_stc_1 = 5, p.tau_stc_2 = 40, p.tau_stc_3 = 300;
    p.q_sfa_1 = 4, p.q_sfa_2 = 1, p.q_sfa_3 = 0.5, p.tau_sfa_1 = 8, p.tau_sfa_2 = 60, p.tau_sfa_3 = 500;
    const double dt = 0.1;
    Network net(dt, 3);
    auto& pop = net.add(std::make_unique<NeuronPopulation<GifCondExp>>("gif", 1, p));
    const auto sp = test::run_and_record(net, "gif", 1000, 1);
    REQUIRE(sp.steps.size() > 8);
    // After update step s the kernel holds q (a spike in s) decayed by the steps since; the last
    // step (9999) also took the sums i_eta and V_T before its decay.
    const Step end = 10000;
    const double q_stc[] = {30, 10, 3}, tau_stc[] = {5, 40, 300}, q_sfa[] = {4, 1, 0.5}, tau_sfa[] = {8, 60, 500};
    double eta_sum = 0, gamma_sum = 0;
    for (int j = 0; j < 3; ++j) {
        double eta = 0, gamma = 0, eta_pre = 0, gamma_pre = 0;
        for (Step s : sp.steps) {
            eta += q_stc[j] * std::exp(-static_cast<double>(end - 1 - s) * dt / tau_stc[j]);
            gamma += q_sfa[j] * std::exp(-static_cast<double>(end - 1 - s) * dt / tau_sfa[j]);
            if (s < end - 1) {  // the sum read at the start of the last step
                eta_pre += q_stc[j] * std::exp(-static_cast<double>(end - 2 - s) * dt / tau_stc[j]);
                gamma_pre += q_sfa[j] * std::exp(-static_cast<double>(end - 2 - s) * dt / tau_sfa[j]);
            }
        }
        const std::string k = std::to_string(j + 1);
        CHECK(pop.state("eta_" + k)[0] == Approx(eta).epsilon(1e-9));
        CHECK(pop.state("gamma_" + k)[0] == Approx(gamma).epsilon(1e-9));
        eta_sum += eta_pre;
        gamma_sum += gamma_pre;
    }
    CHECK(pop.state("i_eta")[0] == Approx(eta_sum).epsilon(1e-9));
    CHECK(pop.state("v_t")[0] == Approx(p.v_t_star + gamma_sum).epsilon(1e-9));
    // adaptation on several time scales: the last intervals are longer than the first
    CHECK(sp.steps[sp.steps.size() - 1] - sp.steps[sp.steps.size() - 2] > sp.steps[1] - sp.steps[0]);
}

namespace {

/// V of one subthreshold gif_cond_exp cell under spike input on both receptors, sampled at the
/// end of every ms for 100 ms.
std::vector<double> subthreshold_trace(double dt, const GifCondExp::Params& p, const std::vector<double>& exc, const std::vector<double>& inh) {
    Network net(dt, 1);
    net.add(std::make_unique<SpikeSourceArray>("exc_in", std::vector<std::vector<double>>{exc}));
    net.add(std::make_unique<SpikeSourceArray>("inh_in", std::vector<std::vector<double>>{inh}));
    auto& pop = net.add(std::make_unique<NeuronPopulation<GifCondExp>>("gif", 1, p));
    net.connect("exc_in", "gif", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(6), Distribution::constant(dt)});
    net.connect("inh_in", "gif", ConnectionRule::all_to_all(), {Receptor::inh, Distribution::constant(12), Distribution::constant(dt)});
    Simulator sim(net, 1);
    std::vector<double> v;
    for (int ms = 1; ms <= 100; ++ms) {
        sim.run_to(static_cast<Step>(std::llround(ms / dt)));
        v.push_back(pop.state("v")[0]);
    }
    return v;
}

/// The same membrane by RK4 with 1 us steps, the conductances exact between input spikes, which
/// arrive (spike time + delay dt) at the start of the step they are delivered to.
std::vector<double> reference(double dt, const GifCondExp::Params& p, const std::vector<double>& exc, const std::vector<double>& inh,
                              double lag = 1) {
    const double h = 0.001;
    double v = p.e_l, ge = 0, gi = 0;
    auto dv = [&](double vv, double a, double b) { return (-p.g_l * (vv - p.e_l) + a * (p.e_exc - vv) + b * (p.e_inh - vv) + p.i_e) / p.c_m; };
    std::vector<double> out;
    const auto steps_per_ms = static_cast<long>(std::llround(1 / h));
    const auto arrival = [&](double t_spike) { return std::llround((t_spike + lag * dt) / h); };
    for (long k = 0; k < 100 * steps_per_ms; ++k) {
        for (double t : exc) ge += arrival(t) == k ? 6 : 0;
        for (double t : inh) gi += arrival(t) == k ? 12 : 0;
        const double de = std::exp(-h / 2 / p.tau_syn_exc), di = std::exp(-h / 2 / p.tau_syn_inh);
        const double k1 = dv(v, ge, gi), k2 = dv(v + h / 2 * k1, ge * de, gi * di), k3 = dv(v + h / 2 * k2, ge * de, gi * di);
        const double k4 = dv(v + h * k3, ge * de * de, gi * di * di);
        v += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        ge *= de * de, gi *= di * di;
        if ((k + 1) % steps_per_ms == 0) out.push_back(v);
    }
    return out;
}

}  // namespace

TEST_CASE("gif_cond_exp: the subthreshold membrane under conductance input converges to its ODE's solution", "[models]") {
    GifCondExp::Params p;
    p.v_t_star = 200;  // no spikes: lambda ~ exp(-500)
    p.i_e = 40;
    p.tau_syn_exc = 3, p.tau_syn_inh = 8;
    const std::vector<double> exc = {5, 12, 12.5, 30, 31, 32, 60}, inh = {20, 45, 70};
    double err[2];
    int q = 0;
    for (double dt : {0.1, 0.01}) {
        const auto a = subthreshold_trace(dt, p, exc, inh), b = reference(dt, p, exc, inh);
        double worst = 0, swing = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            worst = std::max(worst, std::fabs(a[i] - b[i]));
            swing = std::max(swing, std::fabs(b[i] - b[0]));
        }
        INFO("dt = " << dt << ": largest difference " << worst << " mV over a swing of " << swing << " mV");
        CHECK(swing > 3);
        err[q++] = worst;
        // the inputs act from the step their arrival time starts: a reference with them one step
        // later or earlier is further off
        for (double lag : {0.0, 2.0}) {
            const auto c = reference(dt, p, exc, inh, lag);
            double off = 0;
            for (std::size_t i = 0; i < a.size(); ++i) off = std::max(off, std::fabs(a[i] - c[i]));
            CHECK(off > 1.5 * worst);
        }
    }
    CHECK(err[0] < 0.4);               // holding the conductances over a 0.1 ms step (about 2 % of g)
    CHECK(err[1] < err[0] / 7);        // first order: ten times smaller steps, about ten times smaller error
}

TEST_CASE("gif_cond_exp: stochastic spikes are bit-identical at 1 and 2 threads", "[models]") {
    auto run = [](int threads) {
        GifCondExp::Params p;
        p.i_e = 150;
        p.q_sfa_2 = 1, p.q_stc_1 = 5;
        Network net(0.1, 5);
        net.add(std::make_unique<NeuronPopulation<GifCondExp>>("gif", 500, p));
        return test::run_and_record(net, "gif", 300, threads);
    };
    const auto a = run(1), b = run(2);
    REQUIRE(a.steps.size() > 500);
    CHECK(a == b);
}
