#include "bridges/encoders.hpp"

#include <algorithm>
#include <cmath>

#include "sim/check.hpp"

namespace plastica {

void PoissonEncoder::validate(const std::string& where) const {
    check::non_negative(where, "encoder.max_rate", max_rate_hz);
    check::positive(where, "encoder.presentation", presentation_ms);
    check::non_negative(where, "encoder.rest", rest_ms);
}

std::vector<double> PoissonEncoder::rates(const Dataset& d, Eigen::Index j, double gain) const {
    std::vector<double> r(static_cast<std::size_t>(d.features()));
    for (Eigen::Index i = 0; i < d.features(); ++i)
        r[static_cast<std::size_t>(i)] = std::max(0.0, static_cast<double>(d.x(i, j))) * max_rate_hz * gain;
    return r;
}

void PoissonEncoder::present(PoissonSource& source, Step now, const Dataset& d, Eigen::Index j, double gain) const {
    if (source.size() != d.features())
        throw Error("population '" + source.name() + "'", "size", std::to_string(source.size()),
                    "does not match the task's " + std::to_string(d.features()) + " input features");
    source.set_rates(now, rates(d, j, gain));
}

void PoissonEncoder::silence(PoissonSource& source, Step now) { source.set_rates(now, {0.0}); }

void LatencyEncoder::validate(const std::string& where) const {
    check::positive(where, "encoder.window", window_ms);
    check::non_negative(where, "encoder.threshold", threshold);
}

std::vector<InputSpike> LatencyEncoder::spikes(const Dataset& d, Eigen::Index j, double dt) const {
    std::vector<InputSpike> out;
    const double steps = window_ms / dt;
    for (Eigen::Index i = 0; i < d.features(); ++i) {
        const double x = std::clamp(static_cast<double>(d.x(i, j)), 0.0, 1.0);
        if (x <= threshold) continue;
        // the spike emitted by update step s carries time (s + 1) dt: a latency L fires in step
        // round(L / dt) - 1, at least step 0
        const auto s = static_cast<Step>(std::max(0.0, std::nearbyint(steps * (1 - x)) - 1));
        out.push_back({s, static_cast<Index>(i)});
    }
    std::sort(out.begin(), out.end(), [](const InputSpike& a, const InputSpike& b) { return a.step != b.step ? a.step < b.step : a.neuron < b.neuron; });
    return out;
}

}  // namespace plastica
