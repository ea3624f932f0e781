#pragma once
// Mini-batch training and evaluation of a rate::Network on labelled samples.
//
// Each epoch visits the training samples in an order drawn from the seed (Fisher-Yates with the
// Philox stream keyed by (seed, epoch)), in batches of `batch` columns (the last one may be
// smaller, as PyTorch's DataLoader), and takes one optimizer step per batch at the epoch's
// scheduled learning rate. Early stopping watches the validation loss: after `patience` epochs
// without an improvement of at least `min_delta` training stops and the best epoch's weights are
// restored. Everything is a function of the seed: the same seed gives the same weights bit for bit
// at any thread count.
#include <functional>
#include <optional>
#include <vector>

#include "models/rate/loss.hpp"
#include "models/rate/network.hpp"
#include "models/rate/optimizer.hpp"
#include "models/rate/schedule.hpp"
#include "sim/random.hpp"

namespace plastica::rate {

/// Samples (features x count, float) with their class labels; not owned.
struct SampleView {
    const Matrix<float>* x = nullptr;
    const std::vector<int>* labels = nullptr;
    Eigen::Index size() const { return x ? x->cols() : 0; }
};

struct TrainOptions {
    std::int64_t epochs = 5;
    Eigen::Index batch = 64;
    std::uint32_t seed = 1;
    Schedule schedule;
    LossKind loss = LossKind::cross_entropy;
    int classes = 2;
    std::int64_t patience = 0;   ///< early stopping: epochs without improvement (0: off)
    double min_delta = 0;        ///< smallest validation-loss decrease that counts as improvement
};

/// What one epoch measured. Validation and test fields are NaN when there is no such set.
struct EpochRecord {
    std::int64_t epoch = 0;
    double lr = 0, train_loss = 0, train_accuracy = 0;
    double val_loss = 0, val_accuracy = 0, test_loss = 0, test_accuracy = 0;
    double seconds = 0;          ///< wall time of the epoch's training (evaluation excluded)
};

/// Accuracy, loss and confusion matrix (rows: true class, columns: predicted) of a set.
struct Evaluation {
    double loss = 0, accuracy = 0;
    Eigen::MatrixXi confusion;
    std::vector<int> predictions;
};

/// Evaluates `net` (eval mode) on `set` in chunks of `chunk` samples.
template <class T>
Evaluation evaluate(Network<T>& net, LossKind loss, SampleView set, int classes, Eigen::Index chunk = 1024);

/// The outcome of train().
struct TrainResult {
    std::vector<EpochRecord> epochs;
    bool stopped_early = false;
    std::int64_t best_epoch = -1;  ///< epoch whose weights were restored (early stopping)
};

/// One optimizer step on the batch `xb` (inputs x m) with labels `lb` (m) at learning rate `lr`:
/// forward, loss gradient into `grad` (a work array), backward, step. Returns the batch's mean
/// loss; adds the batch's correct predictions to `correct` when given.
template <class T>
double train_step(Network<T>& net, Optimizer<T>& opt, LossKind loss, const Matrix<T>& xb, const std::vector<int>& lb, double lr,
                  Matrix<T>& grad, std::int64_t* correct = nullptr);

/// Trains `net` with `opt`. `on_epoch` is called after each epoch (progress, incremental output).
template <class T>
TrainResult train(Network<T>& net, Optimizer<T>& opt, const TrainOptions& o, SampleView train_set,
                  std::optional<SampleView> val, std::optional<SampleView> test,
                  const std::function<void(const EpochRecord&)>& on_epoch = {});

/// Permutation of [0, n) (Fisher-Yates) from the Philox stream (seed, stream, id).
std::vector<Eigen::Index> random_permutation(Eigen::Index n, std::uint32_t seed, std::uint32_t stream, std::uint64_t id);
/// The sample order of `epoch`.
inline std::vector<Eigen::Index> epoch_order(Eigen::Index n, std::uint32_t seed, std::int64_t epoch) {
    return random_permutation(n, seed, stream_id(StreamKind::shuffle, 0), static_cast<std::uint64_t>(epoch));
}

}  // namespace plastica::rate
