// TraceRule's two ways of reading traces (lazily per synapse, or filled into arrays once per step)
// give the same weights bit for bit, for each spike-timing kernel.
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/lif_delta.hpp"
#include "models/neuron_population.hpp"
#include "models/poisson_source.hpp"
#include "plasticity/inhibitory_stdp.hpp"
#include "plasticity/stdp.hpp"
#include "plasticity/triplet_stdp.hpp"
#include "sim/simulator.hpp"

using namespace plastica;

namespace {

/// 300 Poisson inputs onto 20 driven neurons, all to all, with the rule `R` on the projection;
/// returns the weights after 500 ms.
template <class R>
std::vector<float> trained_weights(const typename R::Params& p, TraceReadMode mode, Receptor receptor, double w0, int threads) {
    Network net(0.1, 3);
    net.add(std::make_unique<PoissonSource>("in", 300, std::vector<double>{20.0}));
    LifDelta::Params np;
    auto& post = net.add(std::make_unique<NeuronPopulation<LifDelta>>("post", 20, np));
    post.add_drive({4000, 0.3, Receptor::exc});  // fires at tens of Hz
    auto& proj = net.connect("in", "post", ConnectionRule::all_to_all(), {receptor, Distribution::uniform(std::min(0.2 * w0, w0), std::max(0.2 * w0, w0)), Distribution::constant(1.0)});
    auto rule = std::make_unique<R>(p);
    rule->set_read_mode(mode);
    net.add_rule(proj, std::move(rule));
    const std::vector<float> w_initial = proj.weight;
    Simulator sim(net, threads);
    sim.run(500);
    REQUIRE(proj.weight != w_initial);  // the rule acted
    return proj.weight;
}

template <class R>
void check_modes(const typename R::Params& p, Receptor receptor, double w0) {
    const auto lazy = trained_weights<R>(p, TraceReadMode::lazy, receptor, w0, 1);
    const auto dense = trained_weights<R>(p, TraceReadMode::dense, receptor, w0, 1);
    const auto automatic = trained_weights<R>(p, TraceReadMode::automatic, receptor, w0, 2);
    REQUIRE(lazy == dense);
    REQUIRE(lazy == automatic);
}

}  // namespace

TEST_CASE("TraceRule: lazy and dense trace reads give bit-identical weights (pair, triplet, inhibitory STDP)", "[plasticity][traces]") {
    PairStdp::Params sp;
    sp.a_plus = 0.01;
    sp.a_minus = 0.012;
    sp.w_max = 0.5;
    check_modes<StdpRule>(sp, Receptor::exc, 0.5);
    auto tp = triplet_parameter_set("visual_cortex_all_to_all");
    tp.w_max = 0.5;
    check_modes<TripletStdpRule>(tp, Receptor::exc, 0.5);
    InhibitoryStdp::Params ip;
    ip.eta = 0.01;
    ip.w_min = -2;
    ip.w_max = 0;
    check_modes<InhibitoryStdpRule>(ip, Receptor::inh, -1.0);
}
