#pragma once
// Synthetic classification tasks that need no files, each drawn from the seed:
//   xor       the four points of {0,1}^2, label x1 XOR x2 (Rumelhart, Hinton & Williams 1986)
//   clusters  `classes` isotropic Gaussian clusters in `dims` dimensions: centres uniform in
//             [-1, 1]^dims, spread `noise` (standard deviation)
//   spirals   two interleaved spirals (Lang & Witbrock 1988): point t in [0, 1) of spiral c lies at
//             radius t and angle 2 pi turns t + pi c, plus N(0, noise^2) per coordinate
// Train and test sets are independent draws of the same distribution (XOR: the same 4 points).
#include "bridges/dataset.hpp"

namespace plastica {

DataSplits xor_task();
DataSplits gaussian_clusters(Eigen::Index train_n, Eigen::Index test_n, int classes, int dims, double noise, std::uint32_t seed);
DataSplits two_spirals(Eigen::Index train_n, Eigen::Index test_n, double turns, double noise, std::uint32_t seed);

}  // namespace plastica
