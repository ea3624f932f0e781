// brunel — the sparse excitatory-inhibitory network of Brunel 2000 (J. Comput. Neurosci. 8:183).
//
// N_E excitatory and N_I = gamma N_E inhibitory lif_delta neurons (tau_m = 20 ms, theta = 20 mV,
// V_r = 10 mV, tau_rp = 2 ms, potentials relative to rest). Every neuron receives exactly
// C_E = epsilon N_E excitatory and C_I = epsilon N_I inhibitory inputs (fixed in-degree) of
// strength J and -g J, after a delay D = 1.5 ms, plus C_E external Poisson inputs of rate
// nu_ext = eta * nu_thr, where nu_thr = theta / (J C_E tau_m) is the external rate that brings
// the mean input to threshold (Brunel 2000, section 2). The default g = 8, eta = 3.5 lies in the
// asynchronous irregular (AI) regime with Poisson-like spike trains: about 28 Hz, CV ISI near 1,
// low synchrony (Brian2 on the same network: 27.5 Hz, CV 0.99, chi 0.08;
// experiments/compare/brunel_brian2.py). Brunel's own AI example, g = 5, eta = 2 (Fig. 8C), is
// also AI (38 Hz, no global oscillation) but fires more regularly (CV 0.42 here and in Brian2):
// its external drive alone puts the mean input at twice threshold. g = 3, eta = 2 is the
// synchronous regular (SR) regime (Fig. 8A).
// With stdp.enabled the excitatory-to-excitatory synapses carry additive pair STDP
// (plasticity/stdp.hpp): the plastic benchmark of Zenke & Gerstner 2014 (Auryn), run at
// N_E = 8000 (10,000 neurons, 10 million synapses) by `plastica bench brunel --set n_exc=8000
// --set stdp.enabled=true`.
#include <cmath>

#include "experiments/experiment.hpp"
#include "experiments/model_config.hpp"
#include "experiments/plasticity_config.hpp"
#include "models/lif_delta.hpp"
#include "sim/network_spec.hpp"

namespace plastica {

namespace {

std::vector<ParamSpec> schema() {
    auto s = common_spiking_schema(1000);
    const std::vector<ParamSpec> more = {
        ParamSpec::integer("n_exc", 10000, "", "number of excitatory neurons N_E").at_least(1),
        ParamSpec::number("gamma", 0.25, "", "N_I / N_E").positive(),
        ParamSpec::number("epsilon", 0.1, "", "connection probability: in-degrees C_E = epsilon N_E, C_I = epsilon N_I").between(0, 1),
        ParamSpec::number("j", 0.1, "mV", "excitatory PSP amplitude J").positive(),
        ParamSpec::number("g", 8, "", "relative strength of inhibition (inhibitory weight -g J)").at_least(0),
        ParamSpec::number("eta", 3.5, "", "nu_ext / nu_thr, external rate relative to threshold rate").at_least(0),
        ParamSpec::number("delay", 1.5, "ms", "synaptic delay D").positive(),
        ParamSpec::dist("v_init", Distribution::uniform(0, 20), "mV", "initial membrane potential (relative to rest)"),
    };
    s.insert(s.end(), more.begin(), more.end());
    s.push_back(ParamSpec::boolean("stdp.enabled", false, "additive pair STDP on the excitatory-to-excitatory synapses"));
    s.push_back(ParamSpec::number("record.weights_interval", 1000, "ms", "with STDP: interval of the exc->exc weight snapshots").positive());
    s.push_back(ParamSpec::integer("record.weights_synapses", 10000, "", "with STDP: synapses in the snapshots, evenly spaced over exc->exc (0: all)")
                    .at_least(0));
    PairStdp::Params sp;  // weights in mV around J = 0.1 mV: bounds [0, 0.3], changes of 1% of J
    sp.w_min = 0;
    sp.w_max = 0.3;
    sp.a_plus = 0.001;
    sp.a_minus = 0.00105;
    const auto st = stdp_schema("stdp", sp);
    s.insert(s.end(), st.begin(), st.end());
    LifDelta::Params d{};
    const auto m = model_schema<LifDelta>("neuron", d);
    s.insert(s.end(), m.begin(), m.end());
    for (auto& p : s)
        if (p.key == "stats.start") p.default_value = 100.0;  // skip the initial transient
    return s;
}

SpikingSetup build(const Config& c) {
    SpikingSetup out;
    const auto n_exc = c.integer_as<Index>("n_exc");
    const auto n_inh = static_cast<Index>(std::lround(c.number("gamma") * n_exc));
    if (n_inh < 1) throw Error(c.origin("gamma"), "gamma", to_text(c.number("gamma")), "gives no inhibitory neurons");
    const auto c_exc = static_cast<std::uint64_t>(std::lround(c.number("epsilon") * n_exc));
    const auto c_inh = static_cast<std::uint64_t>(std::lround(c.number("epsilon") * n_inh));
    const LifDelta::Params np = model_params<LifDelta>(c, "neuron");
    const double j = c.number("j"), g = c.number("g");
    NetworkSpec spec;
    spec.dt = c.number("dt");
    spec.seed = c.integer_as<std::uint32_t>("seed");
    // nu_thr in Hz: theta / (J C_E tau_m), with theta measured from rest.
    const double nu_thr = c_exc > 0 ? (np.v_th - np.e_l) / (j * static_cast<double>(c_exc) * np.tau_m) * 1e3 : 0;
    const double ext_rate = static_cast<double>(c_exc) * c.number("eta") * nu_thr;  // total external input rate per neuron
    for (const auto& [name, size] : {std::pair{"exc", n_exc}, std::pair{"inh", n_inh}}) {
        PopulationSpec p;
        p.name = name;
        p.model = LifDelta::name;
        p.size = size;
        p.params = model_param_values(c, "neuron", p.model);
        p.initial = {{"v", {c.dist("v_init"), {}}}};
        p.drives = {{ext_rate, j, Receptor::exc}};
        spec.populations.push_back(std::move(p));
    }
    const Distribution delay = Distribution::constant(c.number("delay"));
    const bool stdp = c.boolean("stdp.enabled");
    for (const char* post : {"exc", "inh"}) {
        ProjectionSpec e{"exc", post, "", ConnectionRule::fixed_indegree(c_exc, false, true), {Receptor::exc, Distribution::constant(j), delay}, {}, "", {}, {}};
        if (stdp && std::string(post) == "exc")
            e.plasticity = {{PairStdp::name, param_values(PairStdp::fields(), PairStdp::flags(), stdp_params(c, "stdp"))}};
        spec.projections.push_back(e);
        spec.projections.push_back({"inh", post, "", ConnectionRule::fixed_indegree(c_inh, false, true), {Receptor::inh, Distribution::constant(-g * j), delay}, {}, "", {}, {}});
    }
    out.net = build_network(spec);
    if (stdp) {
        // snapshots of an even sample of the synapses (all of them would be 40 MB per snapshot at N_E = 10000)
        const Projection& e = out.net->projection("exc->exc");
        const auto want = c.integer_as<std::uint64_t>("record.weights_synapses");
        std::vector<std::uint64_t> sample;
        if (want > 0 && want < e.size())
            for (std::uint64_t q = 0; q < want; ++q) sample.push_back(q * e.size() / want);
        out.weights.push_back({e.name, c.number("record.weights_interval"), sample});
    }
    out.duration_ms = c.number("duration");
    out.stats_start_ms = c.number("stats.start");
    out.synchrony_bin_ms = c.number("stats.synchrony_bin");
    if (c.boolean("record.spikes")) out.recorded = {"exc", "inh"};
    out.title = "Brunel 2000 network: " + std::to_string(n_exc) + " exc + " + std::to_string(n_inh) + " inh neurons, C_E = " +
                std::to_string(c_exc) + ", g = " + to_text(g) + ", nu_ext/nu_thr = " + to_text(c.number("eta")) +
                (c.boolean("stdp.enabled") ? ", STDP on exc->exc" : "");
    return out;
}

}  // namespace

Experiment brunel_experiment() {
    return {"brunel", "sparse E-I network of Brunel 2000 (delta synapses, external Poisson drive)", schema, build, {}, {}};
}

}  // namespace plastica
