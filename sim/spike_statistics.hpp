#pragma once
// SpikeStatistics — online summary statistics of a run's spikes, per population:
//   rate          mean firing rate (Hz)
//   cv_isi        mean over neurons with >= 2 inter-spike intervals of CV = sd(ISI)/mean(ISI)
//   synchrony     chi, the synchrony measure of Golomb (2007, Scholarpedia 2:1347) computed on
//                 spike counts in bins: chi^2 = Var_t(A(t)) / mean_i Var_t(n_i(t)), with n_i(t)
//                 the count of neuron i in bin t and A(t) its population mean. chi is near 0
//                 (about 1/sqrt(N)) for asynchronous firing and near 1 for full synchrony.
// O(1) work per spike and no spike storage, so it runs on networks of any size.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/monitor.hpp"

namespace plastica {

struct PopulationStats {
    std::string name;
    std::uint64_t neurons = 0, spikes = 0;
    double rate_hz = 0, cv_isi = 0, synchrony = 0;
    std::uint64_t neurons_with_cv = 0;
};

class SpikeStatistics : public Monitor {
public:
    /// `bin_ms`: bin width of the synchrony measure; `start_ms`: ignore spikes before this time
    /// (transient).
    explicit SpikeStatistics(double bin_ms = 5.0, double start_ms = 0.0) : bin_ms_(bin_ms), start_ms_(start_ms) {}
    void attach(const Network& net) override;
    void on_spikes(Step t, const StepSpikes& s) override;
    void io_state(StateIO& io) override;
    /// Statistics of all spikes seen so far, over the time observed after start_ms.
    std::vector<PopulationStats> results() const;

private:
    /// One neuron's running sums, 48 bytes (this monitor is on in every run, so it should not
    /// weigh much beside the network: 64,000 neurons take 3 MB). The ISI sum needs no field:
    /// the intervals telescope to last - first.
    struct Tally {
        Step first = -1, last = -1;    // steps of the first and latest spike after start
        double isi_sq = 0;             // sum of squared ISIs (ms^2)
        double count_sq = 0;           // sum over closed bins of n_i(t)^2
        std::uint32_t count = 0;       // spikes after start
        std::uint32_t cur_count = 0;   // spikes in the open bin cur_bin
        std::int64_t cur_bin = -1;
    };
    struct Pop {
        std::string name;
        std::uint32_t n = 0;
        std::vector<Tally> neurons;
        std::vector<std::uint64_t> pop_bins;  // population count per bin
    };
    double bin_ms_, start_ms_;
    double dt_ = 0.1;
    Step bin_ = 1, start_ = 0, last_step_ = -1;
    std::vector<Pop> pops_;
};

}  // namespace plastica
