// firing_patterns — every named Izhikevich (2003, Fig. 2) and AdEx (Naud et al. 2008, Table 1 /
// Fig. 4) parameter set under its protocol current: a constant current from t = 0, starting from
// the model's initial state (Izhikevich: v = c, u = b c, current `izhikevich.current`; AdEx:
// V = E_L, w = 0, the pattern's own current from Naud et al.'s table).
//
// Each pattern is one single-neuron population; its membrane trace is written as a curve (one PNG
// per pattern beside the HDF5 file) and its spike train is classified from the interspike
// intervals, after the categories of Naud et al. 2008 (Sec. 2.3 and Fig. 4): transient (no spike
// in the second half of the run), bursting (bursts end where an interval is more than three times
// the one before it, and every burst after the first has the same number of spikes), initial
// burst (one such end, within the first four intervals), irregular (coefficient of variation of the
// intervals after the third above 0.3), adapting / accelerating (last interval over 1.5 times /
// under 1/1.5 times the first, and the adaptation index A below beyond +0.005 / -0.005: the first
// interval after a start from rest can be short in a neuron that does not adapt, as Izhikevich's
// fast-spiking and resonator cells, A = 0.003-0.004, while the adapting sets reach 0.02-0.12),
// tonic otherwise; "delayed_" in front when the first spike comes
// later than two membrane time constants C / g_L (AdEx). Naud et al.'s adaptation index
// A = mean over k of (ISI_{k+1} - ISI_k) / (ISI_{k+1} + ISI_k) is reported beside.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <sstream>

#include "experiments/curves.hpp"
#include "experiments/experiment.hpp"
#include "models/adex.hpp"
#include "models/izhikevich.hpp"
#include "sim/network_spec.hpp"
#include "sim/recorders.hpp"

namespace plastica {

namespace {

std::vector<ParamSpec> schema() {
    auto s = common_spiking_schema(500);
    const std::vector<ParamSpec> more = {
        ParamSpec::number("izhikevich.current", 10, "mV/ms", "protocol current of the Izhikevich sets"),
        ParamSpec::number("record.v_interval", 0.1, "ms", "sampling interval of the membrane traces").positive(),
    };
    s.insert(s.end(), more.begin(), more.end());
    return s;
}

/// What a spike train looks like, from its intervals (see the file comment).
struct PatternStats {
    std::size_t spikes = 0;
    double latency_ms = NAN, adaptation = NAN, rate_hz = 0;
    std::string pattern;
};

/// |A| below this is no adaptation (see the file comment).
constexpr double kAdaptationIndex = 0.005;

PatternStats classify(const std::vector<Step>& steps, double dt, double duration_ms, double tau_m_ms) {
    PatternStats s;
    s.spikes = steps.size();
    s.rate_hz = 1000.0 * static_cast<double>(steps.size()) / duration_ms;
    if (steps.empty()) {
        s.pattern = "silent";
        return s;
    }
    s.latency_ms = spike_time_ms(steps.front(), dt);
    if (spike_time_ms(steps.back(), dt) < 0.5 * duration_ms || steps.size() < 3) {
        s.pattern = "transient";
        return s;
    }
    std::vector<double> isi;
    for (std::size_t k = 1; k < steps.size(); ++k) isi.push_back(static_cast<double>(steps[k] - steps[k - 1]) * dt);
    double a = 0;
    for (std::size_t k = 1; k < isi.size(); ++k) a += (isi[k] - isi[k - 1]) / (isi[k] + isi[k - 1]);
    s.adaptation = isi.size() > 1 ? a / static_cast<double>(isi.size() - 1) : 0.0;
    // burst ends: an interval more than three times the one before it
    std::vector<std::size_t> jumps;
    for (std::size_t k = 1; k < isi.size(); ++k)
        if (isi[k] > 3 * isi[k - 1]) jumps.push_back(k);
    bool periodic = jumps.size() >= 2;  // the same number of spikes in every burst after the first
    for (std::size_t j = 2; j < jumps.size(); ++j) periodic = periodic && jumps[j] - jumps[j - 1] == jumps[1] - jumps[0];
    double mean = 0, var = 0;
    const std::size_t from = std::min<std::size_t>(3, isi.size() - 1);
    for (std::size_t k = from; k < isi.size(); ++k) mean += isi[k];
    mean /= static_cast<double>(isi.size() - from);
    for (std::size_t k = from; k < isi.size(); ++k) var += (isi[k] - mean) * (isi[k] - mean);
    const double cv = std::sqrt(var / static_cast<double>(isi.size() - from)) / mean;
    const double change = isi.back() / isi.front();
    if (periodic)
        s.pattern = "bursting";
    else if (jumps.size() == 1 && jumps[0] <= 3)
        s.pattern = "initial_burst";
    else if (cv > 0.3)
        s.pattern = "irregular";
    else if (change > 1.5 && s.adaptation > kAdaptationIndex)
        s.pattern = "adapting";
    else if (change < 1 / 1.5 && s.adaptation < -kAdaptationIndex)
        s.pattern = "accelerating";
    else
        s.pattern = "tonic";
    if (tau_m_ms > 0 && s.latency_ms > 2 * tau_m_ms) s.pattern = "delayed_" + s.pattern;
    return s;
}

struct PatternRun {
    std::string population, model, set, doc;
    double tau_m_ms;  ///< C / g_L where the model has one (0: none)
    std::shared_ptr<SpikeRecorder> spikes;
    std::shared_ptr<StateRecorder> v;
};

SpikingSetup build(const Config& c) {
    SpikingSetup out;
    const double dt = c.number("dt"), every = c.number("record.v_interval");
    NetworkSpec spec;
    spec.dt = dt;
    spec.seed = c.integer_as<std::uint32_t>("seed");
    auto runs = std::make_shared<std::vector<PatternRun>>();
    // one single-neuron population per named parameter set, its parameters the set's
    auto add = [&](const std::string& name, const char* model, const std::map<std::string, double>& params, const std::string& set,
                   const std::string& doc, double tau_m) {
        PopulationSpec p;
        p.name = name;
        p.model = model;
        p.size = 1;
        for (const auto& [k, v] : params) p.params.emplace_back(k, std::vector<double>{v});
        spec.populations.push_back(std::move(p));
        PatternRun r{name, model == std::string(Izhikevich::name) ? "izhikevich" : "adex", set, doc, tau_m, std::make_shared<SpikeRecorder>(name),
                     std::make_shared<StateRecorder>(name, "v", std::vector<Index>{0}, every)};
        out.monitors.push_back(r.spikes);
        out.monitors.push_back(r.v);
        out.recorded.push_back(name);
        runs->push_back(std::move(r));
    };
    for (const auto& p : Izhikevich::presets()) {
        Izhikevich::Params q = Izhikevich::preset(p.name, c.origin("izhikevich.current"));
        q.i_e = c.number("izhikevich.current");
        add(std::string("izhikevich_") + p.name, Izhikevich::name, param_values(Izhikevich::fields(), {}, q), p.name, p.doc, 0.0);
    }
    for (const auto& p : AdExCurrExp::presets())
        add(std::string("adex_") + p.name, AdExCurrExp::name, param_values(AdExCurrExp::fields(), {}, AdExCurrExp::preset(p.name, "firing_patterns")), p.name,
            p.doc, p.c_m / p.g_l);
    out.net = build_network(spec);
    out.duration_ms = c.number("duration");
    out.stats_start_ms = c.number("stats.start");
    out.synchrony_bin_ms = c.number("stats.synchrony_bin");
    out.title = "Firing patterns: " + std::to_string(Izhikevich::presets().size()) + " Izhikevich (2003) and " +
                std::to_string(AdExCurrExp::presets().size()) + " AdEx (Naud et al. 2008) parameter sets under constant current";
    const double duration = out.duration_ms;
    out.analyse = [runs, dt, duration](Network&, H5File* file) {
        Analysis a;
        std::ostringstream os;
        os << "  " << std::left << std::setw(34) << "population" << std::right << std::setw(7) << "spikes" << std::setw(13) << "latency ms"
           << std::setw(11) << "rate Hz" << std::setw(12) << "adaptation" << "   class\n";
        a.json = nlohmann::json::object();
        for (const auto& r : *runs) {
            const PatternStats s = classify(r.spikes->steps(), dt, duration, r.tau_m_ms);
            os << "  " << std::left << std::setw(34) << r.population << std::right << std::setw(7) << s.spikes << std::fixed
               << std::setprecision(1) << std::setw(13) << s.latency_ms << std::setw(11) << s.rate_hz << std::setprecision(3)
               << std::setw(12) << s.adaptation << "   " << s.pattern << "\n";
            a.json[r.population] = {{"model", r.model}, {"set", r.set}, {"spikes", s.spikes}, {"latency_ms", std::isnan(s.latency_ms) ? nlohmann::json() : nlohmann::json(s.latency_ms)},
                                    {"adaptation_index", std::isnan(s.adaptation) ? nlohmann::json() : nlohmann::json(s.adaptation)},
                                    {"rate_hz", s.rate_hz}, {"class", s.pattern}};
            Curve trace{r.population, r.model + " " + r.set + ": " + r.doc, "time (ms)", "v (mV)", r.v->times_ms(), {{"v", r.v->values()}}};
            trace.lines = true;
            write_curve(file, trace);
        }
        a.text = os.str();
        return a;
    };
    return out;
}

}  // namespace

Experiment firing_patterns_experiment() {
    return {"firing_patterns", "Izhikevich and AdEx firing patterns under their protocol currents, classified from their intervals", schema, build, {}, {}};
}

}  // namespace plastica
