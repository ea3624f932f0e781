#pragma once
// RateHebbianRule — Hebb, Oja or BCM (plasticity/hebbian.hpp) on a spiking projection, driven by
// rate estimates: each neuron's rate is its spike trace divided by the trace's time constant,
//   r(t) = sum_k exp(-(t - t_k) / tau_rate) / tau_rate     (Hz; all-to-all trace, traces.hpp),
// and every `interval` ms each synapse moves by  interval * dw/dt(r_pre, r_post, w)  (eta per
// second, rates in Hz); the BCM threshold of each postsynaptic neuron follows r_post^2 / y0 with
// tau_theta in ms. The sweep over all synapses runs in the delivery phase, each thread over the
// synapses onto its own neurons (SynapseRule::on_step), at the end of every interval.
#include <string>
#include <vector>

#include "plasticity/hebbian.hpp"
#include "plasticity/traces.hpp"
#include "sim/projection.hpp"

namespace plastica {

class RateHebbianRule final : public SynapseRule {
public:
    RateHebbianRule(HebbianKernel::Kind kind, const HebbianKernel::Params& p, double tau_rate_ms, double interval_ms);
    std::string name() const override { return "rate_hebbian"; }
    void attach(Projection& proj, const Population& pre, const Population& post, double dt) override;
    void pre_fired(Step t, const SpikeList& fired) override;
    void post_fired(Step t, const SpikeList& fired) override;
    void on_step(Step t, const RowSlicer& slice, Range post_range) override;
    std::size_t bytes() const override;
    void io_state(StateIO& io) override;
    Step latest_step() const override { return std::max(pre_.latest(), post_.latest()); }

    const HebbianKernel& kernel() const { return k_; }
    /// BCM threshold of postsynaptic neuron j (Hz^2 / y0 units).
    double theta(Index j) const { return theta_[j]; }

private:
    HebbianKernel k_;
    double tau_rate_ms_, interval_ms_;
    Step interval_ = 1;
    Projection* proj_ = nullptr;
    SpikeTraces<1> pre_, post_;
    std::vector<double> theta_;
};

}  // namespace plastica
