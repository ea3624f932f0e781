#pragma once
// Matrix types of the rate network and the one way it runs work in parallel.
//
// A batch is a matrix with one sample per column (Eigen's default column-major order keeps a
// sample contiguous). Every product of the network is split into blocks of result rows whose
// edges depend on the matrix sizes only, never on the thread count, and each block is one
// single-threaded Eigen product run as a oneTBB task. Every element is then computed by the same
// kernel on the same operands at any thread count, so training is bit-identical at 1, 2 or 16
// threads. (Eigen's own OpenMP-parallel product picks its blocking from the thread count, which
// changes the order of the sums; it is switched off with EIGEN_DONT_PARALLELIZE, which also keeps
// Eigen's OpenMP threads from competing with TBB's. CMake defines it for every translation unit:
// defined here only, it would miss a file that includes Eigen first, and Eigen's templates would
// differ between files.)
#ifndef EIGEN_DONT_PARALLELIZE
#error "EIGEN_DONT_PARALLELIZE must be defined for the whole build (see CMakeLists.txt)"
#endif
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cstdint>
#include <utility>

namespace plastica::rate {

/// A dense matrix; for activations, features x batch.
template <class T>
using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
/// A column vector (biases).
template <class T>
using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;

/// Rows per block of a parallel product: a multiple of every SIMD width Eigen uses, and large
/// enough that each task amortises packing its operands.
constexpr Eigen::Index kRowBlock = 64;

/// Calls f(first, count) for the blocks of `block` indices of [0, n), in parallel with oneTBB
/// (within the caller's task arena, so the thread budget is the arena's).
template <class F>
void for_blocks(Eigen::Index n, Eigen::Index block, F&& f) {
    const Eigen::Index blocks = (n + block - 1) / block;
    if (blocks <= 1) {
        if (n > 0) f(Eigen::Index{0}, n);
        return;
    }
    tbb::parallel_for(
        tbb::blocked_range<Eigen::Index>(0, blocks, 1),
        [&](const tbb::blocked_range<Eigen::Index>& r) {
            for (Eigen::Index b = r.begin(); b < r.end(); ++b) {
                const Eigen::Index first = b * block;
                f(first, std::min(block, n - first));
            }
        },
        tbb::simple_partitioner());
}

/// for_blocks over the rows of a product's result, kRowBlock at a time.
template <class F>
void for_row_blocks(Eigen::Index n, F&& f) {
    for_blocks(n, kRowBlock, std::forward<F>(f));
}

}  // namespace plastica::rate
