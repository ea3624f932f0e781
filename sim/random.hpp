#pragma once
// Counter-based random numbers (Random123 Philox4x32-10, Salmon et al. 2011).
//
// A RandomStream is fully determined by (seed, stream, id, step): the stream names the purpose
// (a population's initial values, a projection's connectivity, a Poisson source, ...), id is
// a neuron or synapse index and step the simulation step or draw index. No generator state is
// shared between threads, so every number is independent of thread count and scheduling:
// the same seed gives bit-identical results at 1, 2 or 16 threads (DESIGN.md).
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace plastica {

/// Purpose tags that keep the random streams of different uses apart.
enum class StreamKind : std::uint32_t {
    initial_state = 1,
    connectivity = 2,
    weights = 3,
    delays = 4,
    poisson_source = 5,
    poisson_drive = 6,
    user = 7,
    rate_init = 8,      ///< rate network: initial weights of a layer
    dropout = 9,        ///< rate network: dropout masks
    shuffle = 10,       ///< sample order of an epoch
    dataset = 11,       ///< synthetic datasets and splits
    escape_noise = 12,  ///< stochastic firing of escape-noise models (gif)
    feedback = 13,      ///< feedback alignment: the fixed random feedback matrices
    gamma_source = 14,  ///< inter-spike intervals of gamma renewal sources
    current_noise = 15, ///< noise currents (sim/current_source.hpp)
    inh_gamma_source = 16,  ///< candidates of inhomogeneous gamma sources (thinning)
};

/// Makes a 32-bit stream id from a purpose and an object index (population, projection).
constexpr std::uint32_t stream_id(StreamKind kind, std::uint32_t object) {
    return (static_cast<std::uint32_t>(kind) << 24) ^ (object & 0x00ffffffu);
}

/// A short sequence of random numbers keyed by (seed, stream, id, step). Copyable, cheap.
class RandomStream {
public:
    RandomStream(std::uint32_t seed, std::uint32_t stream, std::uint64_t id, std::uint64_t step) {
        key_ = {{seed, stream}};
        ctr_ = {{static_cast<std::uint32_t>(id), static_cast<std::uint32_t>(id >> 32),
                 static_cast<std::uint32_t>(step), static_cast<std::uint32_t>((step >> 32) & 0xffffu)}};
    }

    /// Next 32 random bits.
    std::uint32_t next_u32() {
        if (used_ == 4) refill();
        return block_.v[used_++];
    }

    /// Uniform double in the open interval (0, 1), 53 random bits.
    double uniform() {
        const std::uint64_t hi = next_u32() >> 5, lo = next_u32() >> 6;  // 27 + 26 bits
        return (static_cast<double>((hi << 26) | lo) + 0.5) * (1.0 / 9007199254740992.0);
    }

    /// Uniform integer in [0, n) without modulo bias (Lemire's method).
    std::uint32_t below(std::uint32_t n) {
        std::uint64_t m = static_cast<std::uint64_t>(next_u32()) * n;
        auto l = static_cast<std::uint32_t>(m);
        if (l < n) {
            const std::uint32_t t = (0u - n) % n;
            while (l < t) {
                m = static_cast<std::uint64_t>(next_u32()) * n;
                l = static_cast<std::uint32_t>(m);
            }
        }
        return static_cast<std::uint32_t>(m >> 32);
    }

    /// Standard normal deviate (Box-Muller; both values of a pair are used).
    double normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        const double u1 = uniform(), u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double a = 6.283185307179586 * u2;
        spare_ = r * std::sin(a);
        has_spare_ = true;
        return r * std::cos(a);
    }

    /// Poisson deviate with mean lambda >= 0: inversion for small means, PTRS transformed
    /// rejection (Hörmann 1993, "The transformed rejection method for generating Poisson
    /// random variables") for lambda >= 10.
    std::uint64_t poisson(double lambda) { return poisson(lambda, lambda > 0 && lambda < 10 ? std::exp(-lambda) : 0.0); }
    /// The same draw with exp(-lambda) computed by the caller (a drive draws with one lambda for
    /// every neuron and step).
    std::uint64_t poisson(double lambda, double exp_neg_lambda) {
        if (lambda <= 0) return 0;
        if (lambda < 10) {
            double p = exp_neg_lambda, f = p, u = uniform();
            std::uint64_t k = 0;
            while (u > f && k < 1000) {
                ++k;
                p *= lambda / static_cast<double>(k);
                f += p;
            }
            return k;
        }
        const double slam = std::sqrt(lambda), loglam = std::log(lambda);
        const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        for (;;) {
            const double u = uniform() - 0.5, v = uniform();
            const double us = 0.5 - std::fabs(u);
            const double k = std::floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
                -lambda + k * loglam - std::lgamma(k + 1))
                return static_cast<std::uint64_t>(k);
        }
    }

private:
    void refill() {
        block_ = r123::Philox4x32()(ctr_, key_);
        ctr_.v[3] += 1u << 16;  // the block index lives in the top 16 bits of the last word
        used_ = 0;
    }
    r123::Philox4x32::key_type key_;
    r123::Philox4x32::ctr_type ctr_;
    r123::Philox4x32::ctr_type block_{};
    int used_ = 4;
    bool has_spare_ = false;
    double spare_ = 0;
};

/// The cumulative probabilities that RandomStream::poisson's inversion (lambda < 10) walks,
/// computed once and in the same order, so that a draw from a given uniform u is the number of
/// entries below u: the same k as the walk, bit for bit, without a division per step of it. The
/// first `prefix` entries are counted branch-free (the walk's exit is an unpredictable branch).
struct PoissonInversion {
    static constexpr std::size_t kMax = 1000;  ///< the walk's cap
    std::vector<double> f;
    std::size_t prefix = 0;

    PoissonInversion() = default;
    explicit PoissonInversion(double lambda) {
        double p = std::exp(-lambda), c = p;
        f.reserve(kMax);
        f.push_back(c);
        for (std::size_t k = 1; k < kMax; ++k) {
            p *= lambda / static_cast<double>(k);
            c += p;
            f.push_back(c);
        }
        while (prefix < 64 && 1 - f[prefix == 0 ? 0 : prefix - 1] > 1e-7) prefix += 8;
    }
    std::uint64_t draw(double u) const {
        std::uint64_t k = 0;
        const double* t = f.data();
#pragma omp simd reduction(+ : k)
        for (std::size_t j = 0; j < prefix; ++j) k += u > t[j];
        if (k == prefix)
            while (k < kMax && u > t[k]) ++k;
        return k;
    }
};

}  // namespace plastica
