#pragma once
// Learning-rate schedules, applied per epoch e = 0, 1, ... (as PyTorch's lr_scheduler stepped once
// per epoch):
//   constant  lr_e = lr
//   step      lr_e = lr gamma^floor(e / step_size)                        (StepLR)
//   cosine    lr_e = min_lr + (lr - min_lr) (1 + cos(pi e / epochs)) / 2  (CosineAnnealingLR,
//             Loshchilov & Hutter 2017, eq. 5, without restarts)
#include <cmath>
#include <cstdint>
#include <string>

#include "sim/check.hpp"

namespace plastica::rate {

/// Learning rate as a function of the epoch.
struct Schedule {
    std::string kind = "constant";  ///< constant, step, cosine
    double lr = 1e-3;               ///< initial learning rate
    std::int64_t step_size = 1;     ///< step: epochs between decays
    double gamma = 0.1;             ///< step: decay factor
    double min_lr = 0;              ///< cosine: final learning rate
    std::int64_t epochs = 1;        ///< cosine: length of the half period

    void validate(const std::string& where) const {
        if (kind != "constant" && kind != "step" && kind != "cosine")
            throw Error(where, "schedule", kind, "unknown schedule (known: constant, step, cosine)");
        check::positive(where, "lr", lr);
        if (step_size < 1) throw Error(where, "step_size", std::to_string(step_size), "must be at least 1");
        check::positive(where, "gamma", gamma);
        check::non_negative(where, "min_lr", min_lr);
        if (epochs < 1) throw Error(where, "epochs", std::to_string(epochs), "must be at least 1");
    }
    double at(std::int64_t epoch) const {
        if (kind == "step") return lr * std::pow(gamma, static_cast<double>(epoch / step_size));
        if (kind == "cosine")
            return min_lr + (lr - min_lr) * (1 + std::cos(M_PI * static_cast<double>(epoch) / static_cast<double>(epochs))) / 2;
        return lr;
    }
};

}  // namespace plastica::rate
