#pragma once
// inh_gamma_source — N independent inhomogeneous gamma spike trains (PyNN's SpikeSourceInhGamma,
// NEST's inh_gamma_generator): the gamma renewal process whose shape a and rate change over
// time, defined through its hazard (Muller, Buesing, Schemmel & Meier 2007, Neural Comput.
// 19:2958, section 2 and appendix): with tau the time since the train's last spike and (a, b)
// the parameters of the bin the present time lies in (scale b = 1 / (a rate)),
//
//   h(t, tau) = f(tau; a, b) / S(tau; a, b),   f the gamma density, S = Q(a, tau / b) its survival
//
// so a single bin gives an ordinary gamma renewal train (mean interval a b = 1 / rate, CV
// 1/sqrt(a)). Trains are drawn by thinning, as Muller et al. do: candidates from a Poisson
// process of rate lambda_max = max over bins of 1/b (the gamma hazard rises towards 1/b for
// a >= 1, so it bounds h; a < 1 has an unbounded hazard and is refused), each accepted with
// probability h / lambda_max. Candidate times are continuous (a step and a fraction of it, never
// an accumulated float time), a spike is emitted by the update step its time falls in (time
// stamp: the step's end, as every Plastica spike), and the age tau is measured between the
// continuous times. Each candidate draws from the counter-based stream keyed by (seed,
// population, neuron, candidate number), so trains do not depend on the thread count and a reset
// draws them again. The first age counts from `start`.
#include <limits>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "sim/population.hpp"

namespace plastica {

class InhGammaSource final : public Population {
public:
    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_INH_GAMMA_SOURCE_PARAMS(X) \
        X(start, 0, "ms", non_negative, "when the trains start (the first age counts from here)") \
        X(stop, std::numeric_limits<double>::infinity(), "ms", any, "when they stop")
    struct Params {
        PLASTICA_INH_GAMMA_SOURCE_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields();

    /// From `at_ms` on (until the next bin), gamma shape `shape` (>= 1) and rate `rate_hz` (>= 0).
    struct Bin {
        double at_ms = 0, shape = 1, rate_hz = 0;
    };

    /// `bins`: at least one, their times increasing; before the first the trains are silent.
    InhGammaSource(std::string name, Index n, std::vector<Bin> bins, const Params& p);
    /// With the default start (0) and stop (never).
    InhGammaSource(std::string name, Index n, std::vector<Bin> bins);

    std::string model() const override { return "inh_gamma_source"; }
    bool accepts_input() const override { return false; }
    void prepare(const RunContext& ctx, std::size_t slots) override;
    void update(Step t, Index begin, Index end, SpikeList& spikes) override;
    /// Each neuron's next candidate and last spike (step and fraction) and its draws so far.
    void io_state(StateIO& io) override;

    const std::vector<Bin>& bins() const { return bins_; }
    /// The hazard h(tau) of bin `b` (1/ms) at age tau_ms: what the thinning accepts against.
    double hazard(std::size_t b, double tau_ms) const;

private:
    std::string where() const { return "population '" + name() + "' (inh_gamma_source)"; }
    /// Neuron i's next candidate after the present one (a Poisson interval of rate lambda_max).
    void next_candidate(Index i);
    std::vector<Bin> bins_;
    Params p_;
    double lambda_max_ = 0;  // 1/ms
    RunContext ctx_{};
    Step stop_ = 0;
    std::vector<Step> cand_step_, last_step_;
    std::vector<double> cand_frac_, last_frac_;
    std::vector<std::uint64_t> count_;
};

}  // namespace plastica
