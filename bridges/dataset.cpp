#include "bridges/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "bridges/idx.hpp"
#include "sim/check.hpp"
#include "sim/random.hpp"

namespace plastica {

Dataset Dataset::select(const std::vector<Eigen::Index>& idx) const {
    Dataset d;
    d.name = name;
    d.classes = classes;
    d.shape = shape;
    d.class_names = class_names;
    d.x.resize(x.rows(), static_cast<Eigen::Index>(idx.size()));
    d.labels.resize(idx.size());
    for (std::size_t j = 0; j < idx.size(); ++j) {
        d.x.col(static_cast<Eigen::Index>(j)) = x.col(idx[j]);
        d.labels[j] = labels[static_cast<std::size_t>(idx[j])];
    }
    return d;
}

Dataset Dataset::head(Eigen::Index n) const {
    std::vector<Eigen::Index> idx(static_cast<std::size_t>(std::min(n, size())));
    for (std::size_t j = 0; j < idx.size(); ++j) idx[j] = static_cast<Eigen::Index>(j);
    return select(idx);
}

Dataset Dataset::first(std::int64_t n, const std::string& where, const std::string& key) const {
    if (n > size())
        throw Error(where, key, std::to_string(n), "exceeds the " + std::to_string(size()) + " samples of the data (0 takes all)");
    return head(n);
}

DataSplits make_splits(Dataset train, Dataset test) {
    DataSplits d{std::move(train), {}, std::move(test)};
    d.validation = d.train.head(0);
    return d;
}

Dataset load_idx_dataset(const std::string& images, const std::string& labels, const std::string& name, int classes) {
    const IdxArray im = read_idx(images);
    const IdxArray lb = read_idx(labels);
    if (lb.dims.size() != 1)
        throw Error(labels + ": a labels file has rank 1, this one has rank " + std::to_string(lb.dims.size()));
    if (im.items() != lb.items())
        throw Error(images + ": " + std::to_string(im.items()) + " images but " + labels + " has " + std::to_string(lb.items()) +
                    " labels (size mismatch)");
    Dataset d;
    d.name = name;
    const auto n = static_cast<Eigen::Index>(im.items());
    const auto f = static_cast<Eigen::Index>(im.item_size());
    d.shape.assign(im.dims.begin() + 1, im.dims.end());
    if (d.shape.empty()) d.shape = {1};
    // IDX is row-major with the item first, so item i's values are contiguous: one column each.
    d.x = Eigen::Map<const rate::Matrix<float>>(im.values.data(), f, n);
    d.labels.resize(static_cast<std::size_t>(n));
    int top = -1;
    for (Eigen::Index i = 0; i < n; ++i) {
        const float v = lb.values[static_cast<std::size_t>(i)];
        if (!(v >= 0) || v != std::floor(v) || v > 1e6f)
            throw Error(labels + ": label " + std::to_string(i) + " = " + to_text(v) + " is not a class index (a whole number >= 0)");
        d.labels[static_cast<std::size_t>(i)] = static_cast<int>(v);
        top = std::max(top, static_cast<int>(v));
    }
    if (classes > 0 && top >= classes)
        throw Error(labels + ": label " + std::to_string(top) + " outside the " + std::to_string(classes) + " classes");
    if (classes <= 0) {
        // The classes are 0 .. the largest label, so each of them must occur: one corrupt label
        // (255) would otherwise make hundreds of empty output classes.
        std::vector<char> seen(static_cast<std::size_t>(top + 1), 0);
        for (int l : d.labels) seen[static_cast<std::size_t>(l)] = 1;
        for (int k = 0; k <= top; ++k)
            if (!seen[static_cast<std::size_t>(k)]) {
                std::size_t at = 0;
                while (d.labels[at] != top) ++at;
                throw Error(labels + ": class " + std::to_string(k) + " never occurs below the largest label, " + std::to_string(top) +
                            " (item " + std::to_string(at) + "): a corrupt label? The classes are 0 .. the largest label");
            }
    }
    d.classes = classes > 0 ? classes : top + 1;
    return d;
}

namespace {
std::string find_file(const std::string& dir, const std::string& stem) {
    namespace fs = std::filesystem;
    for (const std::string& s : {stem + ".gz", stem})
        if (fs::exists(fs::path(dir) / s)) return (fs::path(dir) / s).string();
    throw Error(dir + ": no " + stem + "[.gz] (expected the four IDX files of the MNIST family; install Debian's "
                "dataset-fashion-mnist or pass another directory)");
}
}  // namespace

DataSplits load_idx_files(const std::string& train_images, const std::string& train_labels, const std::string& test_images,
                          const std::string& test_labels, const std::string& name) {
    Dataset train = load_idx_dataset(train_images, train_labels, name);
    Dataset test = load_idx_dataset(test_images, test_labels, name, train.classes);
    if (test.features() != train.features())
        throw Error(test_images + ": " + std::to_string(test.features()) + " values per image, the training images (" + train_images +
                    ") have " + std::to_string(train.features()));
    return make_splits(std::move(train), std::move(test));
}

DataSplits load_idx_directory(const std::string& dir, const std::string& name) {
    std::string files[4];  // looked up in this order, so a message names the first one missing
    const char* stems[4] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    for (int i = 0; i < 4; ++i) files[i] = find_file(dir, stems[i]);
    return load_idx_files(files[0], files[1], files[2], files[3], name);
}

DataSplits fashion_mnist(const std::string& dir) {
    DataSplits d = load_idx_directory(dir, "fashion_mnist");
    const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                         "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    if (d.train.classes != 10) throw Error(dir + ": Fashion-MNIST has 10 classes, these files have " + std::to_string(d.train.classes));
    for (Dataset* s : {&d.train, &d.validation, &d.test}) s->class_names = names;
    return d;
}

Normalisation normalisation(const std::string& name, const std::string& where) {
    if (name == "none") return Normalisation::none;
    if (name == "scale") return Normalisation::scale;
    if (name == "standardize") return Normalisation::standardize;
    throw Error(where, "normalise", name, "unknown normalisation (known: none, scale, standardize)");
}

void normalise(DataSplits& d, Normalisation how, float max_value) {
    if (how == Normalisation::none) return;
    if (how == Normalisation::scale) {
        for (Dataset* s : {&d.train, &d.validation, &d.test}) s->x /= max_value;
        return;
    }
    const Eigen::VectorXd mean = d.train.x.cast<double>().rowwise().mean();
    Eigen::VectorXd sd = ((d.train.x.cast<double>().colwise() - mean).array().square().rowwise().mean()).sqrt();
    for (Eigen::Index i = 0; i < sd.size(); ++i)
        if (!(sd(i) > 0)) sd(i) = 1;
    const Eigen::VectorXf m = mean.cast<float>(), inv = sd.cwiseInverse().cast<float>();
    for (Dataset* s : {&d.train, &d.validation, &d.test}) {
        s->x.colwise() -= m;
        s->x = inv.asDiagonal() * s->x;
    }
}

void split_validation(DataSplits& d, double fraction, std::uint32_t seed) {
    check::in_range("dataset " + d.train.name, "validation", fraction, 0, 0.9);
    if (fraction <= 0) return;
    const Eigen::Index n = d.train.size();
    const auto n_val = static_cast<Eigen::Index>(std::llround(fraction * static_cast<double>(n)));
    if (n_val < 1 || n_val >= n) throw Error("dataset " + d.train.name, "validation", to_text(fraction), "leaves an empty training or validation set");
    const auto order = rate::random_permutation(n, seed, stream_id(StreamKind::dataset, 0), 0);
    std::vector<Eigen::Index> val(order.begin(), order.begin() + n_val), tr(order.begin() + n_val, order.end());
    std::sort(val.begin(), val.end());
    std::sort(tr.begin(), tr.end());
    d.validation = d.train.select(val);
    d.train = d.train.select(tr);
}

}  // namespace plastica
