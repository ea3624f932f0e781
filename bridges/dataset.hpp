#pragma once
// Dataset — labelled samples shared by the rate network and (later) the spiking learners: a
// float matrix with one sample per column (features x samples) and a class label per sample.
// Loaders: any pair of IDX files (images, labels), Fashion-MNIST from Debian's
// dataset-fashion-mnist (the default data directory) or any directory with the same four file
// names (so MNIST works the same), and the synthetic tasks in synthetic.hpp.
#include <cstdint>
#include <string>
#include <vector>

#include "models/rate/tensor.hpp"
#include "models/rate/trainer.hpp"

namespace plastica {

/// Labelled samples.
struct Dataset {
    std::string name;
    rate::Matrix<float> x;             ///< features x samples
    std::vector<int> labels;           ///< one per sample, in [0, classes)
    int classes = 0;
    std::vector<std::uint32_t> shape;  ///< shape of one sample (e.g. {28, 28}); {features} if flat
    std::vector<std::string> class_names;

    Eigen::Index size() const { return x.cols(); }
    Eigen::Index features() const { return x.rows(); }
    rate::SampleView view() const { return {&x, &labels}; }
    /// The samples at `indices`, in that order.
    Dataset select(const std::vector<Eigen::Index>& indices) const;
    /// The first n samples (all if n >= size()).
    Dataset head(Eigen::Index n) const;
    /// The first n samples a user asked for (key `key` from `where`): an Error when the data hold
    /// fewer, never a silent clamp.
    Dataset first(std::int64_t n, const std::string& where, const std::string& key) const;
};

/// Train, validation (possibly empty) and test sets of one task.
struct DataSplits {
    Dataset train, validation, test;
};

/// Splits with these training and test sets and an empty validation set (split_validation
/// fills it).
DataSplits make_splits(Dataset train, Dataset test);

/// Where Debian's dataset-fashion-mnist installs the files.
inline const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// Reads an images IDX file (items x ...) and a labels IDX file (items); checks that the counts
/// match and labels are whole numbers >= 0. classes = largest label + 1 unless given.
Dataset load_idx_dataset(const std::string& images, const std::string& labels, const std::string& name, int classes = 0);

/// Loads a training and a test pair of IDX files; checks that both have the same sample size and
/// gives both the same number of classes.
DataSplits load_idx_files(const std::string& train_images, const std::string& train_labels, const std::string& test_images,
                          const std::string& test_labels, const std::string& name);
/// Loads {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] from `dir` (Fashion-MNIST, MNIST).
DataSplits load_idx_directory(const std::string& dir, const std::string& name);
/// Fashion-MNIST from `dir` with its class names.
DataSplits fashion_mnist(const std::string& dir = kFashionMnistDir);

/// How features are normalised.
enum class Normalisation { none, scale, standardize };
/// Parses "none", "scale", "standardize"; throws Error naming `where`.
Normalisation normalisation(const std::string& name, const std::string& where);
/// scale: divide every split by `max_value` (255 for byte images), so pixels lie in [0, 1];
/// standardize: subtract the training set's per-feature mean and divide by its standard
/// deviation (features with zero spread are only centred). Statistics come from train only.
void normalise(DataSplits& d, Normalisation how, float max_value = 255.0f);

/// Moves a random `fraction` of the training set (order drawn from `seed`) into validation.
void split_validation(DataSplits& d, double fraction, std::uint32_t seed);

}  // namespace plastica
