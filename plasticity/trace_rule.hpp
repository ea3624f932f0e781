#pragma once
// TraceRule<Kernel> — the event-driven machinery shared by the spike-timing rules (pair STDP,
// triplet STDP, inhibitory STDP): per-neuron traces of the pre- and postsynaptic populations
// (plasticity/traces.hpp), the projection's transposed index, and the two loops that apply the
// kernel at presynaptic spikes (over the row slice a thread owns) and at postsynaptic spikes
// (over the incoming synapses). The kernel is a small struct with the rule's parameters and two
// inline functions, so the loops are compiled per rule without a virtual call per synapse.
//
// Kernel requirements:
//   static constexpr const char* name;  static constexpr std::size_t kPre, kPost;
//   struct Params; static const std::vector<ParamField<Params>>& fields();
//   explicit Kernel(const Params&, const std::string& where)   validates
//   std::array<TraceKind, kPre> pre_kinds() const, post_kinds() const, and their key names
//   void check(const Projection&, const std::string& where) const   what else the rule needs of it
//   double on_pre(double w, const Traces& pre, Index i, const Traces& post, Index j, Step t) const
//   double on_post(double w, const Traces& pre, Index i, const Traces& post, Index j, Step t) const
//   const WeightBounds& bounds() const
#include <memory>
#include <string>

#include "models/params.hpp"
#include "plasticity/traces.hpp"
#include "plasticity/transposed_index.hpp"
#include "plasticity/weight_bounds.hpp"
#include "sim/projection.hpp"

namespace plastica {

template <class K>
class TraceRule final : public SynapseRule {
public:
    using Params = typename K::Params;
    using PreTraces = SpikeTraces<K::kPre>;
    using PostTraces = SpikeTraces<K::kPost>;

    explicit TraceRule(const Params& p) : kernel_(p, std::string("rule '") + K::name + "'") {}

    std::string name() const override { return K::name; }
    const K& kernel() const { return kernel_; }
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
    }

    void pre_fired(Step t, const SpikeList& fired) override {
        for (Index i : fired) pre_.spike(i, t);
    }
    void post_fired(Step t, const SpikeList& fired) override {
        for (Index j : fired) post_.spike(j, t);
    }

    void on_pre(Step t, const SpikeLists& lists, std::uint32_t pop, const RowSlicer& slice) override {
        float* w = proj_->weight.data();
        proj_->target.visit([&](const auto* tgt) {
            for (int kk = 0; kk < lists.threads(); ++kk)
                for (Index i : lists.at(kk, pop)) {
                    const auto [s0, s1] = slice(i);
                    for (std::uint64_t s = s0; s < s1; ++s)
                        w[s] = static_cast<float>(kernel_.on_pre(w[s], pre_, i, post_, tgt[s], t));
                }
        });
    }

    void on_post(Step t, const SpikeList& fired) override {
        float* w = proj_->weight.data();
        for (std::size_t q = 0; q < fired.size(); ++q) {
            const Index j = fired[q];
            if (q + 1 < fired.size()) index_.prefetch_column(fired[q + 1]);
            index_.for_each(
                j, [&](Index i, std::uint32_t s) { w[s] = static_cast<float>(kernel_.on_post(w[s], pre_, i, post_, j, t)); },
                [&](Index i, std::uint32_t s) {
                    __builtin_prefetch(w + s, 1);
                    pre_.prefetch(i);
                });
        }
    }

    std::size_t bytes() const override { return index_.bytes() + pre_.bytes() + post_.bytes(); }

private:
    K kernel_;
    Projection* proj_ = nullptr;
    PreTraces pre_;
    PostTraces post_;
    TransposedIndex index_;
};

}  // namespace plastica
