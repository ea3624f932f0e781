#pragma once
// The shared driver of spiking experiments: loads the config, builds the network, attaches
// recorders and statistics, runs with a progress line on stderr, writes the HDF5 file
// (SONATA spikes, provenance, summary) and returns what the summary prints.
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "experiments/experiment.hpp"
#include "sim/spike_statistics.hpp"

namespace plastica {

/// Options from the command line that apply to every experiment.
struct RunOptions {
    std::string config_file;            ///< --config
    std::vector<std::string> sets;      ///< --set key=value, in order
    int threads = 0;                    ///< --threads (0: OpenMP default)
    std::optional<std::int64_t> seed;   ///< --seed
    std::string out_dir = "out";        ///< --out
    bool bench = false;                 ///< `plastica bench`: no output file, memory figures
    bool progress = true;               ///< progress line on stderr
    bool plots = true;                  ///< PNG plots beside the HDF5 file (plots.hpp)
    std::string command_line;           ///< recorded in the provenance
    bool overwrite = false;             ///< --overwrite: replace an earlier run's files in out_dir
    double checkpoint_every_ms = 0;     ///< --checkpoint-every (ms of biological time; 0: none)
    std::string resume;                 ///< --resume: checkpoint file to continue from
};

/// A run stopped by SIGINT or SIGTERM after writing its checkpoint: the CLI prints what() and
/// exits with 128 + signal (130 / 143).
struct Interrupted : std::runtime_error {
    Interrupted(const std::string& what, int signal) : std::runtime_error(what), signal(signal) {}
    int signal;
};

/// What one run measured.
struct RunReport {
    std::string experiment, title, h5_path;
    std::vector<PopulationStats> stats;
    std::uint64_t neurons = 0, synapses = 0, events = 0;
    double duration_ms = 0, build_s = 0, sim_s = 0;
    std::size_t synapse_bytes = 0;
    std::uint64_t plastic_synapses = 0;  ///< synapses of projections with rules
    std::size_t plastic_bytes = 0;       ///< their arrays and rule state
    double rss_before_bytes = 0, peak_rss_bytes = 0;
    int threads = 1;
    std::vector<std::string> plots;  ///< PNG files written
    Analysis analysis;               ///< the experiment's own results (SpikingSetup::analyse)
};

/// Config of `exp` from defaults, then (with --resume) the checkpoint's config, then --config,
/// then --set, then --seed.
Config load_config(const Experiment& exp, const RunOptions& opt);
/// Runs a spiking experiment; throws Error for invalid input.
RunReport run_spiking(const Experiment& exp, const Config& cfg, const RunOptions& opt, std::ostream& err);
/// The readable summary.
std::string format_summary(const RunReport& r, bool bench);
/// The report as one JSON object (for scripts).
std::string report_json(const RunReport& r);

/// Resident memory of this process: current and peak (bytes), from /proc/self/status.
double resident_bytes();
double peak_resident_bytes();

}  // namespace plastica
