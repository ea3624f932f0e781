// stdp_competition — synaptic competition through additive STDP (Song, Miller & Abbott 2000,
// Nat. Neurosci. 3:919, Figs. 1-2), in the form of Brian2's example of that paper
// (examples/synapses/STDP.py), so that the two can be compared.
//
// One conductance-based LIF neuron (tau_m = 10 ms, E_L = -74 mV, threshold -54 mV, reset
// -60 mV, no refractory period; C = 100 pF and g_L = 10 nS, so Brian2's dimensionless
// conductance ge is g_exc / g_L) receives 1000 independent Poisson inputs at 15 Hz through
// excitatory synapses (E_exc = 0 mV, tau_exc = 5 ms) with additive all-to-all STDP:
// tau_plus = tau_minus = 20 ms, a_plus = 0.005 g_max (Song et al.'s value; Brian2's example
// uses 0.01 g_max), a_minus = 1.05 a_plus, weights in [0, g_max], g_max = 0.1 nS (Brian2's
// 0.01 g_L), initial weights uniform in [0, g_max].
// Because depression slightly outweighs potentiation, inputs that do not help fire the neuron
// lose; the weights split into a group near 0 and a group near g_max (bimodal) and the output
// rate falls from its initial value to a regulated level (Song et al., Fig. 2).
// Measured (seed 1): after the default 600 s, 85% of the weights lie within 20% of the range of
// a bound (0.75 after 300 s; the peaks sharpen as the learning rate falls and take longer to
// form). With Brian2's example rate (stdp.a_plus = 0.001, stdp.a_minus = 0.00105) and 100 s,
// Plastica and Brian2 (runtime, cython) end with 43% and 42% of the weights within 10% of a
// bound, output rates 24 and 26 Hz.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "experiments/curves.hpp"
#include "experiments/experiment.hpp"
#include "experiments/model_config.hpp"
#include "experiments/plasticity_config.hpp"
#include "models/lif_cond_exp.hpp"
#include "sim/network_spec.hpp"
#include "sim/recorders.hpp"

namespace plastica {

namespace {

LifCondExp::Params neuron_defaults() {
    LifCondExp::Params p;
    p.c_m = 100;
    p.g_l = 10;
    p.e_l = -74;
    p.v_th = -54;
    p.v_reset = -60;
    p.t_ref = 0;
    p.e_exc = 0;
    p.e_inh = -70;
    p.tau_syn_exc = 5;
    p.tau_syn_inh = 5;
    return p;
}

PairStdp::Params stdp_defaults() {
    PairStdp::Params p;
    p.w_max = 0.1;
    p.a_plus = 0.005 * p.w_max;
    p.a_minus = 1.05 * p.a_plus;
    p.tau_plus = p.tau_minus = 20;
    return p;
}

std::vector<ParamSpec> schema() {
    auto s = common_spiking_schema(600000);
    const std::vector<ParamSpec> more = {
        ParamSpec::integer("inputs", 1000, "", "number of Poisson inputs").at_least(1),
        ParamSpec::number("input_rate", 15, "Hz", "rate of each input").at_least(0),
        ParamSpec::number("delay", 0.1, "ms", "synaptic delay").positive(),
        ParamSpec::number("rate_bin", 10000, "ms", "bin of the output rate curve").positive(),
        ParamSpec::number("record.weights_interval", 10000, "ms", "interval of the weight snapshots").positive(),
        ParamSpec::number("bimodality.margin", 0.2, "", "a weight counts as near a bound within this fraction of the range").between(0, 0.5),
    };
    s.insert(s.end(), more.begin(), more.end());
    const auto st = stdp_schema("stdp", stdp_defaults());
    s.insert(s.end(), st.begin(), st.end());
    const auto m = model_schema<LifCondExp>("neuron", neuron_defaults());
    s.insert(s.end(), m.begin(), m.end());
    return s;
}

SpikingSetup build(const Config& c) {
    SpikingSetup out;
    const auto n = c.integer_as<Index>("inputs");
    const PairStdp::Params sp = stdp_params(c, "stdp");
    NetworkSpec spec;
    spec.dt = c.number("dt");
    spec.seed = c.integer_as<std::uint32_t>("seed");
    PopulationSpec inputs;
    inputs.name = "inputs";
    inputs.model = "poisson_source";
    inputs.size = n;
    inputs.rates_hz = {c.number("input_rate")};
    PopulationSpec neuron;
    neuron.name = "neuron";
    neuron.model = LifCondExp::name;
    neuron.size = 1;
    neuron.params = model_param_values(c, "neuron", neuron.model);
    neuron.initial = {{"v", {Distribution::constant(c.number("neuron.v_reset")), {}}}};
    spec.populations = {inputs, neuron};
    spec.projections.push_back({"inputs", "neuron", "", ConnectionRule::all_to_all(),
                                {Receptor::exc, Distribution::uniform(sp.w_min, sp.w_max), Distribution::constant(c.number("delay"))},
                                {{PairStdp::name, param_values(PairStdp::fields(), PairStdp::flags(), sp)}}, "", {}, {}});
    out.net = build_network(spec);
    out.duration_ms = c.number("duration");
    out.stats_start_ms = c.number("stats.start");
    out.synchrony_bin_ms = c.number("stats.synchrony_bin");
    if (c.boolean("record.spikes")) out.recorded = {"neuron"};
    out.weights = {{"inputs->neuron", c.number("record.weights_interval"), {}}};
    auto rate = std::make_shared<RateRecorder>("neuron", c.number("rate_bin"));
    out.monitors = {rate};
    out.title = "STDP competition (Song, Miller & Abbott 2000): " + std::to_string(n) + " Poisson inputs at " +
                to_text(c.number("input_rate")) + " Hz onto one conductance-based LIF neuron";
    const double margin = c.number("bimodality.margin");
    out.analyse = [rate, sp, margin](Network& net, H5File* file) {
        const auto& w = net.projection("inputs->neuron").weight;
        const double range = sp.w_max - sp.w_min;
        std::size_t low = 0, high = 0;
        for (float x : w) {
            if (x <= sp.w_min + margin * range) ++low;
            if (x >= sp.w_max - margin * range) ++high;
        }
        const double frac = static_cast<double>(low + high) / static_cast<double>(w.size());
        const auto r = rate->rates_hz();
        Curve rc{"output_rate", "output rate", "time (s)", "rate (Hz)", {}, {}, false};
        for (std::size_t b = 0; b < r.size(); ++b) rc.x.push_back((static_cast<double>(b) + 0.5) * rate->bin_ms() * 1e-3);
        rc.series = {{"output_rate", r}};
        write_curve(file, rc);
        // weight histogram, 20 bins over [w_min, w_max]
        Curve hist{"weight_distribution", "final weights (fraction of g_max)", "w / w_max", "synapses", {}, {}, false};
        std::vector<double> counts(20, 0);
        for (float x : w) counts[std::min<std::size_t>(19, static_cast<std::size_t>((x - sp.w_min) / range * 20))] += 1;
        for (int b = 0; b < 20; ++b) hist.x.push_back((b + 0.5) / 20);
        hist.series = {{"synapses", counts}};
        write_curve(file, hist);
        Analysis a;
        std::ostringstream os;
        os << std::fixed << std::setprecision(3);
        os << "  final weights: " << low << " near w_min, " << high << " near w_max (within " << margin * 100
           << "% of the range): fraction near the bounds " << frac << "\n";
        if (!r.empty())
            os << "  output rate: first " << std::setprecision(0) << rate->bin_ms() / 1000 << " s " << std::setprecision(2)
               << r.front() << " Hz, last " << r.back() << " Hz\n";
        a.json = {{"fraction_near_bounds", frac}, {"near_w_min", low}, {"near_w_max", high},
                  {"output_rate_hz", r}, {"weight_histogram", counts}};
        a.text = os.str();
        return a;
    };
    return out;
}

}  // namespace

Experiment stdp_competition_experiment() {
    return {"stdp_competition", "Song, Miller & Abbott 2000: additive STDP makes 1000 inputs compete; bimodal weights", schema, build, {}, {}};
}

}  // namespace plastica
