// OdeNeuron: a user model given only by its ODE, threshold and reset (the quadratic
// integrate-and-fire neuron of models/ode_neuron.hpp's worked example, defined here) fires at its
// analytic period, takes synaptic input, is insensitive to tightening the tolerance, and reports
// a diverging neuron by population and index.
#include <catch2/catch.hpp>
#include <cmath>

#include "../helpers.hpp"
#include "models/neuron_population.hpp"
#include "models/ode_neuron.hpp"
#include "models/spike_source_array.hpp"

using namespace plastica;

namespace {

struct Qif {
    static constexpr const char* name = "qif";
    static constexpr const char* weight_unit = "mV";
    static constexpr std::array<const char*, 1> state_names = {"v"};
    using State = std::array<double, 1>;
    struct Params {
        double tau = 10, v_rest = -65, v_c = -50, delta = 15, ri = 10, v_peak = 30, v_reset = -70;
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {
            {"tau", &Params::tau, "ms", "membrane time constant", Constraint::positive},
            {"v_rest", &Params::v_rest, "mV", "resting potential"},
            {"v_c", &Params::v_c, "mV", "critical potential"},
            {"delta", &Params::delta, "mV", "sharpness", Constraint::positive},
            {"ri", &Params::ri, "mV", "input current times resistance"},
            {"v_peak", &Params::v_peak, "mV", "spike cut-off"},
            {"v_reset", &Params::v_reset, "mV", "reset potential"},
        };
        return f;
    }
    static State resting_state(const Params& p) { return {p.v_rest}; }
    static void rhs(const Params& p, const State& x, State& dxdt) { dxdt[0] = ((x[0] - p.v_rest) * (x[0] - p.v_c) / p.delta + p.ri) / p.tau; }
    static void input(const Params&, State& x, double in_exc, double in_inh) { x[0] += in_exc + in_inh; }
    static bool threshold(const Params& p, const State& x) { return x[0] >= p.v_peak; }
    static void reset(const Params& p, State& x) { x[0] = p.v_reset; }
};
using QifNeuron = OdeNeuron<Qif>;

/// Analytic period from reset to peak: with u = v - (v_rest + v_c)/2, tau du/dt = (u^2 + K^2)/delta,
/// K^2 = delta ri - ((v_c - v_rest)/2)^2, so T = tau delta / K (atan(u_peak / K) - atan(u_reset / K)).
double qif_period(const Qif::Params& p) {
    const double m = 0.5 * (p.v_rest + p.v_c), d = 0.5 * (p.v_c - p.v_rest);
    const double K = std::sqrt(p.delta * p.ri - d * d);
    return p.tau * p.delta / K * (std::atan((p.v_peak - m) / K) - std::atan((p.v_reset - m) / K));
}

}  // namespace

TEST_CASE("ode neuron: a user-defined quadratic integrate-and-fire neuron fires at its analytic period", "[models]") {
    QifNeuron::Params p;
    const double dt = 0.1, T = qif_period(p);
    CHECK(T == Approx(36.75).epsilon(1e-3));
    Network net(dt, 1);
    auto& pop = net.add(std::make_unique<NeuronPopulation<QifNeuron>>("qif", 1, p));
    pop.set_initial("v", Distribution::constant(p.v_reset));
    const auto sp = test::run_and_record(net, "qif", 400, 1);
    REQUIRE(sp.steps.size() >= 9);
    // the first spike comes T after the start (from v_reset), every later one T after the step
    // that registered the previous one: on the grid, ceil(T / dt) steps each time
    const auto per = static_cast<Step>(std::ceil(T / dt));
    CHECK(sp.steps[0] + 1 == per);
    for (std::size_t k = 1; k < sp.steps.size(); ++k) CHECK(sp.steps[k] - sp.steps[k - 1] == per);
}

TEST_CASE("ode neuron: tightening the tolerance a thousandfold leaves the spike times unchanged", "[models]") {
    auto run = [](double tol) {
        QifNeuron::Params p;
        p.abs_tol = p.rel_tol = tol;
        p.ri = 12;
        Network net(0.1, 1);
        net.add(std::make_unique<NeuronPopulation<QifNeuron>>("qif", 1, p));
        return test::run_and_record(net, "qif", 500, 1).steps;
    };
    const auto a = run(1e-6), b = run(1e-9);
    REQUIRE(a.size() > 10);
    CHECK(a == b);
}

TEST_CASE("ode neuron: synaptic input jumps the state and recorders read it by name", "[models]") {
    QifNeuron::Params p;
    p.ri = 0;  // bistable: rest at v_rest, no firing without input
    const double dt = 0.1;
    Network net(dt, 1);
    net.add(std::make_unique<SpikeSourceArray>("src", std::vector<std::vector<double>>{{10.0, 20.0}}));
    net.add(std::make_unique<NeuronPopulation<QifNeuron>>("qif", 1, p));
    net.connect("src", "qif", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(5.0), Distribution::constant(1.0)});
    StateRecorder v("qif", "v", {0}, dt);
    Simulator sim(net, 1);
    sim.add_monitor(v);
    sim.run(15);
    // at rest until the arrival at 11 ms, then 5 mV higher, relaxing back (below v_c: stable)
    CHECK(v.values()[100] == Approx(p.v_rest).margin(1e-9));
    CHECK(v.values()[110] > p.v_rest + 4);
    CHECK(v.values()[149] < v.values()[110]);
}

TEST_CASE("ode neuron: a diverging neuron is an error naming the population and the neuron", "[models][errors]") {
    QifNeuron::Params p;
    p.v_peak = 1e300;  // never reached: v runs off to infinity in finite time
    Network net(0.1, 1);
    auto& pop = net.add(std::make_unique<NeuronPopulation<QifNeuron>>("runaway", 3, p));
    pop.set_initial("v", Distribution::constant(-60));
    Simulator sim(net, 2);
    CHECK_THROWS_WITH(sim.run(200), Catch::Contains("population 'runaway'") && Catch::Contains("neuron = 0") && Catch::Contains("not finite"));
    QifNeuron::Params bad;
    bad.rel_tol = 0;
    CHECK_THROWS_WITH(NeuronPopulation<QifNeuron>("q", 1, bad), Catch::Contains("'q'") && Catch::Contains("rel_tol"));
}
