#pragma once
// The synthetic task the learners' tests share: four Gaussian clusters, 2,000 training and 1,000
// test samples (sd 0.2 around centres drawn in [-1, 1]^dims, scaled to [0, 1]).
#include "bridges/task.hpp"

namespace plastica::test {

inline Task clusters_task(int dims = 10, std::uint32_t seed = 5) {
    TaskOptions o;
    o.train_samples = 2000;
    o.test_samples = 1000;
    o.classes = 4;
    o.dims = dims;
    o.noise = 0.2;
    o.seed = seed;
    return make_task("clusters", o);
}

}  // namespace plastica::test
