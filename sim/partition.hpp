#pragma once
// How a population is split among threads. Thread k owns one contiguous range of every
// population, for both the neuron update and the delivery of input to those neurons, so no two
// threads ever write the same input slot (no atomics) and each neuron's inputs are summed in the
// same order at any thread count. Boundaries are multiples of 16 so that a vectorised loop
// treats every neuron the same way whatever the thread count.
#include <algorithm>
#include <cstdint>

namespace plastica {

struct Range {
    std::uint32_t begin, end;
    bool empty() const { return begin == end; }
};

inline Range thread_range(std::uint32_t n, int threads, int k) {
    const std::uint64_t blocks = (n + 15u) / 16u;
    auto edge = [&](int j) {
        return static_cast<std::uint32_t>(std::min<std::uint64_t>(n, (blocks * j / threads) * 16u));
    };
    return {edge(k), k + 1 == threads ? n : edge(k + 1)};
}

}  // namespace plastica
