// stp_synapse — Tsodyks-Markram short-term plasticity: a regular spike train and a later
// recovery probe through a depressing and a facilitating synapse, each onto its own
// non-spiking lif_curr_exp neuron. The amplitude of every transmitted spike is read from the
// jump of the postsynaptic current (sampled each step) and compared with the model's
// recursion (plasticity/short_term.hpp) written out (plasticity/explicit_sums.hpp).
//   depressing:   U = 0.5, tau_rec = 800 ms, no facilitation (Tsodyks & Markram 1997)
//   facilitating: U = 0.03, tau_rec = 130 ms, tau_facil = 530 ms (Markram, Wang & Tsodyks 1998)
// Both are config keys; so are the train's rate and length and the probe's delay.
#include <cmath>
#include <iomanip>
#include <sstream>

#include "experiments/curves.hpp"
#include "experiments/experiment.hpp"
#include "models/lif_curr_exp.hpp"
#include "experiments/model_config.hpp"
#include "plasticity/explicit_sums.hpp"
#include "plasticity/short_term.hpp"
#include "sim/network_spec.hpp"
#include "sim/recorders.hpp"

namespace plastica {

namespace {

const char* const kKinds[] = {"depressing", "facilitating"};

std::vector<ParamSpec> schema() {
    std::vector<ParamSpec> s;
    for (auto& p : common_spiking_schema(0))
        if (p.key != "duration" && p.key != "stats.start") s.push_back(p);
    const std::vector<ParamSpec> more = {
        ParamSpec::number("rate", 20, "Hz", "rate of the regular spike train").positive(),
        ParamSpec::integer("spikes", 10, "", "spikes in the train").at_least(1),
        ParamSpec::number("probe_delay", 500, "ms", "time from the train's last spike to the recovery probe").positive(),
        ParamSpec::number("weight", 100, "pA", "synaptic weight (the amplitude of a fully recovered synapse at u = 1)").positive(),
        ParamSpec::number("tau_syn", 2, "ms", "decay of the postsynaptic current").positive(),
        ParamSpec::number("depressing.u", 0.5, "", "depressing synapse: utilisation U").positive(),
        ParamSpec::number("depressing.tau_rec", 800, "ms", "depressing synapse: recovery time constant").positive(),
        ParamSpec::number("depressing.tau_facil", 0, "ms", "depressing synapse: facilitation time constant").at_least(0),
        ParamSpec::number("facilitating.u", 0.03, "", "facilitating synapse: utilisation U").positive(),
        ParamSpec::number("facilitating.tau_rec", 130, "ms", "facilitating synapse: recovery time constant").positive(),
        ParamSpec::number("facilitating.tau_facil", 530, "ms", "facilitating synapse: facilitation time constant").at_least(0),
    };
    s.insert(s.end(), more.begin(), more.end());
    return s;
}

SpikingSetup build(const Config& c) {
    SpikingSetup out;
    const double dt = c.number("dt"), period = 1000.0 / c.number("rate");
    std::vector<double> times;
    for (std::int64_t n = 0; n < c.integer("spikes"); ++n) times.push_back(std::round((10 + static_cast<double>(n) * period) / dt) * dt);
    times.push_back(std::round((times.back() + c.number("probe_delay")) / dt) * dt);
    NetworkSpec spec;
    spec.dt = dt;
    spec.seed = c.integer_as<std::uint32_t>("seed");
    PopulationSpec train;
    train.name = "train";
    train.model = "spike_source_array";
    train.size = 1;
    train.spike_times_ms = {times};
    spec.populations.push_back(train);
    LifCurrExp::Params np;
    np.v_th = 1e9;  // passive: only the current is read
    np.tau_syn_exc = c.number("tau_syn");
    const double w = c.number("weight");
    std::vector<TsodyksMarkramRule::Params> params;
    for (const char* k : kKinds) {
        const std::string kind = k;
        PopulationSpec cell;
        cell.name = kind;
        cell.model = LifCurrExp::name;
        cell.size = 1;
        cell.params = {{"v_th", {np.v_th}}, {"tau_syn_exc", {np.tau_syn_exc}}};
        spec.populations.push_back(cell);
        params.push_back({c.number(kind + ".u"), c.number(kind + ".tau_rec"), c.number(kind + ".tau_facil")});
        spec.projections.push_back({"train", kind, "", ConnectionRule::all_to_all(), {Receptor::exc, Distribution::constant(w), Distribution::constant(dt)},
                                    {{TsodyksMarkramRule::kName, param_values(TsodyksMarkramRule::fields(), {}, params.back())}}, "", {}, {}});
    }
    out.net = build_network(spec);
    auto rec_d = std::make_shared<StateRecorder>("depressing", "i_exc", std::vector<Index>{0}, dt);
    auto rec_f = std::make_shared<StateRecorder>("facilitating", "i_exc", std::vector<Index>{0}, dt);
    out.monitors = {rec_d, rec_f};
    out.duration_ms = std::ceil((times.back() + 20) / dt) * dt;
    out.synchrony_bin_ms = c.number("stats.synchrony_bin");
    if (c.boolean("record.spikes")) out.recorded = {"train"};
    out.title = "Tsodyks-Markram synapses: " + std::to_string(c.integer("spikes")) + " spikes at " + to_text(c.number("rate")) +
                " Hz and a probe " + to_text(c.number("probe_delay")) + " ms later";
    const double decay = std::exp(-dt / np.tau_syn_exc);
    out.analyse = [times, params, w, decay, rec_d, rec_f](Network&, H5File* file) {
        Analysis a;
        std::ostringstream os;
        os << std::fixed << std::setprecision(3);
        Curve amp{"amplitudes", "amplitude of each transmitted spike", "spike", "PSC amplitude (pA)", {}, {}, false};
        Curve psc{"psc", "postsynaptic current", "time (ms)", "current (pA)", rec_d->times_ms(), {}, false};
        for (std::size_t n = 0; n < times.size(); ++n) amp.x.push_back(static_cast<double>(n + 1));
        double max_err = 0;
        for (int k = 0; k < 2; ++k) {
            const auto& v = (k == 0 ? rec_d : rec_f)->values();
            // a spike arriving in a step shows as i[s] - i[s-1] e^{-dt/tau} after one step of decay
            std::vector<double> got;
            for (std::size_t s = 1; s < v.size(); ++s) {
                const double jump = v[s] - v[s - 1] * decay;
                if (jump > 1e-9 * w) got.push_back(jump / decay);
            }
            const auto ref = explicit_sums::tsodyks_markram(params[static_cast<std::size_t>(k)], w, times);
            if (got.size() != ref.size()) throw Error("stp_synapse", kKinds[k], std::to_string(got.size()), "PSC jumps seen, expected " + std::to_string(ref.size()));
            for (std::size_t n = 0; n < ref.size(); ++n) max_err = std::max(max_err, std::fabs(got[n] - ref[n]) / ref[n]);
            const std::string kind = kKinds[k];
            amp.series.push_back({kind, got});
            amp.series.push_back({"expected_" + kind, ref});
            psc.series.push_back({kind, v});
            os << "  " << std::left << std::setw(13) << kind << std::right << " amplitudes (pA): first " << got.front() << ", last of train "
               << got[got.size() - 2] << ", probe " << got.back() << "  (recursion: " << ref.front() << ", " << ref[ref.size() - 2]
               << ", " << ref.back() << ")\n";
            a.json[kind] = {{"amplitudes_pa", got}, {"expected_pa", ref}};
        }
        os << "  largest relative difference from the recursion: " << std::scientific << std::setprecision(2) << max_err << "\n";
        a.json["max_rel_error"] = max_err;
        write_curve(file, amp);
        write_curve(file, psc);
        a.text = os.str();
        return a;
    };
    return out;
}

}  // namespace

Experiment stp_synapse_experiment() {
    return {"stp_synapse", "Tsodyks-Markram depressing and facilitating synapses vs the closed-form recursion", schema, build, {}, {}};
}

}  // namespace plastica
