// fi_curve — the frequency-current curve of any neuron model: one single-neuron population per
// current value, each with that constant current (the model's i_e), the rate counted after a
// transient. The rheobase (the smallest constant current that makes the neuron fire repetitively,
// i.e. at least two spikes in the counting window) is bracketed on the grid and then refined by
// bisection with further single-neuron runs, to `rheobase.tolerance`.
//
// Model parameters are keys "<model>.<parameter>" for every model (`plastica run fi_curve --help`
// lists them with their defaults and units); the current is in the model's unit for i_e.
#include <cmath>
#include <iomanip>
#include <sstream>

#include "experiments/curves.hpp"
#include "experiments/experiment.hpp"
#include "models/registry.hpp"
#include "sim/network_spec.hpp"
#include "sim/recorders.hpp"
#include "sim/simulator.hpp"

namespace plastica {

namespace {

/// The models the curve can drive: those with a constant input current i_e.
std::vector<std::string> drivable_models() {
    std::vector<std::string> out;
    for (const auto& m : neuron_model_names())
        for (const auto& f : neuron_model_params(m))
            if (f.name == "i_e") {
                out.push_back(m);
                break;
            }
    return out;
}

std::vector<ParamSpec> schema() {
    auto s = common_spiking_schema(1200);
    const std::vector<ParamSpec> more = {
        ParamSpec::text("model", "lif_curr_exp", drivable_models(), "neuron model (those with a constant current i_e to sweep)"),
        ParamSpec::text("preset", "", {}, "named parameter set of the model (plastica models lists them; empty: none); "
                        "its protocol current is not used, the curve sweeps i_e; <model>.<parameter> keys still override it"),
        ParamSpec::number("current.min", 0, "", "smallest current (the model's i_e unit)"),
        ParamSpec::number("current.max", 1000, "", "largest current (the model's i_e unit)"),
        ParamSpec::integer("current.points", 41, "", "currents on the grid, evenly spaced").at_least(2),
        ParamSpec::number("transient", 200, "ms", "spikes before this time are not counted").at_least(0),
        ParamSpec::number("rheobase.tolerance", 0.1, "", "width of the final rheobase bracket (i_e unit)").positive(),
    };
    s.insert(s.end(), more.begin(), more.end());
    for (const auto& m : neuron_model_names())
        for (const auto& f : neuron_model_params(m))
            if (f.name != "i_e") s.push_back(ParamSpec::number(m + "." + f.name, f.default_value, f.unit, m + ": " + f.doc));
    return s;
}

/// Defaults that depend on the model: the Izhikevich model's current is in mV/ms and its
/// rheobase near 4; a named parameter set (`preset`) sets every parameter but i_e.
std::string preset(const Config& c) {
    const std::string model = c.text("model"), set = c.text("preset");
    std::string t = model == "izhikevich" ? "current.max = 20.0\nrheobase.tolerance = 0.01\n" : "";
    if (!set.empty())
        for (const auto& [k, v] : neuron_model_preset(model, set, c.origin("preset")))
            if (k != "i_e") {
                t += model;
                t += "." + k + " = " + value_text(Config::Value(v)) + "\n";
            }
    return t;
}

/// Population name of the k-th current ("i<k>"; appended, since GCC 12 misreports
/// `"i" + std::to_string(k)` under -Wrestrict, GCC bug 105651).
std::string pop_name(std::size_t k) {
    std::string s = "i";
    s += std::to_string(k);
    return s;
}

std::map<std::string, double> model_params(const Config& c, const std::string& model) {
    std::map<std::string, double> p;
    for (const auto& f : neuron_model_params(model))
        if (f.name != "i_e") p[f.name] = c.number(model + "." + f.name);
    return p;
}

/// Rate (Hz) of a spike train after `transient`; 0 unless it fires repetitively (two spikes).
double rate_after(const std::vector<double>& times_ms, double duration, double transient) {
    std::size_t n = 0;
    for (double t : times_ms) n += t > transient;
    return n >= 2 ? 1000.0 * static_cast<double>(n) / (duration - transient) : 0.0;
}

/// One single-neuron population of `model` per current, each named pop_name(k), with a spike
/// recorder each: the grid of the main run and the bisection runs alike.
std::vector<std::shared_ptr<SpikeRecorder>> add_current_populations(Network& net, const std::string& model,
                                                                    const std::map<std::string, double>& params,
                                                                    const std::vector<double>& currents) {
    std::vector<std::shared_ptr<SpikeRecorder>> rec;
    for (std::size_t k = 0; k < currents.size(); ++k) {
        auto values = params;
        values["i_e"] = currents[k];
        PopulationSpec p;
        p.name = pop_name(k);
        p.model = model;
        p.size = 1;
        for (const auto& [name, v] : values) p.params.emplace_back(name, std::vector<double>{v});
        add_population(net, p);
        rec.push_back(std::make_shared<SpikeRecorder>(pop_name(k)));
    }
    return rec;
}

/// Rates (Hz) after `transient` of single neurons driven by each current, in one network.
std::vector<double> rates(const std::string& model, const std::map<std::string, double>& params, const std::vector<double>& currents,
                          double dt, double duration, double transient) {
    Network net(dt, 1);
    const auto rec = add_current_populations(net, model, params, currents);
    Simulator sim(net, 1);
    for (auto& r : rec) sim.add_monitor(*r);
    sim.run(duration);
    std::vector<double> out;
    for (auto& r : rec) out.push_back(rate_after(r->times_ms(), duration, transient));
    return out;
}

SpikingSetup build(const Config& c) {
    SpikingSetup out;
    const std::string model = c.text("model");
    const double dt = c.number("dt"), lo = c.number("current.min"), hi = c.number("current.max");
    const double duration = c.number("duration"), transient = c.number("transient");
    if (!(lo < hi)) throw Error(c.origin("current.max"), "current.max", to_text(hi), "must exceed current.min = " + to_text(lo));
    if (!(transient < duration)) throw Error(c.origin("transient"), "transient", to_text(transient), "must be shorter than duration = " + to_text(duration) + " ms");
    const auto n = c.integer_as<std::size_t>("current.points");
    std::vector<double> currents;
    for (std::size_t k = 0; k < n; ++k) currents.push_back(lo + (hi - lo) * static_cast<double>(k) / static_cast<double>(n - 1));
    const auto params = model_params(c, model);
    out.net = std::make_unique<Network>(dt, c.integer_as<std::uint32_t>("seed"));
    auto recorders = std::make_shared<std::vector<std::shared_ptr<SpikeRecorder>>>(add_current_populations(*out.net, model, params, currents));
    out.monitors.assign(recorders->begin(), recorders->end());
    out.duration_ms = duration;
    out.stats_start_ms = c.number("stats.start");
    out.synchrony_bin_ms = c.number("stats.synchrony_bin");
    out.title = "f-I curve of " + model + (c.text("preset").empty() ? "" : " (" + c.text("preset") + ")") + ": " + std::to_string(n) + " currents from " + to_text(lo) + " to " + to_text(hi);
    const double tol = c.number("rheobase.tolerance");
    std::string unit;
    for (const auto& f : neuron_model_params(model))
        if (f.name == "i_e") unit = f.unit;
    out.analyse = [=](Network&, H5File* file) {
        std::vector<double> f;
        for (const auto& r : *recorders) f.push_back(rate_after(r->times_ms(), duration, transient));
        // rheobase: bracket on the grid, then bisection with single-neuron runs
        std::size_t first = 0;
        while (first < n && f[first] == 0) ++first;
        double rheobase = NAN;
        if (first < n && first > 0) {
            double a = currents[first - 1], b = currents[first];
            while (b - a > tol) {
                const double m = 0.5 * (a + b);
                (rates(model, params, {m}, dt, duration, transient)[0] > 0 ? b : a) = m;
            }
            rheobase = b;
        } else if (first == 0) {
            rheobase = currents[0];  // fires already at the smallest current: an upper bound
        }
        write_curve(file, {"fi", "firing rate against injected current", "current (" + unit + ")", "rate (Hz)",
                           currents, {{"rate", f}}});
        Analysis a;
        std::ostringstream os;
        os << std::fixed << std::setprecision(3);
        if (std::isnan(rheobase))
            os << "  no repetitive firing up to current " << hi << "\n";
        else if (first == 0)
            os << "  fires at the smallest current " << currents[0] << ": the rheobase is below it\n";
        else
            os << "  rheobase: " << rheobase << " " << unit << " (within " << tol << "), rate at the largest current " << f.back() << " Hz\n";
        a.text = os.str();
        a.json = {{"model", model}, {"current_unit", unit}, {"currents", currents}, {"rates_hz", f}, {"rheobase", std::isnan(rheobase) ? nlohmann::json() : nlohmann::json(rheobase)},
                  {"rheobase_is_upper_bound", first == 0}};
        return a;
    };
    return out;
}

}  // namespace

Experiment fi_curve_experiment() {
    return {"fi_curve", "frequency-current curve of any neuron model, with its rheobase", schema, build, {}, preset};
}

}  // namespace plastica
