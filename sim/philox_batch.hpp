#pragma once
// Philox4x32-10 for many counters at once: the first uniform of RandomStream(seed, stream, id,
// step) for a run of consecutive ids, bit for bit, but computed as structure-of-arrays rounds that
// the compiler vectorises (eight 32x32->64 multiplies per AVX-512 instruction instead of one).
// The per-neuron-step draws of Poisson sources and drives are the hot spot of a driven network
// (a tenth-millisecond step of 10,000 neurons is 10^5 draws); one scalar Philox call per draw
// made them about a third of the Brunel benchmark's time.
//
// The round function and constants are Random123's (Salmon et al. 2011, SC'11, Sec. 3.2):
//   (hi0, lo0) = M0 * c0, (hi1, lo1) = M1 * c2,  c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0),
//   the key bumped by the Weyl constants (W0, W1) between rounds. tests/sim/test_random.cpp
// checks the batch against r123::Philox4x32 through RandomStream.
#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace plastica {

/// out[j] = RandomStream(seed, stream, id(j), step).uniform() for j < n.
template <class Id>
inline void philox_uniforms(std::uint32_t seed, std::uint32_t stream, std::size_t n, std::uint64_t step, Id id_of, double* out) {
    constexpr std::size_t kTile = 64;
    constexpr std::uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
    alignas(64) std::uint32_t c0[kTile], c1[kTile], c2[kTile], c3[kTile];
    const auto s_lo = static_cast<std::uint32_t>(step), s_hi = static_cast<std::uint32_t>((step >> 32) & 0xffffu);
    for (std::size_t base = 0; base < n; base += kTile) {
        const std::size_t m = std::min(kTile, n - base);
        for (std::size_t j = 0; j < m; ++j) {
            const std::uint64_t id = id_of(base + j);
            c0[j] = static_cast<std::uint32_t>(id);
            c1[j] = static_cast<std::uint32_t>(id >> 32);
            c2[j] = s_lo;
            c3[j] = s_hi;
        }
        std::uint32_t k0 = seed, k1 = stream;
        for (int r = 0; r < 10; ++r) {
#pragma omp simd
            for (std::size_t j = 0; j < m; ++j) {
                const std::uint64_t p0 = static_cast<std::uint64_t>(M0) * c0[j];
                const std::uint64_t p1 = static_cast<std::uint64_t>(M1) * c2[j];
                const std::uint32_t n0 = static_cast<std::uint32_t>(p1 >> 32) ^ c1[j] ^ k0;
                const std::uint32_t n2 = static_cast<std::uint32_t>(p0 >> 32) ^ c3[j] ^ k1;
                c1[j] = static_cast<std::uint32_t>(p1);
                c3[j] = static_cast<std::uint32_t>(p0);
                c0[j] = n0;
                c2[j] = n2;
            }
            k0 += W0;
            k1 += W1;
        }
        // RandomStream::uniform: 27 bits of word 0 and 26 of word 1, centred in (0, 1)
#pragma omp simd
        for (std::size_t j = 0; j < m; ++j) {
            const std::uint64_t hi = c0[j] >> 5, lo = c1[j] >> 6;
            out[base + j] = (static_cast<double>((hi << 26) | lo) + 0.5) * (1.0 / 9007199254740992.0);
        }
    }
}

/// out[j] = RandomStream(seed, stream, first + j, step).uniform() for j < n.
inline void uniform_batch(std::uint32_t seed, std::uint32_t stream, std::uint64_t first, std::size_t n, std::uint64_t step,
                          double* out) {
    philox_uniforms(seed, stream, n, step, [first](std::size_t j) { return first + j; }, out);
}

/// out[j] = RandomStream(seed, stream, ids[j], step).uniform() for j < n: the same draws as
/// uniform_batch for the ids listed, so a caller may skip ids it does not need.
inline void uniform_gather(std::uint32_t seed, std::uint32_t stream, const std::uint32_t* ids, std::size_t n, std::uint64_t step,
                           double* out) {
    philox_uniforms(seed, stream, n, step, [ids](std::size_t j) { return std::uint64_t{ids[j]}; }, out);
}

}  // namespace plastica
