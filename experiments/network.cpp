// network — a network of the user's own, from a network file (sim/network_file.hpp): any models,
// sources, connection rules and plasticity rules by name, run by the shared spiking runner
// (progress, SONATA spikes, summary statistics, raster and rate plots) with no C++ to write.
// dt, seed and duration are the run's keys, as in every experiment; the file holds the network.
// Sampled state variables ([record] state) are written as curves, one trace per neuron, and
// drawn beside the raster.
#include "experiments/curves.hpp"
#include "experiments/experiment.hpp"
#include "sim/network_file.hpp"
#include "sim/recorders.hpp"

namespace plastica {

namespace {

std::vector<ParamSpec> schema() {
    auto s = common_spiking_schema(1000);
    s.push_back(ParamSpec::text("network", "", {},
                                "network file (TOML with [[population]], [[projection]] and [record]; see README, Networks as data)"));
    return s;
}

SpikingSetup build(const Config& c) {
    const std::string path = c.text("network");
    if (path.empty()) throw Error(c.origin("network"), "network", "\"\"", "names no network file (--set network=net.toml)");
    NetworkSpec spec = read_network_file(path);
    spec.dt = c.number("dt");
    spec.seed = c.integer_as<std::uint32_t>("seed");
    SpikingSetup out;
    out.net = build_network(spec);
    out.duration_ms = c.number("duration");
    out.stats_start_ms = c.number("stats.start");
    out.synchrony_bin_ms = c.number("stats.synchrony_bin");
    if (c.boolean("record.spikes")) {
        out.recorded = spec.record_spikes;
        if (out.recorded.empty())  // no [record] spikes: every population's
            for (const auto& p : spec.populations) out.recorded.push_back(p.name);
    }
    for (const auto& w : spec.record_weights) out.weights.push_back({w.projection, w.interval_ms, {}});
    std::vector<std::shared_ptr<StateRecorder>> state;
    for (const auto& r : spec.record_state) {
        state.push_back(std::make_shared<StateRecorder>(r.population, r.variable, r.neurons, r.interval_ms));
        out.monitors.push_back(state.back());
    }
    out.title = "network from " + path + ": " + std::to_string(out.net->population_count()) + " populations, " +
                std::to_string(out.net->neuron_count()) + " neurons, " + std::to_string(out.net->synapse_count()) + " synapses";
    out.analyse = [state, spec](Network&, H5File* file) {
        Analysis a;
        for (std::size_t q = 0; q < state.size(); ++q) {
            const auto& r = spec.record_state[q];
            const StateRecorder& rec = *state[q];
            Curve cv{"state_" + r.population + "_" + r.variable, r.population + "." + r.variable + " of the sampled neurons", "time (ms)",
                     r.variable, rec.times_ms(), {}, false, true};
            const std::size_t cols = rec.neurons().size();
            for (std::size_t k = 0; k < cols; ++k) {
                std::vector<double> trace;
                for (std::size_t row = 0; row < rec.times_ms().size(); ++row) trace.push_back(rec.values()[row * cols + k]);
                cv.series.emplace_back("neuron_" + std::to_string(rec.neurons()[k]), std::move(trace));
            }
            write_curve(file, cv);
            a.text += "  sampled " + r.population + "." + r.variable + ": " + std::to_string(cols) + " neurons x " +
                      std::to_string(rec.times_ms().size()) + " samples\n";
        }
        return a;
    };
    return out;
}

}  // namespace

Experiment network_experiment() {
    return {"network", "a network of your own from a TOML network file (--set network=net.toml): models, sources, rules by name", schema, build,
            {}, {}};
}

}  // namespace plastica
