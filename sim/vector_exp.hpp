#pragma once
// vector_exp — exp(x) in plain arithmetic, so that a loop calling it vectorises.
//
// Why not std::exp: it is a call into libm, which stops GCC from vectorising the neuron loop
// (glibc's vector variants in libmvec are only declared under -ffast-math, which would break the
// IEEE semantics the rest of the engine relies on). Why not Eigen's packet exp: it works on whole
// arrays, which would split the fused one-pass neuron update into three passes over memory.
//
// Method (Cody & Waite 1980; as fdlibm's __ieee754_exp, without its table): x = n ln2 + r with
// n = round(x / ln2) and |r| <= ln2/2, ln2 split in a high part with 21 trailing zero bits (n ln2_hi
// is exact for |n| < 2^21) and a low part; exp(r) by its Taylor series to degree 13 (truncation
// below 5e-18 relative), evaluated by Horner's rule; then exp(x) = 2^n exp(r), 2^n built from its
// exponent bits. Accuracy: within 1 ulp of glibc's std::exp on [-708, 709] (measured on 10^7
// points; tests/sim/test_vector_exp.cpp asserts 2 ulp). exp(x) is 0 below -708.39
// (where the true value is subnormal, below 2.2e-308), +inf above 709.78, and NaN for NaN.
// The function is pure arithmetic: a scalar and a vector evaluation give the same bits.
#include <bit>
#include <cstdint>
#include <limits>

namespace plastica {

/// a * b + c: one fused multiply-add where the CPU has it (one rounding, and half the latency in
/// a dependent chain such as Horner's rule), two IEEE operations where it has not. Written out
/// because the build forbids implicit contraction (-ffp-contract=off, CMakeLists.txt: GCC would
/// contract differently in a loop's vector body and its scalar remainder); an explicit fma is
/// exactly specified, so scalar and vector code still give the same bits.
[[gnu::always_inline]] inline double madd(double a, double b, double c) {
#if defined(__FMA__)
    return __builtin_fma(a, b, c);
#else
    return a * b + c;
#endif
}

// Always inlined: a loop that calls it several times per neuron (Hodgkin-Huxley rates) vectorises
// only if every call is inlined, and GCC's size heuristics otherwise stop at a few calls.
[[gnu::always_inline]] inline double vector_exp(double x) {
    constexpr double log2e = 1.44269504088896338700e+00;
    constexpr double ln2_hi = 6.93147180369123816490e-01;  // 0x3fe62e42fee00000
    constexpr double ln2_lo = 1.90821492927058770002e-10;  // 0x3dea39ef35793c76
    constexpr double shifter = 0x1.8p52;                    // adding it rounds to an integer
    constexpr double lo = -708.39641853226408, hi = 709.78271289338397;
    const double xc = x < lo ? lo : (x > hi ? hi : x);  // NaN passes through
    const double k = madd(xc, log2e, shifter);
    const double n = k - shifter;  // round(x / ln2), exactly an integer
    const double r = (xc - n * ln2_hi) - n * ln2_lo;
    double p = 1.0 / 6227020800.0;  // 1/13!
    p = madd(p, r, 1.0 / 479001600.0);
    p = madd(p, r, 1.0 / 39916800.0);
    p = madd(p, r, 1.0 / 3628800.0);
    p = madd(p, r, 1.0 / 362880.0);
    p = madd(p, r, 1.0 / 40320.0);
    p = madd(p, r, 1.0 / 5040.0);
    p = madd(p, r, 1.0 / 720.0);
    p = madd(p, r, 1.0 / 120.0);
    p = madd(p, r, 1.0 / 24.0);
    p = madd(p, r, 1.0 / 6.0);
    p = madd(p, r, 0.5);
    p = madd(p, r, 1.0);
    p = madd(p, r, 1.0);
    // n (in [-1022, 1024]) sits in the low mantissa bits of k. 2^n is applied as two normal
    // factors 2^n1 2^n2 (n1 = floor(n/2)) because 2^1024 itself is not a double.
    const std::int64_t ni = std::bit_cast<std::int64_t>(k) - std::bit_cast<std::int64_t>(shifter);
    const std::int64_t n1 = ni >> 1, n2 = ni - n1;
    const double s1 = std::bit_cast<double>(static_cast<std::uint64_t>(n1 + 1023) << 52);
    const double s2 = std::bit_cast<double>(static_cast<std::uint64_t>(n2 + 1023) << 52);
    double e = p * s1 * s2;
    e = x < lo ? 0.0 : e;
    e = x > hi ? std::numeric_limits<double>::infinity() : e;
    return e;
}

}  // namespace plastica
