// Inhibitory STDP (Vogels et al. 2011) against its equations.
#include <catch2/catch.hpp>

#include "models/lif_cond_exp.hpp"
#include "pair_harness.hpp"
#include "plasticity/inhibitory_stdp.hpp"

using namespace plastica;
using namespace plastica::test;

namespace {

InhibitoryStdp::Params params() {
    InhibitoryStdp::Params p;
    p.eta = 0.01;
    p.tau = 20;
    p.rho0 = 10;
    p.w_min = 0;
    p.w_max = 10;
    return p;
}

}  // namespace

TEST_CASE("inhibitory STDP: symmetric window, the offset alpha at each presynaptic spike", "[plasticity][istdp]") {
    const auto p = params();
    const double alpha = 2 * p.rho0 * 1e-3 * p.tau;  // 0.4
    for (double lag : {-30.0, -5.0, 0.0, 5.0, 30.0}) {
        // weights stored as float32: start near the size of the change so rounding stays < 1e-7 of it
        const float w0 = 0.005f;
        PairNetwork pn({{100}}, {{100 + lag}}, w0, 0.1, Receptor::inh);
        pn.net->add_rule(*pn.proj, std::make_unique<InhibitoryStdpRule>(p));
        pn.run(200);
        // pre spike: eta (x_post - alpha); post spike: eta x_pre (x_post counts post spikes before the pre one)
        const double expected = p.eta * (std::exp(-std::fabs(lag) / p.tau) - alpha);
        INFO("lag " << lag);
        REQUIRE(pn.proj->weight[0] - double(w0) == Approx(expected).epsilon(1e-6));
    }
    // a train, against explicit sums
    const std::vector<double> pre = {10, 12, 30, 55, 56, 80}, post = {11, 25, 31, 57, 90};
    PairNetwork pn({pre}, {post}, 1.0, 0.1, Receptor::inh);
    pn.net->add_rule(*pn.proj, std::make_unique<InhibitoryStdpRule>(p));
    pn.run(100);
    const float ref = explicit_sums::inhibitory_stdp(p, 1.0f, pre, post);
    REQUIRE(pn.proj->weight[0] - 1.0 == Approx(ref - 1.0).epsilon(1e-6));
}

TEST_CASE("inhibitory STDP: negative current weights grow in magnitude", "[plasticity][istdp]") {
    auto p = params();
    p.w_min = -100;
    p.w_max = 0;
    const float w0 = -0.005f;
    PairNetwork pn({{100}}, {{100}}, w0, 0.1, Receptor::inh);
    pn.net->add_rule(*pn.proj, std::make_unique<InhibitoryStdpRule>(p));
    pn.run(120);
    const double alpha = 2 * p.rho0 * 1e-3 * p.tau;
    REQUIRE(pn.proj->weight[0] - double(w0) == Approx(-p.eta * (1 - alpha)).epsilon(1e-6));
}
