#pragma once
// TraceRule<Kernel> — the event-driven machinery shared by the spike-timing rules (pair STDP,
// triplet STDP, inhibitory STDP): per-neuron traces of the pre- and postsynaptic populations
// (plasticity/traces.hpp), the projection's transposed index, and the two loops that apply the
// kernel at presynaptic spikes (over the row slice a thread owns) and at postsynaptic spikes
// (over the incoming synapses). The kernel is a small struct with the rule's parameters and two
// inline functions, so the loops are compiled per rule without a virtual call per synapse.
//
// Dense reads: a trace is stored lazily (traces.hpp), so a read costs a decay lookup. When a step's
// spikes visit at least as many synapses as the other side has neurons (at presynaptic spikes:
// the postsynaptic neurons the thread owns), as a Poisson layer onto a small all-to-all target
// does (Diehl & Cook 2015), the other side's traces are computed once into arrays
// (SpikeTraces::fill) and the synapse loop reads them as plain loads; the spiking neuron's own
// traces are computed once per spike either way. Both paths read the same numbers,
// so which one runs changes no result (tests/plasticity/test_trace_rule.cpp). To fill only what
// is read, the kernel is probed once at attach with ProbeTraces: its reads must not depend on the
// values (every shipped kernel reads a fixed set).
//
// Kernel requirements:
//   static constexpr const char* name;  static constexpr std::size_t kPre, kPost;
//   struct Params; static const std::vector<ParamField<Params>>& fields();
//   explicit Kernel(const Params&, const std::string& where)   validates
//   std::array<TraceKind, kPre> pre_kinds() const, post_kinds() const, and their key names
//   void check(const Projection&, const std::string& where) const   what else the rule needs of it
//   template <class Pre, class Post>   (views with before(i, m, t), after(i, m, t): traces.hpp)
//   double on_pre(double w, const Pre& pre, Index i, const Post& post, Index j, Step t) const
//   double on_post(double w, const Pre& pre, Index i, const Post& post, Index j, Step t) const
//   const WeightBounds& bounds() const
#include <memory>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "plasticity/traces.hpp"
#include "plasticity/transposed_index.hpp"
#include "plasticity/weight_bounds.hpp"
#include "sim/partition.hpp"
#include "sim/projection.hpp"

namespace plastica {

/// How TraceRule reads the traces of the other side of its synapses (see "Dense reads"): chosen
/// per step by the synapses visited, or always one way (for tests and benchmarks).
enum class TraceReadMode { automatic, lazy, dense };

template <class K>
class TraceRule final : public SynapseRule {
public:
    using Params = typename K::Params;
    using PreTraces = SpikeTraces<K::kPre>;
    using PostTraces = SpikeTraces<K::kPost>;

    explicit TraceRule(const Params& p) : kernel_(p, std::string("rule '") + K::name + "'") {}

    std::string name() const override { return K::name; }
    const K& kernel() const { return kernel_; }
    void set_read_mode(TraceReadMode m) { mode_ = m; }
    const PreTraces& pre_traces() const { return pre_; }
    const PostTraces& post_traces() const { return post_; }

    void attach(Projection& proj, const Population& pre, const Population& post, double dt) override {
        const std::string where = std::string("rule '") + K::name + "' on projection '" + proj.name + "'";
        kernel_.check(proj, where);
        check_plastic_weights(proj, post, kernel_.bounds().w_min, kernel_.bounds().w_max, where);
        proj_ = &proj;
        pre_.prepare(pre.size(), kernel_.pre_kinds(), dt, where, K::pre_keys());
        post_.prepare(post.size(), kernel_.post_kinds(), dt, where, K::post_keys());
        index_.build(proj, pre.size(), post.size(), where);
        // which traces the kernel reads at each event (see "Dense reads" above)
        const double w_mid = 0.5 * (kernel_.bounds().w_min + kernel_.bounds().w_max);
        ProbeTraces<K::kPre> pre_probe;
        ProbeTraces<K::kPost> post_probe;
        (void)kernel_.on_pre(w_mid, pre_probe, 0, post_probe, 0, 0);
        post_reads_at_pre_ = post_probe.reads;
        pre_probe = {};
        (void)kernel_.on_post(w_mid, pre_probe, 0, post_probe, 0, 0);
        pre_reads_at_post_ = pre_probe.reads;
    }

    void pre_fired(Step t, const SpikeList& fired) override {
        for (Index i : fired) pre_.spike(i, t);
    }
    void post_fired(Step t, const SpikeList& fired) override {
        for (Index j : fired) post_.spike(j, t);
    }

    void on_pre(Step t, const SpikeLists& lists, std::uint32_t pop, const RowSlicer& slice) override {
        std::uint64_t visits = 0;
        for (int kk = 0; kk < lists.threads(); ++kk)
            for (Index i : lists.at(kk, pop)) {
                const auto [s0, s1] = slice(i);
                visits += s1 - s0;
            }
        if (visits == 0) return;
        // thread k's slices reach only the postsynaptic neurons it owns (sim/synapse_rule.hpp)
        const Range own = thread_range(post_.size(), static_cast<int>(slice.inner) + 1, slice.k);
        if (!dense(visits, own.end - own.begin)) return pre_events(t, lists, pop, slice, post_);
        thread_local std::vector<double> scratch;  // one per thread: on_pre runs on every thread
        pre_events(t, lists, pop, slice, post_.fill(t, post_reads_at_pre_, own.begin, own.end, scratch));
    }

    void on_post(Step t, const SpikeList& fired) override {
        std::uint64_t visits = 0;
        for (Index j : fired) visits += index_.column_size(j);
        if (visits == 0) return;
        if (!dense(visits, pre_.size())) return post_events(t, fired, pre_);
        thread_local std::vector<double> scratch;
        post_events(t, fired, pre_.fill(t, pre_reads_at_post_, 0, pre_.size(), scratch));
    }

    std::size_t bytes() const override { return index_.bytes() + pre_.bytes() + post_.bytes(); }
    void io_state(StateIO& io) override {
        pre_.io_state(io, "pre_traces");
        post_.io_state(io, "post_traces");
    }
    Step latest_step() const override { return std::max(pre_.latest(), post_.latest()); }

private:
    /// Dense reads pay when the synapses visited outnumber the neurons whose traces are filled.
    bool dense(std::uint64_t visits, Index other_side) const {
        return mode_ == TraceReadMode::dense || (mode_ == TraceReadMode::automatic && visits >= static_cast<std::uint64_t>(other_side));
    }

    template <class PostView>
    void pre_events(Step t, const SpikeLists& lists, std::uint32_t pop, const RowSlicer& slice, const PostView& post) {
        float* w = proj_->weight.data();
        proj_->target.visit([&](const auto* tgt) {
            for (int kk = 0; kk < lists.threads(); ++kk)
                for (Index i : lists.at(kk, pop)) {
                    const auto [s0, s1] = slice(i);
                    const auto pre = pre_.at(i, t);
                    for (std::uint64_t s = s0; s < s1; ++s)
                        w[s] = static_cast<float>(kernel_.on_pre(w[s], pre, i, post, tgt[s], t));
                }
        });
    }

    template <class PreView>
    void post_events(Step t, const SpikeList& fired, const PreView& pre) {
        float* w = proj_->weight.data();
        for (std::size_t q = 0; q < fired.size(); ++q) {
            const Index j = fired[q];
            if (q + 1 < fired.size()) index_.prefetch_column(fired[q + 1]);
            const auto post = post_.at(j, t);
            index_.for_each(
                j, [&](Index i, std::uint32_t s) { w[s] = static_cast<float>(kernel_.on_post(w[s], pre, i, post, j, t)); },
                [&](Index i, std::uint32_t s) {
                    __builtin_prefetch(w + s, 1);
                    pre.prefetch(i);
                });
        }
    }

    K kernel_;
    Projection* proj_ = nullptr;
    PreTraces pre_;
    PostTraces post_;
    TransposedIndex index_;
    TraceReads<K::kPost> post_reads_at_pre_;
    TraceReads<K::kPre> pre_reads_at_post_;
    TraceReadMode mode_ = TraceReadMode::automatic;
};

}  // namespace plastica
