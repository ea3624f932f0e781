// lif_cond_exp: driving force and the steady state under fixed conductances.
#include <catch2/catch.hpp>
#include <cmath>

#include "../helpers.hpp"
#include "models/lif_cond_exp.hpp"
#include "models/neuron_population.hpp"
#include "models/spike_source_array.hpp"

using namespace plastica;

TEST_CASE("lif_cond_exp: steady state under fixed conductances is the conductance-weighted mean of reversal potentials", "[models]") {
    LifCondExp::Params p;
    p.tau_syn_exc = p.tau_syn_inh = 1e12;  // conductances effectively constant
    p.v_th = 1e9;
    const double ge = 15, gi = 40;
    Network net(0.1, 1);
    auto& pop = net.add(std::make_unique<NeuronPopulation<LifCondExp>>("n", 1, p));
    pop.set_initial("g_exc", Distribution::constant(ge));
    pop.set_initial("g_inh", Distribution::constant(gi));
    Simulator sim(net, 1);
    sim.run(200);
    const double v_inf = (p.g_l * p.e_l + ge * p.e_exc + gi * p.e_inh) / (p.g_l + ge + gi);
    CHECK(pop.state("v")[0] == Approx(v_inf).epsilon(1e-9));
    // ... and the approach is exponential with tau_eff = C / g_tot.
}

TEST_CASE("lif_cond_exp: the driving force sets sign and size of a conductance input", "[models]") {
    LifCondExp::Params p;
    p.v_th = 1e9;
    p.e_l = 20;           // rest above E_exc = 0 mV: excitation must now hyperpolarise
    const double g = 5, dt = 0.1;
    for (double e_exc : {0.0, 40.0}) {
        p.e_exc = e_exc;
        Network net(dt, 1);
        auto& pop = net.add(std::make_unique<NeuronPopulation<LifCondExp>>("n", 1, p));
        pop.set_initial("v", Distribution::constant(p.e_l));
        pop.set_initial("g_exc", Distribution::constant(g));
        Simulator sim(net, 1);
        sim.run(dt);
        const double dv = pop.state("v")[0] - p.e_l;
        // One exact step with g held: V_inf + (V - V_inf) e^{-h g_tot / C}.
        const double gt = p.g_l + g;
        const double v_inf = (p.g_l * p.e_l + g * e_exc) / gt;
        const double expect = v_inf + (p.e_l - v_inf) * std::exp(-dt * gt / p.c_m) - p.e_l;
        CHECK(dv == Approx(expect).epsilon(1e-12));
        // To first order in h: dV = h g (E_exc - V) / C.
        CHECK(dv == Approx(dt * g * (e_exc - p.e_l) / p.c_m).epsilon(0.01));
        if (e_exc < p.e_l) CHECK(dv < 0);
        else CHECK(dv > 0);
    }
}

TEST_CASE("lif_cond_exp: conductances decay exactly with tau_syn", "[models]") {
    LifCondExp::Params p;
    p.v_th = 1e9;
    Network net(0.1, 1);
    auto& pop = net.add(std::make_unique<NeuronPopulation<LifCondExp>>("n", 1, p));
    pop.set_initial("g_exc", Distribution::constant(10));
    pop.set_initial("g_inh", Distribution::constant(20));
    Simulator sim(net, 1);
    sim.run(7);
    CHECK(pop.state("g_exc")[0] == Approx(10 * std::exp(-7 / p.tau_syn_exc)).epsilon(1e-12));
    CHECK(pop.state("g_inh")[0] == Approx(20 * std::exp(-7 / p.tau_syn_inh)).epsilon(1e-12));
}
