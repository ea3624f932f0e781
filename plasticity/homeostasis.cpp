#include "plasticity/homeostasis.hpp"

#include <algorithm>
#include <cmath>

#include "plasticity/weight_bounds.hpp"

namespace plastica {

SynapticNormalizationRule::SynapticNormalizationRule(double total, double interval_ms, bool euclidean)
    : total_(total), interval_ms_(interval_ms), euclidean_(euclidean) {
    check::finite("rule 'synaptic_normalization'", "total", total);
    check::positive("rule 'synaptic_normalization'", "interval", interval_ms);
    if (euclidean && total < 0) throw Error("rule 'synaptic_normalization'", "total", to_text(total), "a Euclidean norm cannot be negative");
}

void SynapticNormalizationRule::attach(Projection& proj, const Population& pre, const Population& post, double dt) {
    const std::string where = "rule 'synaptic_normalization' on projection '" + proj.name + "'";
    interval_ = interval_steps(where, "interval", interval_ms_, dt);
    if (post.conductance_based() && total_ < 0)
        throw Error(where, "total", to_text(total_), "conductance weights onto '" + post.name() + "' cannot sum below 0 nS");
    proj_ = &proj;
    n_pre_ = pre.size();
    sums_.assign(post.size(), 0.0);
}

void SynapticNormalizationRule::on_step(Step t, const RowSlicer& slice, Range own) {
    if ((t + 1) % interval_ != 0) return;
    float* w = proj_->weight.data();
    std::fill(sums_.begin() + own.begin, sums_.begin() + own.end, 0.0);
    proj_->target.visit([&](const auto* tgt) {
        for (Index i = 0; i < n_pre_; ++i) {
            const auto [s0, s1] = slice(i);
            if (euclidean_)
                for (std::uint64_t s = s0; s < s1; ++s) sums_[tgt[s]] += double(w[s]) * w[s];
            else
                for (std::uint64_t s = s0; s < s1; ++s) sums_[tgt[s]] += w[s];
        }
        // the factor once per neuron (the same quotient as per synapse; a silent row keeps 1)
        for (Index j = own.begin; j < own.end; ++j) {
            const double size = euclidean_ ? std::sqrt(sums_[j]) : sums_[j];
            sums_[j] = size != 0 ? total_ / size : 1.0;
        }
        for (Index i = 0; i < n_pre_; ++i) {
            const auto [s0, s1] = slice(i);
            for (std::uint64_t s = s0; s < s1; ++s) w[s] = static_cast<float>(w[s] * sums_[tgt[s]]);
        }
    });
}

SynapticScalingRule::SynapticScalingRule(const Params& p) : p_(p) {
    const std::string where = "rule 'synaptic_scaling'";
    validate_fields(fields(), p_, where);
    if (!(p_.w_min < p_.w_max)) throw Error(where, "w_max", to_text(p_.w_max), "must be greater than w_min = " + to_text(p_.w_min));
}

void SynapticScalingRule::attach(Projection& proj, const Population& pre, const Population& post, double dt) {
    const std::string where = "rule 'synaptic_scaling' on projection '" + proj.name + "'";
    interval_ = interval_steps(where, "interval", p_.interval, dt);
    check_plastic_weights(proj, post, p_.w_min, p_.w_max, where);
    proj_ = &proj;
    n_pre_ = pre.size();
    post_.prepare(post.size(), {TraceKind{p_.tau_rate, false}}, dt, where, {"tau_rate"});
    factor_.assign(post.size(), 1.0);
}

void SynapticScalingRule::post_fired(Step t, const SpikeList& fired) {
    for (Index j : fired) post_.spike(j, t);
}

void SynapticScalingRule::on_step(Step t, const RowSlicer& slice, Range own) {
    if ((t + 1) % interval_ != 0) return;
    const double h = p_.interval * 1e-3;
    for (Index j = own.begin; j < own.end; ++j) factor_[j] = std::exp(p_.beta * h * (p_.target_rate - rate(j, t)));
    float* w = proj_->weight.data();
    proj_->target.visit([&](const auto* tgt) {
        for (Index i = 0; i < n_pre_; ++i) {
            const auto [s0, s1] = slice(i);
            for (std::uint64_t s = s0; s < s1; ++s)
                w[s] = static_cast<float>(std::clamp(w[s] * factor_[tgt[s]], p_.w_min, p_.w_max));
        }
    });
}

}  // namespace plastica
