#include "experiments/resume_config.hpp"

#include <algorithm>

#include "sim/error.hpp"

namespace plastica {

void check_resumed_config(const Experiment& exp, const Config& cfg, const std::string& path, const CheckpointInfo& info,
                          const std::vector<std::string>& may_change) {
    Config saved(exp.schema(), path);
    const auto it = info.find("config");
    saved.load_text(it == info.end() ? "" : it->second, path);
    std::string allowed;
    for (const auto& k : may_change) allowed += (allowed.empty() ? "" : ", ") + k;
    for (const auto& spec : exp.schema()) {
        if (std::find(may_change.begin(), may_change.end(), spec.key) != may_change.end()) continue;
        if (saved.text_of(spec.key) != cfg.text_of(spec.key))
            throw Error(cfg.origin(spec.key), spec.key, cfg.text_of(spec.key),
                        "differs from the checkpoint's " + saved.text_of(spec.key) + " (" + path + "); a resumed run may change only " + allowed);
    }
}

}  // namespace plastica
