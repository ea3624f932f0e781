// vogels_abbott — the CUBA and COBA benchmark networks of Brette et al. 2007 (J. Comput.
// Neurosci. 23:349, benchmarks 1 and 2), after Vogels & Abbott 2005 (J. Neurosci. 25:10786).
//
// 4000 integrate-and-fire neurons (80% excitatory, 20% inhibitory), random connectivity with
// p = 0.02: 0.02 x 3200 = 64 excitatory and 0.02 x 800 = 16 inhibitory inputs per neuron on
// average, as in the benchmark and in Brian2's CUBA/COBA examples. Key `p` is the probability at
// the benchmark's size; at other sizes the probabilities are scaled so that the mean in-degree
// stays p x 3200 + p x 800 (a sparse network keeps its input statistics as it grows, which is
// what a scaling benchmark measures). Plastica before issue 17 drew 80 + 20 inputs: `p = 0.025`.
//   COBA: lif_cond_exp, E_L = -60 mV, g_L = 10 nS, C = 200 pF (tau_m = 20 ms), theta = -50 mV,
//         reset -60 mV, 5 ms refractory, E_exc = 0 mV, E_inh = -80 mV, tau_exc = 5 ms,
//         tau_inh = 10 ms, dg_exc = 6 nS, dg_inh = 67 nS. Activity is self-sustained only from
//         the benchmark's randomised start: V ~ N(-65, 5) mV, g_exc ~ N(40, 15) nS,
//         g_inh ~ N(200, 120) nS (the values of Brette's COBA.py, in units of g_L there).
//   CUBA: lif_curr_exp, E_L = -49 mV, theta = -50 mV, reset -60 mV, tau_m = 20 ms, 5 ms
//         refractory, tau_exc = 5 ms, tau_inh = 10 ms; jumps of 1.62 mV and -9 mV in
//         voltage units, i.e. w = dv * C / tau_m = 16.2 pA and -90 pA with C = 200 pF;
//         V ~ U(-60, -50) mV.
//   COBAHH (benchmark 3, also `plastica run cobahh`): hh_cond_exp (Traub-Miles Hodgkin-Huxley,
//         models/hh_cond_exp.hpp), otherwise the COBA network: the same synapses, weights and
//         randomised start; the gates start at 0, as in Brian2's COBAHH example.
// Reference rates on this machine with Brian2 (cpp_standalone, 10 s, p = 0.02): COBA about
// 19-20 Hz, CUBA about 5.6 Hz (README; tests/experiments/test_vogels_abbott.cpp).
#include <cmath>

#include "experiments/experiment.hpp"
#include "experiments/model_config.hpp"
#include "models/hh_cond_exp.hpp"
#include "models/lif_cond_exp.hpp"
#include "models/lif_curr_exp.hpp"
#include "sim/network_spec.hpp"

namespace plastica {

namespace {

/// The benchmark's population sizes (Brette et al. 2007: 4000 neurons, 80% excitatory), to which `p` refers.
constexpr double kBenchmarkExc = 3200, kBenchmarkInh = 800;

LifCondExp::Params coba_defaults() { return {200, 10, -60, -50, -60, 5, 0, -80, 5, 10, 0}; }
LifCurrExp::Params cuba_defaults() { return {200, 20, -49, -50, -60, 5, 5, 10, 0}; }

std::vector<ParamSpec> schema() {
    auto s = common_spiking_schema(1000);
    auto add = [&](std::vector<ParamSpec> more) { s.insert(s.end(), more.begin(), more.end()); };
    add({
        ParamSpec::text("cobahh.integrator", "odeint", {"odeint", "exponential_euler"},
                        "COBAHH: hh_cond_exp (Odeint, error-controlled) or hh_cond_exp_euler (exponential Euler, Brian2's scheme)"),
        ParamSpec::text("model", "coba", {"coba", "cuba", "cobahh"},
                        "benchmark: conductance-based (coba), current-based (cuba) or Hodgkin-Huxley (cobahh)"),
        ParamSpec::integer("n", 4000, "", "number of neurons (80% excitatory)").at_least(5),
        ParamSpec::number("p", 0.02, "",
                          "connection probability at the benchmark's N = 4000 (in-degree p x 3200 + p x 800, kept at other sizes; 0.025 gives 80 + 20)")
            .at_least(0),
        ParamSpec::text("connectivity", "probability", {"probability", "indegree"},
                        "each pair connected with probability p (the benchmark; binomial in-degrees) or exactly p x 3200 + p x 800 inputs per neuron (NEST's fixed_indegree)"),
        ParamSpec::boolean("autapses", true, "allow self-connections (Brian2's and PyNN's benchmark scripts do)"),
        ParamSpec::number("delay", 0.1, "ms", "synaptic delay").positive(),
        ParamSpec::number("coba.w_exc", 6, "nS", "COBA excitatory conductance jump").at_least(0),
        ParamSpec::number("coba.w_inh", 67, "nS", "COBA inhibitory conductance jump").at_least(0),
        ParamSpec::dist("coba.v_init", Distribution::normal(-65, 5), "mV", "COBA initial membrane potential"),
        ParamSpec::dist("coba.g_exc_init", Distribution::normal(40, 15), "nS", "COBA initial excitatory conductance"),
        ParamSpec::dist("coba.g_inh_init", Distribution::normal(200, 120), "nS", "COBA initial inhibitory conductance"),
        ParamSpec::number("cobahh.w_exc", 6, "nS", "COBAHH excitatory conductance jump").at_least(0),
        ParamSpec::number("cobahh.w_inh", 67, "nS", "COBAHH inhibitory conductance jump").at_least(0),
        ParamSpec::dist("cobahh.v_init", Distribution::normal(-65, 5), "mV", "COBAHH initial membrane potential"),
        ParamSpec::dist("cobahh.g_exc_init", Distribution::normal(40, 15), "nS", "COBAHH initial excitatory conductance"),
        ParamSpec::dist("cobahh.g_inh_init", Distribution::normal(200, 120), "nS", "COBAHH initial inhibitory conductance"),
        ParamSpec::number("cuba.w_exc", 16.2, "pA", "CUBA excitatory current jump (1.62 mV at C = 200 pF, tau_m = 20 ms)"),
        ParamSpec::number("cuba.w_inh", -90, "pA", "CUBA inhibitory current jump (-9 mV), signed"),
        ParamSpec::dist("cuba.v_init", Distribution::uniform(-60, -50), "mV", "CUBA initial membrane potential"),
    });
    add(model_schema<LifCondExp>("coba", coba_defaults()));
    add(model_schema<LifCurrExp>("cuba", cuba_defaults()));
    add(model_schema<HhCondExp>("cobahh", HhCondExp::Params{}));
    return s;
}

SpikingSetup build(const Config& c) {
    SpikingSetup out;
    const std::string m = c.text("model");
    const bool coba = m == "coba", cobahh = m == "cobahh";
    const auto n = c.integer_as<Index>("n");
    const Index n_exc = static_cast<Index>(std::lround(0.8 * n)), n_inh = n - n_exc;
    NetworkSpec spec;
    spec.dt = c.number("dt");
    spec.seed = c.integer_as<std::uint32_t>("seed");
    const std::string model = coba ? "lif_cond_exp" : !cobahh ? "lif_curr_exp" : c.text("cobahh.integrator") == "odeint" ? "hh_cond_exp" : "hh_cond_exp_euler";
    for (const auto& [name, size] : {std::pair{"exc", n_exc}, std::pair{"inh", n_inh}}) {
        PopulationSpec p;
        p.name = name;
        p.model = model;
        p.size = size;
        p.params = model_param_values(c, m, model);
        if (coba || cobahh) {
            for (const char* var : {"v", "g_exc", "g_inh"}) p.initial.push_back({var, {c.dist(m + "." + var + "_init"), {}}});
            if (cobahh)
                for (const char* gate : {"m", "h", "n"}) p.initial.push_back({gate, {Distribution::constant(0), {}}});
        } else {
            p.initial.push_back({"v", {c.dist("cuba.v_init"), {}}});
        }
        spec.populations.push_back(std::move(p));
    }
    const double p = c.number("p"), k_exc = p * kBenchmarkExc, k_inh = p * kBenchmarkInh;
    const double p_exc = k_exc / static_cast<double>(n_exc), p_inh = k_inh / static_cast<double>(n_inh);
    if (p_exc > 1 || p_inh > 1)
        throw Error(c.origin("p"), "p", to_text(p),
                    "asks for " + to_text(k_exc) + " excitatory and " + to_text(k_inh) + " inhibitory inputs per neuron, more than the " +
                        std::to_string(n_exc) + " + " + std::to_string(n_inh) + " neurons at n = " + std::to_string(n));
    const bool self = c.boolean("autapses");
    const Distribution delay = Distribution::constant(c.number("delay"));
    const Distribution we = Distribution::constant(c.number(m + ".w_exc")), wi = Distribution::constant(c.number(m + ".w_inh"));
    const bool fixed = c.text("connectivity") == "indegree";
    const auto rule = [&](double prob, double k) {
        return fixed ? ConnectionRule::fixed_indegree(static_cast<std::uint64_t>(std::llround(k)), self, false)
                     : ConnectionRule::fixed_probability(prob, self);
    };
    for (const char* post : {"exc", "inh"}) {
        spec.projections.push_back({"exc", post, "", rule(p_exc, k_exc), {Receptor::exc, we, delay}, {}, "", {}, {}});
        spec.projections.push_back({"inh", post, "", rule(p_inh, k_inh), {Receptor::inh, wi, delay}, {}, "", {}, {}});
    }
    out.net = build_network(spec);
    out.duration_ms = c.number("duration");
    out.stats_start_ms = c.number("stats.start");
    out.synchrony_bin_ms = c.number("stats.synchrony_bin");
    if (c.boolean("record.spikes")) out.recorded = {"exc", "inh"};
    out.title = std::string(coba ? "COBA" : cobahh ? "COBAHH" : "CUBA") + " network of Brette et al. 2007: " + std::to_string(n_exc) + " exc + " +
                std::to_string(n_inh) + " inh neurons";
    return out;
}

}  // namespace

Experiment vogels_abbott_experiment() {
    return {"vogels_abbott", "CUBA/COBA/COBAHH benchmark networks of Brette et al. 2007 (Vogels & Abbott 2005)", schema, build, {}, {}};
}

Experiment cobahh_experiment() {
    return {"cobahh", "COBAHH benchmark network of Brette et al. 2007: 4000 Hodgkin-Huxley neurons (vogels_abbott with model = cobahh)",
            [] {
                auto s = schema();  // vogels_abbott's keys with model = cobahh as the default (shown by --help)
                for (auto& p : s)
                    if (p.key == "model") p.default_value = std::string("cobahh");
                return s;
            },
            build, {}, {}};
}

}  // namespace plastica
