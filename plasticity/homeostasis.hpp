#pragma once
// Synaptic homeostasis on a projection, applied to all synapses every `interval` ms (in the
// delivery phase, each thread over the synapses onto its own neurons: SynapseRule::on_step).
//
// SynapticNormalizationRule: the incoming weights of every postsynaptic neuron are rescaled so
//   that they sum to `total` (their ratios kept): the normalisation of Diehl & Cook 2015 (Front.
//   Comput. Neurosci. 9:99), after von der Malsburg 1973. A neuron whose incoming weights sum to
//   zero is left alone. With `euclidean` the weights are rescaled to a Euclidean norm of `total`
//   instead (normalised weight vectors of competitive learning: Rumelhart & Zipser 1985), so
//   that the neuron with the largest drive w.x is the one whose weights are closest in angle
//   to the input.
// SynapticScalingRule: multiplicative scaling toward a target rate (Turrigiano et al. 1998; van
//   Rossum, Bi & Turrigiano 2000, J. Neurosci. 20:8812, Eq. 4):
//     dw/dt = beta w (r_target - r_post),   r_post the neuron's rate estimate (spike trace / tau_rate)
//   applied over each interval with r_post held, w -> w exp(beta interval (r_target - r_post)),
//   and clipped to [w_min, w_max].
#include <string>
#include <vector>

#include "models/params.hpp"
#include "plasticity/traces.hpp"
#include "sim/projection.hpp"

namespace plastica {

class SynapticNormalizationRule final : public SynapseRule {
public:
    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_SYNAPTIC_NORMALIZATION_RULE_PARAMS(X) \
        X(total, 1, "weight", any, "sum (or Euclidean norm) of each neuron's incoming weights after a sweep") \
        X(interval, 100, "ms", positive, "time between sweeps (a whole number of steps)")
    struct Params {
        PLASTICA_SYNAPTIC_NORMALIZATION_RULE_PARAMS(PLASTICA_PARAM_MEMBER)
        bool euclidean = false;  ///< rescale to a Euclidean norm instead of a sum
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_SYNAPTIC_NORMALIZATION_RULE_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }
    static const std::vector<FlagField<Params>>& flags() {
        static const std::vector<FlagField<Params>> f = {{"euclidean", &Params::euclidean, "rescale to a Euclidean norm (1) instead of a sum (0)"}};
        return f;
    }
    explicit SynapticNormalizationRule(const Params& p) : SynapticNormalizationRule(p.total, p.interval, p.euclidean) {}
    /// `total`: the sum (or Euclidean norm) of each neuron's incoming weights after a sweep (weight unit, finite);
    /// `interval_ms`: time between sweeps (a whole number of steps).
    /// `euclidean`: rescale to a Euclidean norm of `total` instead of a sum.
    SynapticNormalizationRule(double total, double interval_ms, bool euclidean = false);
    std::string name() const override { return "synaptic_normalization"; }
    void attach(Projection& proj, const Population& pre, const Population& post, double dt) override;
    void on_step(Step t, const RowSlicer& slice, Range post_range) override;
    std::size_t bytes() const override { return sums_.capacity() * sizeof(double); }

private:
    double total_, interval_ms_;
    bool euclidean_ = false;
    Step interval_ = 1;
    Projection* proj_ = nullptr;
    Index n_pre_ = 0;
    std::vector<double> sums_;  // per postsynaptic neuron; each thread writes its own range
};

class SynapticScalingRule final : public SynapseRule {
public:
    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_SYNAPTIC_SCALING_RULE_PARAMS(X) \
        X(target_rate, 5, "Hz", non_negative, "target postsynaptic rate") \
        X(beta, 0.01, "1/(Hz s)", non_negative, "scaling rate") \
        X(tau_rate, 1000, "ms", positive, "time constant of the rate estimate") \
        X(interval, 100, "ms", positive, "time between sweeps") \
        X(w_min, 0, "weight", any, "lower weight bound") \
        X(w_max, 1e9, "weight", any, "upper weight bound")
    struct Params {
        PLASTICA_SYNAPTIC_SCALING_RULE_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_SYNAPTIC_SCALING_RULE_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }
    explicit SynapticScalingRule(const Params& p);
    std::string name() const override { return "synaptic_scaling"; }
    void attach(Projection& proj, const Population& pre, const Population& post, double dt) override;
    void post_fired(Step t, const SpikeList& fired) override;
    void on_step(Step t, const RowSlicer& slice, Range post_range) override;
    std::size_t bytes() const override { return post_.bytes() + factor_.capacity() * sizeof(double); }
    void io_state(StateIO& io) override { post_.io_state(io, "post_traces"); }
    Step latest_step() const override { return post_.latest(); }
    /// The rate estimate of postsynaptic neuron j at step t (Hz).
    double rate(Index j, Step t) const { return post_.after(j, 0, t) * 1000.0 / p_.tau_rate; }

private:
    Params p_;
    Step interval_ = 1;
    Projection* proj_ = nullptr;
    Index n_pre_ = 0;
    SpikeTraces<1> post_;
    std::vector<double> factor_;  // per postsynaptic neuron, this sweep's scaling factor
};

}  // namespace plastica
