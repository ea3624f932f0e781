#include "bridges/task.hpp"

#include <algorithm>
#include <cmath>

#include "bridges/synthetic.hpp"
#include "sim/error.hpp"
#include "sim/random.hpp"

namespace plastica {

namespace {

/// Min-max scaling of every split to [0, 1] by the training set's per-feature range (test values
/// outside it are clipped: an encoder cannot fire below 0 or above its maximum rate).
void scale_to_unit(DataSplits& d) {
    const Eigen::VectorXf lo = d.train.x.rowwise().minCoeff(), hi = d.train.x.rowwise().maxCoeff();
    const Eigen::VectorXf span = (hi - lo).cwiseMax(1e-12f);
    for (Dataset* s : {&d.train, &d.test}) {
        s->x = ((s->x.colwise() - lo).array().colwise() / span.array()).matrix();
        s->x = s->x.cwiseMax(0.0f).cwiseMin(1.0f);
    }
}

Dataset bars_dataset(int n, Eigen::Index count, const std::string& name) {
    Dataset d;
    d.name = name;
    d.x = rate::Matrix<float>::Zero(n * n, count);
    d.labels.assign(static_cast<std::size_t>(count), 0);
    d.classes = 2 * n;
    d.shape = {static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(n)};
    for (int b = 0; b < 2 * n; ++b) {
        std::string s = b < n ? "row " : "column ";
        s += std::to_string(b < n ? b : b - n);
        d.class_names.push_back(s);
    }
    return d;
}

/// Draws bar b (0..n-1 rows, n..2n-1 columns) into column j.
void draw_bar(Dataset& d, int n, int b, Eigen::Index j) {
    for (int k = 0; k < n; ++k) {
        const int r = b < n ? b : k, c = b < n ? k : b - n;
        d.x(r * n + c, j) = 1.0f;
    }
}

}  // namespace

const std::vector<std::string>& task_names() {
    static const std::vector<std::string> n = {"fashion_mnist", "idx", "xor", "clusters", "bars"};
    return n;
}

DataSplits bars_task(int n, Eigen::Index train_n, std::uint32_t seed) {
    if (n < 2) throw Error("task bars", "bar_size", std::to_string(n), "must be at least 2");
    if (train_n < 1) throw Error("task bars", "train_samples", std::to_string(train_n), "must be at least 1");
    Dataset train = bars_dataset(n, train_n, "bars"), test = bars_dataset(n, 2 * n, "bars");
    const std::uint32_t stream = stream_id(StreamKind::dataset, 3);
    const std::uint32_t p = static_cast<std::uint32_t>(n);  // each bar on with probability 1/n
    for (Eigen::Index j = 0; j < train_n; ++j) {
        RandomStream rng(seed, stream, static_cast<std::uint64_t>(j), 0);
        int first = -1;
        for (int b = 0; b < 2 * n; ++b)
            if (rng.below(p) == 0) {
                draw_bar(train, n, b, j);
                if (first < 0) first = b;
            }
        train.labels[static_cast<std::size_t>(j)] = first < 0 ? 0 : first;  // not used: the task is unsupervised
    }
    for (int b = 0; b < 2 * n; ++b) {
        draw_bar(test, n, b, b);
        test.labels[static_cast<std::size_t>(b)] = b;
    }
    return make_splits(std::move(train), std::move(test));
}

void keep_classes(DataSplits& d, const std::vector<int>& classes, const std::string& where) {
    const int K = d.train.classes;
    std::vector<int> map(static_cast<std::size_t>(K), -1);
    for (std::size_t k = 0; k < classes.size(); ++k) {
        const int c = classes[k];
        if (c < 0 || c >= K) throw Error(where, "class_subset", std::to_string(c), "is not a class of this task (0 to " + std::to_string(K - 1) + ")");
        if (map[static_cast<std::size_t>(c)] >= 0) throw Error(where, "class_subset", std::to_string(c), "is named twice");
        map[static_cast<std::size_t>(c)] = static_cast<int>(k);
    }
    for (Dataset* s : {&d.train, &d.validation, &d.test}) {
        std::vector<Eigen::Index> idx;
        for (Eigen::Index j = 0; j < s->size(); ++j)
            if (map[static_cast<std::size_t>(s->labels[static_cast<std::size_t>(j)])] >= 0) idx.push_back(j);
        Dataset kept = s->select(idx);
        for (auto& l : kept.labels) l = map[static_cast<std::size_t>(l)];
        kept.classes = static_cast<int>(classes.size());
        if (!s->class_names.empty()) {
            kept.class_names.clear();
            for (int c : classes) kept.class_names.push_back(s->class_names[static_cast<std::size_t>(c)]);
        }
        *s = std::move(kept);
    }
}

Task make_task(const std::string& name, const TaskOptions& o, const std::string& where) {
    Task t;
    t.name = name;
    if (o.train_samples < 0) throw Error(where, "train_samples", std::to_string(o.train_samples), "must be >= 0");
    if (o.test_samples < 0) throw Error(where, "test_samples", std::to_string(o.test_samples), "must be >= 0");
    if (name == "xor") {
        t.data = xor_task();
    } else if (name == "clusters") {
        t.data = gaussian_clusters(o.train_samples ? o.train_samples : 2000, o.test_samples ? o.test_samples : 1000, o.classes, o.dims,
                                   o.noise, o.seed);
        scale_to_unit(t.data);
    } else if (name == "bars") {
        t.data = bars_task(o.bar_size, o.train_samples ? o.train_samples : 5000, o.seed);
        t.supervised = false;
    } else if (name == "fashion_mnist" || name == "idx") {
        const std::string files[4] = {o.train_images, o.train_labels, o.test_images, o.test_labels};
        const int given = !files[0].empty() + !files[1].empty() + !files[2].empty() + !files[3].empty();
        if (name == "idx" && given == 4)
            t.data = load_idx_files(files[0], files[1], files[2], files[3], "idx");
        else if (given)
            throw Error(where, "train_images", files[0], "give all four of train_images, train_labels, test_images, test_labels (task idx), or data_dir");
        else
            t.data = name == "fashion_mnist" ? fashion_mnist(o.data_dir) : load_idx_directory(o.data_dir, "idx");
        if (!o.class_subset.empty()) keep_classes(t.data, o.class_subset, where);
        if (o.train_samples) t.data.train = t.data.train.first(o.train_samples, where, "train_samples");
        if (o.test_samples) t.data.test = t.data.test.first(o.test_samples, where, "test_samples");
        normalise(t.data, Normalisation::scale);  // bytes / 255
    } else {
        std::string known;
        for (const auto& k : task_names()) known += (known.empty() ? "" : ", ") + k;
        throw Error(where, "task", name, "unknown task (known: " + known + ")");
    }
    if (!o.class_subset.empty() && name != "fashion_mnist" && name != "idx") keep_classes(t.data, o.class_subset, where);
    return t;
}

Score score(const std::vector<int>& predicted, const std::vector<int>& labels, int classes) {
    if (predicted.size() != labels.size())
        throw Error("score", "predictions", std::to_string(predicted.size()), "must be one per label (" + std::to_string(labels.size()) + ")");
    Score s;
    s.confusion = Eigen::MatrixXi::Zero(classes, classes);
    std::vector<std::size_t> right(static_cast<std::size_t>(classes), 0), seen(static_cast<std::size_t>(classes), 0);
    std::size_t correct = 0;
    for (std::size_t j = 0; j < labels.size(); ++j) {
        const int y = labels[j], p = predicted[j];
        if (y < 0 || y >= classes) throw Error("score", "label", std::to_string(y), "outside [0, " + std::to_string(classes) + ")");
        if (p < -1 || p >= classes) throw Error("score", "prediction", std::to_string(p), "outside [-1, " + std::to_string(classes) + ")");
        seen[static_cast<std::size_t>(y)] += 1;
        if (p >= 0) s.confusion(y, p) += 1;
        if (p == y) {
            right[static_cast<std::size_t>(y)] += 1;
            correct += 1;
        }
    }
    s.accuracy = labels.empty() ? NAN : static_cast<double>(correct) / static_cast<double>(labels.size());
    for (int c = 0; c < classes; ++c) {
        const auto k = static_cast<std::size_t>(c);
        s.per_class.push_back(seen[k] ? static_cast<double>(right[k]) / static_cast<double>(seen[k]) : NAN);
    }
    return s;
}

}  // namespace plastica
