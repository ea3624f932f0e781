#pragma once
// Reward-modulated STDP (Izhikevich 2007, Cerebral Cortex 17:2443, Eqs. 1-2): spike timing
// writes an eligibility trace per synapse, and the weight changes only while dopamine is present.
//
//   dc/dt = -c / tau_c + STDP(dt) at spikes    eligibility; the pair STDP of plasticity/stdp.hpp
//                                              (all-to-all traces x, y) adds a_plus x(t^+) at a
//                                              post spike and -a_minus y(t^-) at a pre spike
//   dd/dt = -d / tau_d + sum_r A_r delta(t - t_r)   dopamine, from rewards given by the experiment
//   dw/dt = c d                                (then clipped to [w_min, w_max])
//
// Evaluated exactly and lazily: a synapse keeps c and the step at which it was last brought up
// to date; bringing it to step b adds the closed form of the integral of c d over the interval,
//   c(a) [ d(a) tau' (1 - e^{-(b-a)/tau'}) + sum_{a < t_r < b} A_r e^{-(t_r-a)/tau_c} tau' (1 - e^{-(b-t_r)/tau'}) ],
// 1/tau' = 1/tau_c + 1/tau_d, with d(a) from the reward history. A synapse is brought up to date
// at its pre spikes (before transmission, so spikes carry the current weight), at its post
// spikes, and for all synapses between segments (sync) before anything reads the weights.
// Clipping at the end of an interval equals clipping along the way when c d keeps one sign over
// it, i.e. for non-negative rewards; with punishments (A_r < 0) it is a first-order approximation.
// Rewards: schedule_reward(step, amount) from a monitor's on_spikes or between runs; they act from
// their step on. Memory: 16 bytes per synapse (c, last step) besides weight and index.
#include <string>
#include <vector>

#include "models/params.hpp"
#include "plasticity/traces.hpp"
#include "plasticity/transposed_index.hpp"
#include "sim/projection.hpp"

namespace plastica {

class RewardStdpRule final : public SynapseRule {
public:
    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp);
    // the amplitudes are Izhikevich 2007's
    #define PLASTICA_REWARD_STDP_PARAMS(X) \
        X(a_plus, 1.0, "", non_negative, "eligibility increment of a causal pair") \
        X(a_minus, 1.5, "", non_negative, "eligibility decrement of an acausal pair") \
        X(tau_plus, 20, "ms", positive, "presynaptic trace time constant") \
        X(tau_minus, 20, "ms", positive, "postsynaptic trace time constant") \
        X(tau_c, 1000, "ms", positive, "eligibility trace time constant") \
        X(tau_d, 200, "ms", positive, "dopamine time constant") \
        X(w_min, 0, "weight", any, "lower weight bound") \
        X(w_max, 4, "weight", any, "upper weight bound")
    struct Params {
        PLASTICA_REWARD_STDP_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_REWARD_STDP_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }
    static constexpr const char* kName = "reward_stdp";

    explicit RewardStdpRule(const Params& p);
    std::string name() const override { return kName; }
    const Params& params() const { return p_; }

    void attach(Projection& proj, const Population& pre, const Population& post, double dt) override;
    void pre_fired(Step t, const SpikeList& fired) override;
    void post_fired(Step t, const SpikeList& fired) override;
    void before_transmission(Step t, const SpikeLists& lists, std::uint32_t pop, const RowSlicer& slice) override;
    void on_pre(Step t, const SpikeLists& lists, std::uint32_t pop, const RowSlicer& slice) override;
    void on_post(Step t, const SpikeList& fired) override;
    void end_step(Step t) override;
    void sync(Step now) override;
    std::size_t bytes() const override;
    void io_state(StateIO& io) override;
    Step latest_step() const override;

    /// Adds `amount` of dopamine at step `at` (>= the current step). Call from Monitor::on_spikes
    /// (one thread) or between runs, never from other threads.
    void schedule_reward(Step at, double amount);
    /// Dopamine level at step t (rewards given up to and including t).
    double dopamine(Step t) const;
    /// Eligibility of synapse s at step t (its last update decayed to t).
    double eligibility(std::uint64_t s, Step t) const;

private:
    void advance(std::uint64_t s, Step b);
    /// Integral over [a, b] (steps) of e^{-(u-a)/tau_c} d(u) du, in ms x dopamine.
    double kernel_integral(Step a, Step b) const;
    Params p_;
    double dt_ = 0.1, tau_prime_ = 1;
    Projection* proj_ = nullptr;
    SpikeTraces<1> pre_, post_;
    TransposedIndex index_;
    std::vector<double> c_;
    std::vector<Step> last_;
    DecayTable decay_c_;
    // rewards in effect: step, amount and the dopamine level just after it
    std::vector<Step> reward_step_;
    std::vector<double> reward_amount_, reward_level_;
    std::vector<std::pair<Step, double>> pending_;  // scheduled, not yet in effect
};

}  // namespace plastica
