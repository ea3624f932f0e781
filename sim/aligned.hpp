#pragma once
// Cache-line aligned storage for the arrays that the vectorised neuron loops walk.
//
// Why: a vectorised loop over [begin, end) peels scalar iterations until its pointers are
// aligned. With arrays aligned to 64 bytes and chunk boundaries that are multiples of 16 neurons
// (sim/partition.hpp) nothing is peeled, so a neuron is computed by the same instructions at any
// thread count (bit-identical results, DESIGN.md), and AVX-512 loads never split a cache line.
#include <cstddef>
#include <new>
#include <vector>

namespace plastica {

inline constexpr std::size_t kAlignBytes = 64;

/// std::allocator with 64-byte alignment (C++17 aligned operator new).
template <class T>
struct AlignedAllocator {
    using value_type = T;
    AlignedAllocator() = default;
    template <class U>
    AlignedAllocator(const AlignedAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) {
        return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{kAlignBytes}));
    }
    void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, std::align_val_t{kAlignBytes}); }
    template <class U>
    bool operator==(const AlignedAllocator<U>&) const noexcept { return true; }
};

/// A std::vector whose data() is 64-byte aligned.
template <class T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

/// n rounded up so that rows of n elements of T start on 64-byte boundaries.
template <class T>
constexpr std::size_t aligned_stride(std::size_t n) {
    constexpr std::size_t per_line = kAlignBytes / sizeof(T);
    return (n + per_line - 1) / per_line * per_line;
}

}  // namespace plastica
