#include "bridges/synthetic.hpp"

#include <cmath>

#include "sim/check.hpp"
#include "sim/random.hpp"

namespace plastica {

namespace {

Dataset empty(const std::string& name, Eigen::Index features, Eigen::Index n, int classes) {
    Dataset d;
    d.name = name;
    d.x.resize(features, n);
    d.labels.resize(static_cast<std::size_t>(n));
    d.classes = classes;
    d.shape = {static_cast<std::uint32_t>(features)};
    return d;
}

void check_sizes(const std::string& task, Eigen::Index train_n, Eigen::Index test_n, double noise) {
    if (train_n < 1) throw Error("task " + task, "samples", std::to_string(train_n), "must be at least 1");
    if (test_n < 1) throw Error("task " + task, "test_samples", std::to_string(test_n), "must be at least 1");
    check::non_negative("task " + task, "noise", noise);
}

}  // namespace

DataSplits xor_task() {
    Dataset d = empty("xor", 2, 4, 2);
    for (int i = 0; i < 4; ++i) {
        d.x(0, i) = static_cast<float>(i >> 1);
        d.x(1, i) = static_cast<float>(i & 1);
        d.labels[static_cast<std::size_t>(i)] = (i >> 1) ^ (i & 1);
    }
    return make_splits(d, d);  // the four points are both the training and the test set
}

DataSplits gaussian_clusters(Eigen::Index train_n, Eigen::Index test_n, int classes, int dims, double noise, std::uint32_t seed) {
    check_sizes("clusters", train_n, test_n, noise);
    if (classes < 2) throw Error("task clusters", "classes", std::to_string(classes), "must be at least 2");
    if (dims < 1) throw Error("task clusters", "dims", std::to_string(dims), "must be at least 1");
    const std::uint32_t stream = stream_id(StreamKind::dataset, 1);
    Eigen::MatrixXd centre(dims, classes);
    RandomStream c(seed, stream, 0, 0);
    for (int k = 0; k < classes; ++k)
        for (int i = 0; i < dims; ++i) centre(i, k) = 2 * c.uniform() - 1;
    auto draw = [&](Eigen::Index n, std::uint64_t part) {
        Dataset d = empty("clusters", dims, n, classes);
        for (Eigen::Index j = 0; j < n; ++j) {
            RandomStream rng(seed, stream, 1 + static_cast<std::uint64_t>(j), part);
            const int k = static_cast<int>(rng.below(static_cast<std::uint32_t>(classes)));
            d.labels[static_cast<std::size_t>(j)] = k;
            for (int i = 0; i < dims; ++i) d.x(i, j) = static_cast<float>(centre(i, k) + noise * rng.normal());
        }
        return d;
    };
    return make_splits(draw(train_n, 1), draw(test_n, 2));
}

DataSplits two_spirals(Eigen::Index train_n, Eigen::Index test_n, double turns, double noise, std::uint32_t seed) {
    check_sizes("spirals", train_n, test_n, noise);
    check::positive("task spirals", "turns", turns);
    const std::uint32_t stream = stream_id(StreamKind::dataset, 2);
    auto draw = [&](Eigen::Index n, std::uint64_t part) {
        Dataset d = empty("spirals", 2, n, 2);
        for (Eigen::Index j = 0; j < n; ++j) {
            RandomStream rng(seed, stream, static_cast<std::uint64_t>(j), part);
            const int c = static_cast<int>(j & 1);
            const double t = rng.uniform();
            const double a = 2 * M_PI * turns * t + M_PI * c;
            d.labels[static_cast<std::size_t>(j)] = c;
            d.x(0, j) = static_cast<float>(t * std::cos(a) + noise * rng.normal());
            d.x(1, j) = static_cast<float>(t * std::sin(a) + noise * rng.normal());
        }
        return d;
    };
    return make_splits(draw(train_n, 1), draw(test_n, 2));
}

}  // namespace plastica
