#pragma once
// Recorders: what a run keeps. Each is a Monitor attached to a Simulator.
//   SpikeRecorder  spikes of a population (or a subset), in memory and/or appended to an HDF5
//                  file in the SONATA spike layout (/spikes/<population>/{timestamps,node_ids}).
//   StateRecorder  a state variable of chosen neurons every `interval` ms (SONATA report layout).
//   RateRecorder   the population rate in bins (Hz).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/hdf5.hpp"
#include "sim/monitor.hpp"

namespace plastica {

/// Records spikes of one population; writes SONATA spikes when given a file.
class SpikeRecorder : public Monitor {
public:
    /// `subset`: neuron indices to record (empty: all). `out`: file to append to at each segment
    /// end (may be null). `keep_in_memory`: keep spikes after writing them (for analysis).
    SpikeRecorder(std::string population, std::vector<Index> subset = {}, H5File* out = nullptr, bool keep_in_memory = true);

    void attach(const Network& net) override;
    void on_spikes(Step t, const StepSpikes& s) override;
    void end_segment(Step last) override;
    /// Spikes in memory and the number written; loading into a continued file shrinks its
    /// datasets back to what was written when the checkpoint was taken.
    void io_state(StateIO& io) override;

    const std::string& population() const { return name_; }
    /// Recorded spikes (kept in memory): step of emission and neuron index, in time order.
    const std::vector<Step>& steps() const { return steps_; }
    const std::vector<Index>& ids() const { return ids_; }
    /// Spike times (ms): the end of the emitting step, or the precise time inside it for models
    /// that keep one (Population::spike_offsets).
    std::vector<double> times_ms() const;
    std::uint64_t count() const { return total_; }
    /// Drops the spikes kept in memory (a front end that has read them, or a reset to t = 0);
    /// recording goes on. With a file, what was written stays; call between runs.
    void clear();

private:
    std::string name_;
    std::vector<Index> subset_;
    std::vector<std::uint8_t> mask_;
    H5File* out_;
    bool keep_;
    std::uint32_t pop_ = 0;
    const Population* popp_ = nullptr;
    bool precise_ = false;
    double dt_ = 0.1;
    std::vector<Step> steps_;
    std::vector<Index> ids_;
    std::vector<double> offsets_;  // precise models: ms after the start of the emitting step
    std::size_t written_ = 0;  // entries of steps_/ids_ already in the file
    std::uint64_t total_ = 0;
    double time_of(std::size_t e) const;
};

/// Samples a state variable of chosen neurons every `interval_ms`.
class StateRecorder : public Monitor {
public:
    StateRecorder(std::string population, std::string variable, std::vector<Index> neurons, double interval_ms,
                  H5File* out = nullptr);

    void attach(const Network& net) override;
    void begin_segment(Step first, Step last) override;
    void after_update(Step t, std::uint32_t pop, Range r) override;
    void end_segment(Step last) override;
    void io_state(StateIO& io) override;

    /// Sample times (ms) and values: values()[row * neurons().size() + column].
    const std::vector<double>& times_ms() const { return times_; }
    const std::vector<double>& values() const { return values_; }
    const std::vector<Index>& neurons() const { return neurons_; }
    /// Drops the samples kept in memory (between runs; a file keeps what was written).
    void clear();

private:
    std::string name_, var_;
    std::vector<Index> neurons_;
    double interval_ms_;
    H5File* out_;
    std::uint32_t pop_ = 0;
    Step interval_ = 1;
    double dt_ = 0.1;
    const Population* popp_ = nullptr;
    const double* data_ = nullptr;
    Step seg_first_ = 0;
    std::size_t seg_row0_ = 0;
    std::vector<double> times_, values_;
    std::size_t written_rows_ = 0;
};

/// Population rate in bins of `bin_ms` (Hz per neuron).
class RateRecorder : public Monitor {
public:
    RateRecorder(std::string population, double bin_ms);
    void attach(const Network& net) override;
    void on_spikes(Step t, const StepSpikes& s) override;
    void io_state(StateIO& io) override;
    /// Rate per complete bin, Hz.
    std::vector<double> rates_hz() const;
    double bin_ms() const { return bin_ms_; }

private:
    std::string name_;
    double bin_ms_;
    std::uint32_t pop_ = 0;
    Step bin_ = 1;
    Step last_step_ = -1;
    double n_ = 1;
    std::vector<std::uint64_t> counts_;
};

}  // namespace plastica
