#pragma once
// TransposedIndex — the incoming synapses of each postsynaptic neuron of a projection, for rules
// that update weights at postsynaptic spikes (Auryn's transposed matrix; DESIGN.md). For post
// neuron j: entries [col_ptr[j], col_ptr[j+1]), each the presynaptic neuron and the position of
// the synapse in the projection's CSR arrays, in increasing presynaptic order (so the weights
// are visited in address order). 16-bit presynaptic indices when the presynaptic population has
// at most 65536 neurons: with the 4-byte position, 6 or 8 bytes per synapse.
#include <cstdint>
#include <vector>

#include "sim/projection.hpp"

namespace plastica {

class TransposedIndex {
public:
    /// Builds the index of `proj` (n_post postsynaptic neurons); throws Error when the projection
    /// has more synapses than a 32-bit position can address.
    void build(const Projection& proj, Index n_pre, Index n_post, const std::string& where);

    /// Calls f(pre, synapse) for every synapse onto post neuron j, pre as 16- or 32-bit index.
    /// The synapses of a column lie in different rows, so each visit touches a cache line of its
    /// own: `prefetch(pre, synapse)` is called kLookahead entries ahead, so that the caller can
    /// request those lines while it works on the current ones.
    static constexpr std::uint64_t kLookahead = 16;
    template <class F, class P>
    void for_each(Index j, F&& f, P&& prefetch) const {
        const std::uint64_t c0 = col_ptr_[j], c1 = col_ptr_[j + 1];
        const std::uint32_t* syn = syn_.data();
        pre_.visit([&](const auto* pre) {
            for (std::uint64_t c = c0; c < c1; ++c) {
                // The column itself is cold (a random one per postsynaptic spike): stream it in
                // a few cache lines ahead of the lookahead reads.
                __builtin_prefetch(pre + c + 4 * kLookahead);
                __builtin_prefetch(syn + c + 4 * kLookahead);
                if (c + kLookahead < c1) prefetch(static_cast<Index>(pre[c + kLookahead]), syn[c + kLookahead]);
                f(static_cast<Index>(pre[c]), syn[c]);
            }
        });
    }
    /// Incoming synapses of post neuron j.
    std::uint64_t column_size(Index j) const { return col_ptr_[j + 1] - col_ptr_[j]; }
    /// Asks for the start of post neuron j's column to be brought into cache.
    void prefetch_column(Index j) const {
        const std::uint64_t c0 = col_ptr_[j];
        pre_.visit([&](const auto* pre) {
            for (int l = 0; l < 4; ++l) __builtin_prefetch(pre + c0 + l * 32);
        });
        for (int l = 0; l < 4; ++l) __builtin_prefetch(syn_.data() + c0 + l * 16);
    }
    std::size_t bytes() const {
        return col_ptr_.capacity() * sizeof(std::uint64_t) + pre_.bytes() + syn_.capacity() * sizeof(std::uint32_t);
    }

private:
    std::vector<std::uint64_t> col_ptr_;
    TargetIndices pre_;  // the presynaptic neuron of each entry (16 or 32 bits, as target indices)
    std::vector<std::uint32_t> syn_;
};

}  // namespace plastica
