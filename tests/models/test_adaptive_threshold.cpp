// AdaptiveThreshold (Diehl & Cook 2015 homeostasis) against closed forms: theta is the sum of the
// decayed increments of the recorded spikes, and each interspike interval is the LIF's closed
// form with the raised threshold.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "../helpers.hpp"
#include "models/adaptive_threshold.hpp"
#include "models/lif_cond_exp.hpp"
#include "models/lif_curr_exp.hpp"
#include "models/neuron_population.hpp"
#include "models/registry.hpp"

using namespace plastica;

TEST_CASE("adaptive threshold: theta and interspike intervals equal their closed forms", "[models]") {
    using M = AdaptiveThreshold<LifCurrExp>;
    M::Params p;
    p.i_e = 500;           // RI = 20 mV above rest, threshold 15 mV above
    p.theta_plus = 0.5;    // mV
    p.tau_theta = 200;     // ms: short enough that the decay matters
    const double dt = 0.01;
    Network net(dt, 1);
    auto& pop = net.add(std::make_unique<NeuronPopulation<M>>("n", 1, p));
    const auto sp = test::run_and_record(net, "n", 300, 1);
    REQUIRE(sp.steps.size() > 10);
    // theta at the end: sum of theta_plus exp(-(T - t_k)/tau_theta) over the spikes
    const Step end = 30000;
    double theta = 0;
    for (Step s : sp.steps) theta += p.theta_plus * std::pow(std::exp(-dt / p.tau_theta), static_cast<double>(end - 1 - s));
    CHECK(pop.state("theta")[0] == Approx(theta).epsilon(1e-9));
    // intervals lengthen as theta grows
    const Step first = sp.steps[1] - sp.steps[0], last = sp.steps.back() - sp.steps[sp.steps.size() - 2];
    CHECK(last > first);
    // each free interval: the LIF crossing time of the threshold v_th + theta(t), theta decaying;
    // solved here by bisection on the continuous membrane solution, compared to one step
    const double RI = p.tau_m / p.c_m * p.i_e;
    const auto n_ref = static_cast<Step>(std::lround(p.t_ref / dt));
    for (std::size_t k = 0; k + 1 < sp.steps.size(); ++k) {
        double th = 0;  // theta just after spike k
        for (std::size_t j = 0; j <= k; ++j)
            th += p.theta_plus * std::exp(-static_cast<double>(sp.steps[k] - sp.steps[j]) * dt / p.tau_theta);
        auto gap = [&](double s) {  // membrane above (threshold + theta) s ms after the refractory period
            const double v = RI * (1 - std::exp(-s / p.tau_m)) - (p.v_th - p.e_l);
            return v - th * std::exp(-(s + p.t_ref) / p.tau_theta);
        };
        double lo = 0, hi = 1000;
        for (int it = 0; it < 200; ++it) ((gap(0.5 * (lo + hi)) >= 0) ? hi : lo) = 0.5 * (lo + hi);
        const Step expected = n_ref + static_cast<Step>(std::ceil(hi / dt));
        CHECK(std::abs((sp.steps[k + 1] - sp.steps[k]) - expected) <= 1);
    }
}

TEST_CASE("adaptive threshold: theta_plus = 0 gives the base model's spikes exactly", "[models]") {
    auto run = [](bool adaptive) {
        Network net(0.1, 3);
        if (adaptive) {
            AdaptiveThreshold<LifCondExp>::Params p;
            p.i_e = 300;
            p.theta_plus = 0;
            net.add(std::make_unique<NeuronPopulation<AdaptiveThreshold<LifCondExp>>>("n", 20, p));
        } else {
            LifCondExp::Params p;
            p.i_e = 300;
            net.add(std::make_unique<NeuronPopulation<LifCondExp>>("n", 20, p));
        }
        net.population(0).set_initial("v", Distribution::uniform(-60, -50));
        return test::run_and_record(net, "n", 200, 1);
    };
    const auto a = run(false), b = run(true);
    REQUIRE(a.steps.size() > 50);
    CHECK(a == b);
}

TEST_CASE("adaptive threshold: registered per base model, parameters checked", "[models][errors]") {
    const auto names = neuron_model_names();
    CHECK(std::find(names.begin(), names.end(), "lif_cond_exp_adaptive") != names.end());
    const auto params = neuron_model_params("lif_cond_exp_adaptive");
    CHECK(std::any_of(params.begin(), params.end(), [](const ModelParamInfo& i) { return i.name == "tau_theta" && i.default_value == 1e7; }));
    CHECK(std::any_of(params.begin(), params.end(), [](const ModelParamInfo& i) { return i.name == "g_l"; }));
    CHECK_THROWS_WITH(make_population("lif_cond_exp_adaptive", "exc", 4, {{"tau_theta", -1}}),
                      Catch::Contains("'exc'") && Catch::Contains("tau_theta"));
    CHECK_THROWS_WITH(make_population("lif_cond_exp_adaptive", "exc", 4, {{"theta_plus", -0.1}}), Catch::Contains("theta_plus"));
}
