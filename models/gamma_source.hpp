#pragma once
// gamma_source — N independent gamma renewal spike trains (PyNN's SpikeSourceGamma; NEST's
// gamma_sup_generator for one component). Inter-spike intervals are Gamma(k, 1 / (k rate)):
// mean 1 / rate, coefficient of variation 1 / sqrt(k), so k = 1 is a Poisson process and larger k
// fires more regularly (Softky & Koch 1993 use such trains for cortical inputs). Each train starts
// at `start` (the first interval counted from there, an ordinary renewal process) and stops at
// `stop`. Intervals are drawn by Marsaglia & Tsang's method (2000, ACM TOMS 26:363) from the
// counter-based stream keyed by (seed, population, neuron, spike number), so the trains do not
// depend on the thread count and a reset draws them again; each interval is rounded to the time
// grid (at least one step), which shifts a train's rate by less than (dt / 2)^2 / ISI^2.
#include <limits>
#include <vector>

#include "models/params.hpp"
#include "sim/population.hpp"
#include "sim/random.hpp"

namespace plastica {

class GammaSource final : public Population {
public:
    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp);
    // the rates are given apart (one or one per neuron)
    #define PLASTICA_GAMMA_SOURCE_PARAMS(X) \
        X(shape, 1, "", positive, "gamma shape k: interval CV 1/sqrt(k), k = 1 Poisson") \
        X(start, 0, "ms", non_negative, "when the trains start (the first interval counts from here)") \
        X(stop, std::numeric_limits<double>::infinity(), "ms", any, "when they stop")
    struct Params {
        PLASTICA_GAMMA_SOURCE_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields();

    /// `rates_hz`: one rate or one per neuron (Hz); `shape` k > 0; from `start_ms` until `stop_ms`.
    GammaSource(std::string name, Index n, std::vector<double> rates_hz, double shape, double start_ms = 0,
                double stop_ms = std::numeric_limits<double>::infinity());

    std::string model() const override { return "gamma_source"; }
    bool accepts_input() const override { return false; }
    void prepare(const RunContext& ctx, std::size_t slots) override;
    void update(Step t, Index begin, Index end, SpikeList& spikes) override;
    /// The step of each neuron's next spike and the spikes drawn so far.
    void io_state(StateIO& io) override;

    double shape() const { return shape_; }
    /// Gamma(k, 1) drawn from `rng` (Marsaglia & Tsang 2000; k < 1 through Gamma(k + 1) U^(1/k)).
    static double gamma_variate(double k, RandomStream& rng);

private:
    std::string where() const { return "population '" + name() + "' (gamma_source)"; }
    double rate(Index i) const { return rates_.size() == 1 ? rates_[0] : rates_[i]; }
    /// Draws neuron i's next spike step after `from`.
    void draw_next(Index i, Step from);
    std::vector<double> rates_;
    double shape_, start_ms_, stop_ms_;
    RunContext ctx_{};
    Step start_ = 0, stop_ = 0;
    std::vector<Step> next_;
    std::vector<std::uint64_t> count_;
};

}  // namespace plastica
