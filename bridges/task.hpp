#pragma once
// Task — what every learner of a comparison is trained and scored on: a dataset split into
// train and test sets, features scaled to [0, 1] (pixel intensities, the form rate and latency
// encoders need), and the metric (accuracy, per-class accuracy, confusion matrix).
//
// Tasks by name (make_task):
//   fashion_mnist  Debian's dataset-fashion-mnist (default), 60,000 / 10,000 28x28 images
//   idx            any IDX dataset: a directory with the MNIST file names, or four files
//   xor            the four points of XOR
//   clusters       Gaussian clusters (synthetic.hpp), min-max scaled to [0, 1] with the
//                  training set's range
//   bars           the bars problem (Foldiak 1990), unsupervised: training images of n x n pixels
//                  where each of the n horizontal and n vertical bars is on with probability
//                  1/n; its test set holds every single bar, labelled by bar (2n classes),
//                  so a learner's score says how many bars its first layer separated
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "bridges/dataset.hpp"

namespace plastica {

/// What make_task needs beyond the name (defaults: the comparison's).
struct TaskOptions {
    std::string data_dir = kFashionMnistDir;  ///< fashion_mnist, idx: directory of the four files
    std::string train_images, train_labels, test_images, test_labels;  ///< idx: explicit files
    Eigen::Index train_samples = 0;  ///< first N training samples (0: all); synthetic: how many
    Eigen::Index test_samples = 0;   ///< first N test samples (0: all); synthetic: how many
    int classes = 4, dims = 2;       ///< clusters
    double noise = 0.2;              ///< clusters: spread (sd)
    int bar_size = 8;                ///< bars: image side n
    std::uint32_t seed = 1;          ///< synthetic draws
    std::vector<int> class_subset;   ///< keep only these classes (relabelled 0, 1, ... in this order); empty: all
};

/// A classification task.
struct Task {
    std::string name;
    DataSplits data;          ///< features in [0, 1]; validation empty
    bool supervised = true;   ///< false: training labels are not to be used (bars)

    const Dataset& train() const { return data.train; }
    const Dataset& test() const { return data.test; }
    int classes() const { return data.train.classes; }
    Eigen::Index features() const { return data.train.features(); }
};

/// Names make_task knows.
const std::vector<std::string>& task_names();
/// The task called `name`; an unknown name, missing files or bad options are an Error naming
/// `where` and the key.
Task make_task(const std::string& name, const TaskOptions& o, const std::string& where = "task");

/// Keeps the samples of `classes` (relabelled 0, 1, ... in that order), before train_samples /
/// test_samples cut the sets; an unknown class is an Error naming `where`.
void keep_classes(DataSplits& d, const std::vector<int>& classes, const std::string& where);

/// The bars problem (see above): `train_n` random bar images of side `n`, and the 2n single bars.
DataSplits bars_task(int n, Eigen::Index train_n, std::uint32_t seed);

/// A classifier's score on a labelled set.
struct Score {
    double accuracy = 0;
    std::vector<double> per_class;   ///< accuracy on each class's samples (NaN for an absent class)
    Eigen::MatrixXi confusion;       ///< rows: true class, columns: predicted
};

/// Scores `predicted` against `labels` (same length, classes in [0, classes); a prediction of -1
/// means "no answer" and counts as wrong, outside the confusion matrix).
Score score(const std::vector<int>& predicted, const std::vector<int>& labels, int classes);

}  // namespace plastica
