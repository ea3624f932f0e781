#pragma once
// Experiment — one runnable experiment: a name, a documented parameter schema, and a function
// that builds its network from a Config. The `plastica` command line finds experiments here.
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/config.hpp"
#include "sim/hdf5.hpp"
#include "sim/monitor.hpp"
#include "sim/network.hpp"

namespace plastica {

/// Weights of a projection to snapshot during a run (sim/weight_recorder.hpp).
struct WeightRecording {
    std::string projection;
    double interval_ms = 1000;
    std::vector<std::uint64_t> synapses;  ///< positions in the projection (empty: all)
};

/// What an experiment's own analysis adds to a run: lines for the summary, fields for the JSON
/// report (the analysis also writes its datasets to the file, when there is one).
struct Analysis {
    std::string text;
    nlohmann::json json = nlohmann::json::object();
};

/// What a spiking experiment hands to the shared runner.
struct SpikingSetup {
    std::unique_ptr<Network> net;
    double duration_ms = 1000;
    double stats_start_ms = 0;     ///< spikes before this time are left out of the statistics
    double synchrony_bin_ms = 5;
    std::vector<std::string> recorded;  ///< populations whose spikes are written
    std::string title;             ///< one line naming the network, printed first
    std::vector<WeightRecording> weights;            ///< weight snapshots written to the file
    std::vector<std::shared_ptr<Monitor>> monitors;  ///< the experiment's own monitors
    /// Called after the run with the network and the output file (null under `plastica bench`).
    std::function<Analysis(Network&, H5File*)> analyse;
};

struct RunOptions;

/// One runnable experiment. A spiking experiment gives `build` and the shared runner
/// (spiking_run.hpp) does the rest; any other kind gives `run`.
struct Experiment {
    std::string name;
    std::string summary;  ///< one line for `plastica list`
    std::function<std::vector<ParamSpec>()> schema;
    std::function<SpikingSetup(const Config&)> build;
    /// Runs the whole experiment; prints its summary (or JSON) on `out`, progress on `err`.
    std::function<void(const Config&, const RunOptions&, std::ostream& out, std::ostream& err, bool json)> run;
    /// Optional TOML defaults that depend on the config so far (e.g. per task), applied after the
    /// schema's defaults and before the config file and --set.
    std::function<std::string(const Config&)> preset;
    /// Its own `run` continues a stopped run from `--resume FILE` (compare); for the others
    /// `--resume` is refused. Spiking experiments always resume (the shared runner).
    bool resumes = false;
};

/// Every registered experiment.
const std::vector<Experiment>& experiments();
/// The experiment called `name`; throws Error listing the known ones.
const Experiment& find_experiment(const std::string& name);

/// Keys every spiking experiment has: dt, duration, seed, recording and statistics options.
std::vector<ParamSpec> common_spiking_schema(double duration_ms);

/// Registered by each experiment's file.
Experiment vogels_abbott_experiment();
Experiment brunel_experiment();
Experiment mlp_experiment();
Experiment compare_experiment();
Experiment stdp_window_experiment();
Experiment stdp_competition_experiment();
Experiment stp_synapse_experiment();
Experiment oja_pca_experiment();
Experiment bcm_selectivity_experiment();
Experiment inhibitory_balance_experiment();
Experiment reward_stdp_experiment();
Experiment firing_patterns_experiment();
Experiment fi_curve_experiment();
Experiment cobahh_experiment();
Experiment network_experiment();

}  // namespace plastica
