#pragma once
// Encoders: from a sample (features in [0, 1]) to input spikes for the spiking learners.
//
//   PoissonEncoder  rate coding: input i fires as a Poisson process at x_i * max_rate_hz for
//                   presentation_ms, then all inputs are silent for rest_ms so that the network
//                   relaxes before the next sample (Diehl & Cook 2015: 350 ms + 150 ms, pixel
//                   intensity / 4 Hz, i.e. 63.75 Hz at full intensity). The spikes come from a
//                   poisson_source population whose rates the encoder sets between runs; their
//                   randomness is the engine's counter-based streams, so the spikes depend on the
//                   seed and the step only.
//   LatencyEncoder  time-to-first-spike coding: input i fires once, at t_i = window_ms (1 - x_i)
//                   rounded to the step grid (brighter first), if x_i > threshold; nothing
//                   otherwise (Thorpe et al. 2001; Rueckauer & Liu 2018).
#include <string>
#include <vector>

#include "bridges/dataset.hpp"
#include "models/poisson_source.hpp"

namespace plastica {

/// Poisson rate coding of a sample.
struct PoissonEncoder {
    double max_rate_hz = 63.75;     ///< rate of a feature equal to 1 (Hz)
    double presentation_ms = 350;   ///< how long a sample is shown
    double rest_ms = 150;           ///< silence after each sample

    /// Checks the parameters (rates >= 0, presentation > 0, rest >= 0); Error naming `where`.
    void validate(const std::string& where) const;
    /// The rate of every input for sample j of `d` (Hz), scaled by `gain` (Diehl & Cook raise it
    /// when a sample drives too few spikes).
    std::vector<double> rates(const Dataset& d, Eigen::Index j, double gain = 1.0) const;
    /// Shows sample j on `source` from step `now` (the source must have one neuron per feature).
    void present(PoissonSource& source, Step now, const Dataset& d, Eigen::Index j, double gain = 1.0) const;
    /// Silences `source` from step `now` (the rest period).
    static void silence(PoissonSource& source, Step now);
};

/// A spike of an input neuron at a step offset from the start of the presentation.
struct InputSpike {
    Step step;     ///< steps after the start of the presentation (the spike is emitted by that update)
    Index neuron;
};

/// Time-to-first-spike coding of a sample.
struct LatencyEncoder {
    double window_ms = 50;   ///< latency of a feature equal to 0 (its spike would come last)
    double threshold = 0;    ///< features at or below it do not fire

    void validate(const std::string& where) const;
    /// The spikes of sample j, sorted by time (then neuron), for steps of `dt` ms.
    std::vector<InputSpike> spikes(const Dataset& d, Eigen::Index j, double dt) const;
};

}  // namespace plastica
