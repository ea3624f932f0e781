// Tsodyks-Markram short-term plasticity: the amplitude of each transmitted spike, seen as the
// jump of the postsynaptic current, equals the model's recursion and its steady state.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/lif_curr_exp.hpp"
#include "models/neuron_population.hpp"
#include "models/spike_source_array.hpp"
#include "plasticity/explicit_sums.hpp"
#include "sim/recorders.hpp"
#include "sim/simulator.hpp"

using namespace plastica;

namespace {

/// PSC jumps (pA) of a non-spiking lif_curr_exp neuron driven by `times` through one synapse of
/// weight w with the rule; read from i_exc sampled every step.
std::vector<double> psc_amplitudes(const std::vector<double>& times, const TsodyksMarkramRule::Params& p, double w, int threads = 1) {
    const double dt = 0.1;
    Network net(dt, 3);
    net.add(std::make_unique<SpikeSourceArray>("src", std::vector<std::vector<double>>{times}));
    LifCurrExp::Params np;
    np.v_th = 1e9;
    np.tau_syn_exc = 2;
    net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("n", 1, np));
    auto& proj = net.connect("src", "n", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(w), Distribution::constant(dt)});
    net.add_rule(proj, std::make_unique<TsodyksMarkramRule>(p));
    StateRecorder rec("n", "i_exc", {0}, dt);
    Simulator sim(net, threads);
    sim.add_monitor(rec);
    sim.run(times.back() + 5);
    // i_exc decays by exp(-dt/tau) per step; a jump shows as i[t] - i[t-1] exp(-dt/tau).
    const double d = std::exp(-dt / np.tau_syn_exc);
    std::vector<double> out;
    const auto& v = rec.values();
    for (std::size_t s = 1; s < v.size(); ++s) {
        const double jump = v[s] - v[s - 1] * d;
        if (jump > 1e-6) out.push_back(jump / d);  // sampled after one step of decay
    }
    return out;
}

std::vector<double> recursion(const std::vector<double>& times, const TsodyksMarkramRule::Params& p, double w) {
    return explicit_sums::tsodyks_markram(p, w, times);
}

}  // namespace

TEST_CASE("Tsodyks-Markram: depressing and facilitating amplitudes follow the recursion", "[plasticity][stp]") {
    std::vector<double> train;
    for (int q = 0; q < 10; ++q) train.push_back(10 + 25.0 * q);  // 40 Hz
    train.push_back(train.back() + 500);                           // recovery probe
    const TsodyksMarkramRule::Params depressing{0.5, 800, 0}, facilitating{0.03, 130, 530};
    for (const auto& p : {depressing, facilitating})
        for (int threads : {1, 2}) {
            const auto got = psc_amplitudes(train, p, 100, threads);
            const auto ref = recursion(train, p, 100);
            REQUIRE(got.size() == ref.size());
            for (std::size_t n = 0; n < ref.size(); ++n) REQUIRE(got[n] == Approx(ref[n]).epsilon(1e-6));
        }
    // Shapes: depression decreases the amplitudes, facilitation increases them at 40 Hz.
    const auto dep = recursion(train, depressing, 1), fac = recursion(train, facilitating, 1);
    REQUIRE(dep[9] < 0.3 * dep[0]);
    REQUIRE(fac[9] > 2 * fac[0]);
}

TEST_CASE("Tsodyks-Markram: the steady state at a regular rate matches the closed form", "[plasticity][stp]") {
    // Depressing synapse at interval T: x_ss = (1 - e^{-T/tau}) / (1 - (1 - U) e^{-T/tau})
    // (Tsodyks & Markram 1997), so the amplitude tends to w U x_ss.
    const TsodyksMarkramRule::Params p{0.4, 300, 0};
    std::vector<double> train;
    for (int q = 0; q < 60; ++q) train.push_back(10 + 20.0 * q);
    const auto got = psc_amplitudes(train, p, 50);
    const double e = std::exp(-20 / p.tau_rec);
    const double x_ss = (1 - e) / (1 - (1 - p.u) * e);
    REQUIRE(got.back() == Approx(50 * p.u * x_ss).epsilon(1e-6));
}
