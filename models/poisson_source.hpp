#pragma once
// poisson_source — N independent Poisson spike trains, rate per neuron, constant or
// piecewise-constant in time. In each step neuron i spikes with probability rate_i * dt
// (at most one spike per step, as Brian2's PoissonGroup), drawn from a counter-based stream keyed
// by (seed, population, neuron, step): independent of thread count.
#include <vector>

#include "sim/population.hpp"

namespace plastica {

class PoissonSource final : public Population {
public:
    /// `rates_hz`: one rate for all neurons (size 1) or one per neuron (size n), in Hz.
    PoissonSource(std::string name, Index n, std::vector<double> rates_hz);

    /// From time `at_ms` on (a whole number of steps), the rates become `rates_hz` (size 1 or n).
    void add_rate_change(double at_ms, std::vector<double> rates_hz);
    /// Between runs (after the network is prepared): from step `from` on, the rates become
    /// `rates_hz` (size 1 or n). Earlier segments are dropped, so a learner presenting thousands
    /// of samples holds one rate vector, not one per sample.
    void set_rates(Step from, std::vector<double> rates_hz);

    std::string model() const override { return "poisson_source"; }
    bool accepts_input() const override { return false; }
    void prepare(const RunContext& ctx, std::size_t slots) override;
    void update(Step t, Index begin, Index end, SpikeList& spikes) override;
    /// The rate schedule (set_rates changes it while running); the draws need only the step.
    void io_state(StateIO& io) override;

private:
    struct Segment {
        double at_ms;
        Step start = 0;
        std::vector<double> p;   // spike probability per step, per neuron (or one for all)
        std::vector<double> rates;
        std::vector<Index> active;  // per-neuron rates: the neurons whose rate is not 0, in order
    };
    std::string where() const { return "population '" + name() + "' (poisson_source)"; }
    void check_rates(const std::vector<double>& r) const;
    void compute_probabilities(Segment& s) const;
    bool prepared_ = false;
    std::vector<Segment> segments_;
    RunContext ctx_{};
};

}  // namespace plastica
