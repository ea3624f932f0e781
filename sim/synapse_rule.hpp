#pragma once
// SynapseRule — how plasticity (plasticity/) acts on a projection, and RowSlicer, the part of a
// presynaptic row that one thread owns.
//
// The simulator calls a rule at fixed points of each step (DESIGN.md, "One simulation step"),
// once per projection and phase, never per neuron or synapse; the rule loops over spikes and
// synapses itself with its kernel inlined:
//   update phase, thread k   pre_fired / post_fired: the neurons of k's range that fired at step
//                            t (per-neuron state such as traces is written only by its owner);
//   barrier
//   delivery, thread k       transmission of step t's spikes (scaled by efficacy() when the rule
//                            gives one), then on_pre: the same rows, k's slice of each;
//                            then on_post: the postsynaptic spikes of k's range, through the
//                            rule's transposed index of incoming synapses; then on_step;
//   barrier                  (only when the network has rules) before anyone starts step t+1.
// Both on_pre and on_post of thread k write only synapses onto neurons that k owns, so weights
// need no atomics and every synapse sees its updates in the same order at any thread count.
// At one step a synapse first takes its presynaptic update, then its postsynaptic one, as in
// Brian2 (a pre and a post spike in the same step count as a causal pair).
// Rule state is tied to the step clock, which the Network owns (Network::now): any Simulator
// over the network continues from there. Network::reset attaches every rule again, which must
// bring it back to its state at t = 0.
#include <cstdint>
#include <string>
#include <utility>

#include "sim/monitor.hpp"
#include "sim/population.hpp"

namespace plastica {

class Projection;

/// Thread k's part of the row of presynaptic neuron i, for rows sorted by target: the split
/// offsets are computed once per projection (Simulator::compute_splits).
struct RowSlicer {
    const std::uint64_t* row_ptr = nullptr;
    const std::uint32_t* split = nullptr;  ///< per presynaptic neuron, threads-1 offsets
    std::size_t inner = 0;                 ///< threads - 1
    int k = 0;

    std::pair<std::uint64_t, std::uint64_t> operator()(Index i) const {
        std::uint64_t s0 = row_ptr[i], s1 = row_ptr[i + 1];
        if (inner) {
            const std::uint32_t* sp = split + std::size_t(i) * inner;
            const std::uint64_t row = s0;
            if (k > 0) s0 = row + sp[k - 1];
            if (static_cast<std::size_t>(k) < inner) s1 = row + sp[k];
        }
        return {s0, s1};
    }
};

/// A plasticity rule attached to one projection (see the phase order above).
class SynapseRule {
public:
    virtual ~SynapseRule() = default;
    /// The rule's name, e.g. "stdp".
    virtual std::string name() const = 0;
    /// Called once when attached (Network::add_rule): checks that the rule can act on `proj`
    /// (throws Error naming the projection otherwise) and sizes its state.
    virtual void attach(Projection& proj, const Population& pre, const Population& post, double dt) = 0;
    /// Before the first step.
    virtual void prepare(int /*threads*/) {}
    /// Update phase, owner thread: presynaptic (postsynaptic) neurons that fired at step t.
    virtual void pre_fired(Step /*t*/, const SpikeList& /*fired*/) {}
    virtual void post_fired(Step /*t*/, const SpikeList& /*fired*/) {}
    /// Factor per presynaptic neuron by which a spike's weights are scaled when delivered
    /// (short-term plasticity), written in pre_fired; nullptr when the rule has none.
    virtual const double* efficacy() const { return nullptr; }
    /// Delivery phase, thread k, before transmission: the same rows as on_pre, for rules whose
    /// weights change between events and must be brought up to date before they are used.
    virtual void before_transmission(Step /*t*/, const SpikeLists& /*lists*/, std::uint32_t /*pre_pop*/, const RowSlicer& /*slice*/) {}
    /// Delivery phase, thread k: after transmission, the rows of step t's presynaptic spikes
    /// (lists.at(thread, pre population)), k's slice of each.
    virtual void on_pre(Step /*t*/, const SpikeLists& /*lists*/, std::uint32_t /*pre_pop*/, const RowSlicer& /*slice*/) {}
    /// Delivery phase, thread k, after on_pre: postsynaptic spikes of step t in k's range.
    virtual void on_post(Step /*t*/, const SpikeList& /*fired*/) {}
    /// Delivery phase, thread k, after on_post, every step: for rules that act on all synapses
    /// at times of their own (rate-based rules); k's slice of every row, k's postsynaptic range.
    virtual void on_step(Step /*t*/, const RowSlicer& /*slice*/, Range /*post_range*/) {}
    /// After the end-of-step barrier, on one thread while the others run the next update phase
    /// (which must not read what this changes).
    virtual void end_step(Step /*t*/) {}
    /// Between segments, before monitors read weights: bring every weight up to step `now`.
    virtual void sync(Step /*now*/) {}
    /// Saves or loads everything the rule changes while running (traces, eligibility, scheduled
    /// rewards, resources), sim/state_io.hpp. Rules without such state keep the default.
    virtual void io_state(StateIO& /*io*/) {}
    /// The latest step the rule's state refers to (a trace's last spike), or INT64_MIN when none:
    /// running from an earlier step would read state at a negative lag, which Simulator::run
    /// refuses.
    virtual Step latest_step() const { return INT64_MIN; }
    /// Bytes of rule state (traces, indices, per-synapse variables).
    virtual std::size_t bytes() const { return 0; }
};

}  // namespace plastica
