// gif_psc_exp (Mensi et al. 2012): the escape-noise firing probability against its closed form
// (first-spike times of neurons held at a constant potential are geometric), the spike-triggered
// current and threshold against their closed forms, and bit-identical spikes at 1 and 2 threads.
#include <catch2/catch.hpp>
#include <cmath>

#include "../helpers.hpp"
#include "models/gif_psc_exp.hpp"
#include "models/neuron_population.hpp"

using namespace plastica;

TEST_CASE("gif_psc_exp: first-spike times at a constant potential are geometric with p = 1 - exp(-lambda dt)", "[models]") {
    // V held at its steady state V_ss = E_L + I_e / g_L from the start: the intensity is constant,
    // lambda = lambda_0 exp((V_ss - V_T*) / Delta_V), so the fraction of N neurons still silent
    // after n steps is (1 - p)^n.
    GifPscExp::Params p;
    p.i_e = 139;              // V_ss = -70 + 139/4 = -35.25 mV
    p.lambda_0 = 0.05;        // 1/ms
    p.delta_v = 0.5;
    const double dt = 0.1, v_ss = p.e_l + p.i_e / p.g_l;
    const double lambda = p.lambda_0 * std::exp((v_ss - p.v_t_star) / p.delta_v), prob = -std::expm1(-lambda * dt);
    const Index n = 20000;
    Network net(dt, 11);
    auto& pop = net.add(std::make_unique<NeuronPopulation<GifPscExp>>("gif", n, p));
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

TEST_CASE("gif_psc_exp: the spike-triggered current and threshold follow their kernels", "[models]") {
    GifPscExp::Params p;
    p.i_e = 200;
    p.q_stc = 20, p.tau_stc = 30;
    p.q_sfa = 2, p.tau_sfa = 80;
    const double dt = 0.1;
    Network net(dt, 3);
    auto& pop = net.add(std::make_unique<NeuronPopulation<GifPscExp>>("gif", 1, p));
    const auto sp = test::run_and_record(net, "gif", 500, 1);
    REQUIRE(sp.steps.size() > 5);
    const Step end = 5000;
    double eta = 0, gamma = 0;
    for (Step s : sp.steps) {
        eta += p.q_stc * std::exp(-static_cast<double>(end - 1 - s) * dt / p.tau_stc);
        gamma += p.q_sfa * std::exp(-static_cast<double>(end - 1 - s) * dt / p.tau_sfa);
    }
    CHECK(pop.state("eta")[0] == Approx(eta).epsilon(1e-9));
    CHECK(pop.state("gamma")[0] == Approx(gamma).epsilon(1e-9));
    // adaptation: the later intervals are longer than the first
    CHECK(sp.steps[sp.steps.size() - 1] - sp.steps[sp.steps.size() - 2] > sp.steps[1] - sp.steps[0]);
}

TEST_CASE("gif_psc_exp: stochastic spikes are bit-identical at 1 and 2 threads", "[models]") {
    auto run = [](int threads) {
        GifPscExp::Params p;
        p.i_e = 150;
        p.q_sfa = 1;
        Network net(0.1, 5);
        net.add(std::make_unique<NeuronPopulation<GifPscExp>>("gif", 500, p));
        return test::run_and_record(net, "gif", 300, threads);
    };
    const auto a = run(1), b = run(2);
    REQUIRE(a.steps.size() > 500);
    CHECK(a == b);
}
