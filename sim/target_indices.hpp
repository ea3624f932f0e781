#pragma once
// TargetIndices — the postsynaptic neuron of each synapse of a projection, stored 16 bits wide
// when the target population has at most 65536 neurons and 32 bits otherwise.
//
// Why: with a float weight, a 16-bit index makes a static synapse 6 bytes instead of 8 (the
// 64,000-neuron benchmark's populations have 51,200 and 12,800 neurons), and delivery, which is
// bound by memory traffic through the synapse arrays, reads a quarter less. GeNN narrows its
// index type the same way. Code that walks the array calls visit() once per projection, so each
// hot loop is compiled for both widths and has no branch per synapse.
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/population.hpp"

namespace plastica {

/// Postsynaptic index per synapse, 16- or 32-bit depending on the target population's size.
class TargetIndices {
public:
    /// Largest target population whose indices fit in 16 bits.
    static constexpr Index kNarrowLimit = Index{std::numeric_limits<std::uint16_t>::max()} + 1;

    /// Sets the width for a target population of `n_post` neurons and holds `n` zero indices.
    void resize(std::uint64_t n, Index n_post) {
        narrow_ = n_post <= kNarrowLimit;
        narrow16_.clear();
        wide32_.clear();
        if (narrow_) narrow16_.resize(n);
        else wide32_.resize(n);
    }
    std::uint64_t size() const { return narrow_ ? narrow16_.size() : wide32_.size(); }
    bool narrow() const { return narrow_; }
    Index operator[](std::uint64_t s) const { return narrow_ ? narrow16_[s] : wide32_[s]; }
    void set(std::uint64_t s, Index j) {
        if (narrow_) narrow16_[s] = static_cast<std::uint16_t>(j);
        else wide32_[s] = j;
    }
    /// Calls f(pointer to the first index) with a `const std::uint16_t*` or `const std::uint32_t*`.
    template <class F>
    decltype(auto) visit(F&& f) const {
        return narrow_ ? f(static_cast<const std::uint16_t*>(narrow16_.data())) : f(static_cast<const std::uint32_t*>(wide32_.data()));
    }
    /// Calls f(pointer to the first index), writable.
    template <class F>
    decltype(auto) visit(F&& f) {
        return narrow_ ? f(narrow16_.data()) : f(wide32_.data());
    }
    /// Bytes held.
    std::size_t bytes() const { return narrow16_.capacity() * sizeof(std::uint16_t) + wide32_.capacity() * sizeof(std::uint32_t); }
    /// A copy as 32-bit indices (tests, export).
    std::vector<Index> to_vector() const {
        return visit([&](const auto* p) { return std::vector<Index>(p, p + size()); });
    }

private:
    bool narrow_ = true;
    std::vector<std::uint16_t> narrow16_;
    std::vector<std::uint32_t> wide32_;
};

}  // namespace plastica
