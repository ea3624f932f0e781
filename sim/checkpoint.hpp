#pragma once
// Checkpoints — the whole running state of a network and of the monitors attached to it, in an
// HDF5 file of its own:
//   /plastica/checkpoint@{format, version, fingerprint, step, time_ms, ...}   what it is of
//   /plastica/checkpoint/state/<entry>                                       one dataset per
//       StateIO entry (sim/state_io.hpp), native type, e.g. state/populations/exc/v
// A checkpoint is written to `<path>.tmp` and renamed over `path` only when complete, so a run
// killed while writing one keeps the previous checkpoint intact. Loading checks the format,
// the version and the network's fingerprint (populations, models, sizes, projections, synapse
// counts, rules, dt, seed) and names the first line that differs; every entry is then checked
// for its type and length as it is loaded.
#include <map>
#include <string>
#include <vector>

#include "sim/hdf5.hpp"
#include "sim/monitor.hpp"
#include "sim/network.hpp"
#include "sim/state_io.hpp"

namespace plastica {

/// Text attributes stored with a checkpoint (experiment, config, output file, ...).
using CheckpointInfo = std::map<std::string, std::string>;

/// Saves the network's state, and each monitor's under "monitors/<i>", to `path` (atomically).
void save_checkpoint(const std::string& path, Network& net, const std::vector<Monitor*>& monitors, const CheckpointInfo& info);

/// Writes a checkpoint that holds only `info`, no network state: what a run whose state lives
/// elsewhere (compare keeps one file per learner) gives `--resume` to find it and its config.
void save_checkpoint_info(const std::string& path, const CheckpointInfo& info);

/// A checkpoint read from disk.
struct Checkpoint {
    std::string path;
    CheckpointInfo info;       ///< the text attributes saved with it
    Step step = 0;             ///< the network's clock when saved
    std::map<std::string, StateEntry> entries;
};

/// Only the text attributes of a checkpoint (experiment, config, ...).
CheckpointInfo read_checkpoint_info(const std::string& path);
/// Reads a checkpoint; Error naming the file when it is missing, not HDF5 or not a checkpoint.
Checkpoint read_checkpoint(const std::string& path);
/// Loads it into `net` (freshly built from the same description) and its monitors (attached,
/// in the order they were saved). Error naming what differs when the network is another one.
void load_checkpoint(const Checkpoint& cp, Network& net, const std::vector<Monitor*>& monitors);

/// Writes the entries of `io` as datasets under `group` of `f` (the layout of a checkpoint's
/// state; also how learners that run a network save it: bridges/stdp_wta.cpp).
void write_state(H5File& f, const std::string& group, const StateIO& io);
/// Reads every dataset below `group` as StateIO entries; Error naming the file when corrupt.
std::map<std::string, StateEntry> read_state(const H5Reader& r, const std::string& group);

/// The first line where two fingerprints differ, "" when they agree.
std::string fingerprint_difference(const std::string& saved, const std::string& now);

}  // namespace plastica
