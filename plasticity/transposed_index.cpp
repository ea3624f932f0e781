#include "plasticity/transposed_index.hpp"

#include <limits>

namespace plastica {

void TransposedIndex::build(const Projection& proj, Index n_pre, Index n_post, const std::string& where) {
    const std::uint64_t n = proj.size();
    if (n > std::numeric_limits<std::uint32_t>::max())
        throw Error(where, "synapses", std::to_string(n), "a plastic projection holds at most 2^32 - 1 synapses");
    // Counting sort by target: walking rows in presynaptic order keeps each column sorted by pre.
    col_ptr_.assign(std::size_t(n_post) + 1, 0);
    proj.target.visit([&](const auto* tgt) {
        for (std::uint64_t s = 0; s < n; ++s) ++col_ptr_[std::size_t(tgt[s]) + 1];
    });
    for (Index j = 0; j < n_post; ++j) col_ptr_[j + 1] += col_ptr_[j];
    std::vector<std::uint64_t> fill(col_ptr_.begin(), col_ptr_.end() - 1);
    pre_.resize(n, n_pre);
    syn_.assign(n, 0);
    proj.target.visit([&](const auto* tgt) {
        for (Index i = 0; i < n_pre; ++i) {
            const auto [s0, s1] = proj.row(i);
            for (std::uint64_t s = s0; s < s1; ++s) {
                const std::uint64_t c = fill[tgt[s]]++;
                pre_.set(c, i);
                syn_[c] = static_cast<std::uint32_t>(s);
            }
        }
    });
}

}  // namespace plastica
