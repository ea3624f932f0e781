// Plasticity rules by name (plasticity/registry.hpp): every rule builds from its declared
// parameters, a rule built by name acts exactly as the same rule built directly, and bad names
// and values are one-line errors that name them.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pair_harness.hpp"
#include "plasticity/registry.hpp"
#include "plasticity/stdp.hpp"
#include "plasticity/triplet_stdp.hpp"

using namespace plastica;
using namespace plastica::test;

namespace {

double default_of(const std::string& rule, const std::string& param) {
    for (const auto& p : plasticity_rule_params(rule))
        if (p.name == param) return p.default_value;
    FAIL("rule " << rule << " has no parameter " << param);
    return 0;
}

const std::vector<double> kPre = {10, 14, 30, 31, 52, 60, 61.5, 90};
const std::vector<double> kPost = {12, 20, 31, 45, 58, 62, 75, 88};

float run_pair(std::unique_ptr<SynapseRule> rule, float w0) {
    PairNetwork pn({kPre}, {kPost}, w0);
    pn.net->add_synapse_rule(*pn.proj, std::move(rule));
    const auto got = pn.run(100);
    REQUIRE(got[0].size() == kPost.size());
    return pn.proj->weight[0];
}

}  // namespace

TEST_CASE("rule registry: every rule builds from its defaults and lists documented parameters", "[plasticity][registry]") {
    const auto names = plasticity_rule_names();
    for (const char* expected : {"stdp", "triplet_stdp", "inhibitory_stdp", "tsodyks_markram", "reward_stdp", "hebb", "oja", "bcm",
                                 "synaptic_normalization", "synaptic_scaling"})
        REQUIRE(std::find(names.begin(), names.end(), expected) != names.end());
    for (const auto& n : names) {
        INFO(n);
        CHECK_FALSE(plasticity_rule_doc(n).empty());
        const auto params = plasticity_rule_params(n);
        REQUIRE_FALSE(params.empty());
        for (const auto& p : params) CHECK_FALSE(p.doc.empty());
        const auto rule = make_plasticity_rule(n, {}, "test");
        REQUIRE(rule);
        if (n != "hebb" && n != "oja" && n != "bcm") CHECK(rule->name() == n);
    }
    // the listed defaults are the Params structs' own
    CHECK(default_of("stdp", "a_plus") == PairStdp::Params{}.a_plus);
    CHECK(default_of("stdp", "tau_minus") == PairStdp::Params{}.tau_minus);
    CHECK(default_of("stdp", "nearest") == 0);
    CHECK(default_of("triplet_stdp", "a3_plus") == TripletStdp::Params{}.a3_plus);
    CHECK(default_of("tsodyks_markram", "tau_rec") == 800);
    CHECK(default_of("oja", "tau_rate") > 0);
}

TEST_CASE("rule registry: a rule built by name equals the rule built directly, bit for bit", "[plasticity][registry]") {
    const float w0 = 0.3f;
    for (bool nearest : {false, true}) {
        PairStdp::Params p;
        p.a_plus = 0.01;
        p.a_minus = 0.012;
        p.tau_plus = 16.8;
        p.tau_minus = 33.7;
        p.mu_plus = 0.5;
        p.nearest = nearest;
        const float by_name = run_pair(make_plasticity_rule("stdp", {{"a_plus", 0.01}, {"a_minus", 0.012}, {"tau_plus", 16.8}, {"tau_minus", 33.7},
                                                                     {"mu_plus", 0.5}, {"nearest", nearest ? 1.0 : 0.0}},
                                                            "test"),
                                       w0);
        const float direct = run_pair(std::make_unique<StdpRule>(p), w0);
        INFO("nearest " << nearest);
        CHECK(by_name == direct);
        CHECK(by_name != w0);
        CHECK(by_name == Approx(explicit_sums::pair_stdp(p, w0, kPre, kPost)).epsilon(1e-5));
    }
    TripletStdp::Params t = triplet_parameter_set("hippocampal_all_to_all");
    t.w_max = 1;
    std::map<std::string, double> named;
    for (const auto& f : TripletStdp::fields()) named[f.name] = t.*(f.member);
    CHECK(run_pair(make_plasticity_rule("triplet_stdp", named, "test"), w0) == run_pair(std::make_unique<TripletStdpRule>(t), w0));
}

TEST_CASE("rule registry: unknown names and bad values are one-line errors naming them", "[plasticity][registry]") {
    REQUIRE_THROWS_WITH(make_plasticity_rule("stpd", {}, "projection 'a->b'"),
                        Catch::Contains("projection 'a->b'") && Catch::Contains("stpd") && Catch::Contains("known: stdp, triplet_stdp"));
    REQUIRE_THROWS_WITH(make_plasticity_rule("stdp", {{"tau", 20}}, "projection 'a->b'"),
                        Catch::Contains("rule 'stdp'") && Catch::Contains("tau") && Catch::Contains("a_plus") && Catch::Contains("nearest"));
    REQUIRE_THROWS_WITH(make_plasticity_rule("stdp", {{"nearest", 2}}, "x"), Catch::Contains("nearest") && Catch::Contains("0 or 1"));
    REQUIRE_THROWS_WITH(make_plasticity_rule("stdp", {{"tau_plus", -1}}, "x"), Catch::Contains("tau_plus") && Catch::Contains("-1"));
    REQUIRE_THROWS_WITH(make_plasticity_rule("synaptic_scaling", {{"interval", 0}}, "x"), Catch::Contains("interval"));
    REQUIRE_THROWS_WITH(make_plasticity_rule("stdp", {{"w_min", 1}, {"w_max", 0.5}}, "x"), Catch::Contains("w_max"));
    REQUIRE_THROWS_WITH(plasticity_rule_params("nope"), Catch::Contains("unknown plasticity rule"));
    for (const auto& n : plasticity_rule_names())
        for (const auto& p : plasticity_rule_params(n)) {
            const std::string msg = [&] {
                try {
                    make_plasticity_rule(n, {{p.name, std::nan("")}}, "x");
                } catch (const Error& e) {
                    return std::string(e.what());
                }
                return std::string();
            }();
            INFO(n << "." << p.name);
            CHECK(msg.find(p.name) != std::string::npos);  // NaN is refused for every parameter
        }
}
