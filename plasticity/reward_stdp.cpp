#include "plasticity/reward_stdp.hpp"

#include <algorithm>
#include <cmath>

#include "plasticity/weight_bounds.hpp"

namespace plastica {

RewardStdpRule::RewardStdpRule(const Params& p) : p_(p) {
    const std::string where = std::string("rule '") + kName + "'";
    validate_fields(fields(), p_, where);
    if (!(p_.w_min < p_.w_max)) throw Error(where, "w_max", to_text(p_.w_max), "must be greater than w_min = " + to_text(p_.w_min));
    tau_prime_ = p_.tau_c * p_.tau_d / (p_.tau_c + p_.tau_d);
}

void RewardStdpRule::attach(Projection& proj, const Population& pre, const Population& post, double dt) {
    const std::string where = std::string("rule '") + kName + "' on projection '" + proj.name + "'";
    check_plastic_weights(proj, post, p_.w_min, p_.w_max, where);
    proj_ = &proj;
    dt_ = dt;
    pre_.prepare(pre.size(), {TraceKind{p_.tau_plus, false}}, dt, where, {"tau_plus"});
    post_.prepare(post.size(), {TraceKind{p_.tau_minus, false}}, dt, where, {"tau_minus"});
    decay_c_.prepare(p_.tau_c, dt, where, "tau_c");
    index_.build(proj, pre.size(), post.size(), where);
    c_.assign(proj.size(), 0.0);
    last_.assign(proj.size(), 0);
    reward_step_.clear();
    reward_amount_.clear();
    reward_level_.clear();
    pending_.clear();
}

void RewardStdpRule::io_state(StateIO& io) {
    pre_.io_state(io, "pre_traces");
    post_.io_state(io, "post_traces");
    io.array("eligibility", c_);
    io.array("eligibility_step", last_);
    io.growing("reward_step", reward_step_);
    io.growing("reward_amount", reward_amount_);
    io.growing("reward_level", reward_level_);
    std::vector<Step> at;
    std::vector<double> amount;
    for (const auto& [a, x] : pending_) at.push_back(a), amount.push_back(x);
    io.growing("pending_step", at);
    io.growing("pending_amount", amount);
    if (io.loading()) {
        if (reward_amount_.size() != reward_step_.size() || reward_level_.size() != reward_step_.size() || at.size() != amount.size())
            throw Error(std::string("rule '") + kName + "'", "checkpoint", "rewards", "corrupt (reward arrays do not agree)");
        pending_.clear();
        for (std::size_t q = 0; q < at.size(); ++q) pending_.emplace_back(at[q], amount[q]);
    }
}

Step RewardStdpRule::latest_step() const {
    Step t = std::max(pre_.latest(), post_.latest());
    for (Step s : last_) t = std::max(t, s);
    return t;
}

void RewardStdpRule::schedule_reward(Step at, double amount) {
    check::finite(std::string("rule '") + kName + "'", "reward", amount);
    pending_.emplace_back(at, amount);
}

void RewardStdpRule::end_step(Step t) {
    // Rewards due at step t + 1 come into effect now: nobody reads the history until the
    // delivery phase of t + 1.
    if (pending_.empty()) return;
    std::stable_sort(pending_.begin(), pending_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::size_t used = 0;
    for (; used < pending_.size() && pending_[used].first <= t + 1; ++used) {
        const Step at = std::max(pending_[used].first, t + 1);
        const double before = dopamine(at);
        if (!reward_step_.empty() && reward_step_.back() == at) {
            reward_amount_.back() += pending_[used].second;
            reward_level_.back() += pending_[used].second;
        } else {
            reward_step_.push_back(at);
            reward_amount_.push_back(pending_[used].second);
            reward_level_.push_back(before + pending_[used].second);
        }
    }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(used));
}

double RewardStdpRule::dopamine(Step t) const {
    const auto it = std::upper_bound(reward_step_.begin(), reward_step_.end(), t);
    if (it == reward_step_.begin()) return 0;
    const std::size_t k = static_cast<std::size_t>(it - reward_step_.begin()) - 1;
    return reward_level_[k] * std::exp(-static_cast<double>(t - reward_step_[k]) * dt_ / p_.tau_d);
}

double RewardStdpRule::kernel_integral(Step a, Step b) const {
    if (b <= a || reward_step_.empty() || reward_step_.front() >= b) return 0;
    auto part = [&](double level, Step from) {  // dopamine `level` at `from`, decaying to b
        return level * tau_prime_ * (1 - std::exp(-static_cast<double>(b - from) * dt_ / tau_prime_));
    };
    double sum = part(dopamine(a), a);
    for (auto it = std::upper_bound(reward_step_.begin(), reward_step_.end(), a); it != reward_step_.end() && *it < b; ++it) {
        const std::size_t k = static_cast<std::size_t>(it - reward_step_.begin());
        sum += decay_c_(*it - a) * part(reward_amount_[k], *it);
    }
    return sum;
}

void RewardStdpRule::advance(std::uint64_t s, Step b) {
    const Step a = last_[s];
    if (b <= a) return;
    if (c_[s] != 0) {
        float* w = proj_->weight.data();
        w[s] = static_cast<float>(std::clamp(w[s] + c_[s] * kernel_integral(a, b), p_.w_min, p_.w_max));
        c_[s] *= decay_c_(b - a);
    }
    last_[s] = b;
}

double RewardStdpRule::eligibility(std::uint64_t s, Step t) const { return c_[s] * decay_c_(t - last_[s]); }

void RewardStdpRule::pre_fired(Step t, const SpikeList& fired) {
    for (Index i : fired) pre_.spike(i, t);
}
void RewardStdpRule::post_fired(Step t, const SpikeList& fired) {
    for (Index j : fired) post_.spike(j, t);
}

void RewardStdpRule::before_transmission(Step t, const SpikeLists& lists, std::uint32_t pop, const RowSlicer& slice) {
    for (int kk = 0; kk < lists.threads(); ++kk)
        for (Index i : lists.at(kk, pop)) {
            const auto [s0, s1] = slice(i);
            for (std::uint64_t s = s0; s < s1; ++s) advance(s, t);
        }
}

void RewardStdpRule::on_pre(Step t, const SpikeLists& lists, std::uint32_t pop, const RowSlicer& slice) {
    proj_->target.visit([&](const auto* tgt) {
        for (int kk = 0; kk < lists.threads(); ++kk)
            for (Index i : lists.at(kk, pop)) {
                const auto [s0, s1] = slice(i);
                for (std::uint64_t s = s0; s < s1; ++s) c_[s] -= p_.a_minus * post_.before(tgt[s], 0, t);  // advanced before transmission
            }
    });
}

void RewardStdpRule::on_post(Step t, const SpikeList& fired) {
    for (Index j : fired)
        index_.for_each(
            j,
            [&](Index i, std::uint32_t s) {
                advance(s, t);
                c_[s] += p_.a_plus * pre_.after(i, 0, t);
            },
            [](Index, std::uint32_t) {});
}

void RewardStdpRule::sync(Step now) {
    const auto n = static_cast<std::int64_t>(c_.size());
#pragma omp parallel for schedule(static)
    for (std::int64_t s = 0; s < n; ++s) advance(static_cast<std::uint64_t>(s), now);
}

std::size_t RewardStdpRule::bytes() const {
    return index_.bytes() + pre_.bytes() + post_.bytes() + c_.capacity() * sizeof(double) + last_.capacity() * sizeof(Step) +
           decay_c_.bytes();
}

}  // namespace plastica
