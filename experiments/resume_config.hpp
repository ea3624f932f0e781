#pragma once
// What a resumed run may change. `--resume FILE` takes the config from the checkpoint (load_config
// reads it under the user's own settings); a setting the user gave that differs from the
// checkpoint's in a key the continuation cannot honour is refused with one line naming the key,
// both values and the checkpoint, instead of continuing a different run bit for bit wrongly.
// Spiking runs may change only `duration` (a run can be extended); `compare` only which
// learners run and where to stop.
#include <string>
#include <vector>

#include "experiments/experiment.hpp"
#include "sim/checkpoint.hpp"
#include "sim/config.hpp"

namespace plastica {

/// Throws Error when `cfg` differs from the config saved in `info` (the checkpoint at `path`) in
/// a key not listed in `may_change`.
void check_resumed_config(const Experiment& exp, const Config& cfg, const std::string& path, const CheckpointInfo& info,
                          const std::vector<std::string>& may_change);

}  // namespace plastica
