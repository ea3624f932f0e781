#include "plasticity/rate_hebbian_rule.hpp"

#include "plasticity/weight_bounds.hpp"

namespace plastica {

RateHebbianRule::RateHebbianRule(HebbianKernel::Kind kind, const HebbianKernel::Params& p, double tau_rate_ms, double interval_ms)
    : k_(kind, p, "rule 'rate_hebbian'"), tau_rate_ms_(tau_rate_ms), interval_ms_(interval_ms) {
    check::positive("rule 'rate_hebbian'", "tau_rate", tau_rate_ms);
    check::positive("rule 'rate_hebbian'", "interval", interval_ms);
}

void RateHebbianRule::attach(Projection& proj, const Population& pre, const Population& post, double dt) {
    const std::string where = "rule 'rate_hebbian' on projection '" + proj.name + "'";
    interval_ = interval_steps(where, "interval", interval_ms_, dt);
    check_plastic_weights(proj, post, k_.params().w_min, k_.params().w_max, where);
    proj_ = &proj;
    pre_.prepare(pre.size(), {TraceKind{tau_rate_ms_, false}}, dt, where, {"tau_rate"});
    post_.prepare(post.size(), {TraceKind{tau_rate_ms_, false}}, dt, where, {"tau_rate"});
    theta_.assign(post.size(), 0.0);
}

void RateHebbianRule::pre_fired(Step t, const SpikeList& fired) {
    for (Index i : fired) pre_.spike(i, t);
}
void RateHebbianRule::post_fired(Step t, const SpikeList& fired) {
    for (Index j : fired) post_.spike(j, t);
}

void RateHebbianRule::on_step(Step t, const RowSlicer& slice, Range post_range) {
    if ((t + 1) % interval_ != 0) return;  // at the end of each interval
    const double hz = 1000.0 / tau_rate_ms_, h_s = interval_ms_ * 1e-3;
    float* w = proj_->weight.data();
    proj_->target.visit([&](const auto* tgt) {
        for (Index i = 0; i < pre_.size(); ++i) {
            const auto [s0, s1] = slice(i);
            if (s0 == s1) continue;
            const double x = pre_.after(i, 0, t) * hz;
            for (std::uint64_t s = s0; s < s1; ++s) {
                const Index j = tgt[s];
                const double y = post_.after(j, 0, t) * hz;
                w[s] = static_cast<float>(k_.clip(w[s] + h_s * k_.rate(w[s], x, y, theta_[j])));
            }
        }
    });
    if (k_.kind() == HebbianKernel::Kind::bcm)
        for (Index j = post_range.begin; j < post_range.end; ++j)
            theta_[j] = k_.next_theta(theta_[j], post_.after(j, 0, t) * hz, interval_ms_);
}

void RateHebbianRule::io_state(StateIO& io) {
    pre_.io_state(io, "pre_traces");
    post_.io_state(io, "post_traces");
    io.array("theta", theta_);
}

std::size_t RateHebbianRule::bytes() const { return pre_.bytes() + post_.bytes() + theta_.capacity() * sizeof(double); }

}  // namespace plastica
