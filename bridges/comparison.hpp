#pragma once
// Comparison — runs several learners on one task with the same training samples in the same
// order and the same seed, side by side, and collects what the comparison reports: test accuracy
// (with per-class accuracy and confusion matrix), learning curves (accuracy on a fixed test subset
// against samples seen), wall time, cost (synaptic events or multiply-adds), samples needed to
// reach 90% of the final accuracy, and the first layer's receptive fields.
//
// Sample order: epoch e is the permutation epoch_order(n, seed, e) of the training set (the rate
// trainer's), epochs concatenated and cut at the budget. A budget above the training set's size
// needs `repeat`, or it is an error.
//
// Parallelism: independent learners run side by side as oneTBB tasks, each with its share of the
// thread budget (threads / learners, at least one); a learner's result does not depend on it.
//
// Resume: after each curve point every learner's full state (its own save(), the samples it has
// seen, its curve so far) is written to <state_dir>/<learner>.h5 (a new file renamed over the old,
// so a killed run leaves the last complete one). With `resume` a learner whose file exists
// continues from there; a file made by a different task, budget, seed or learner settings is an
// error, not a silent restart.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bridges/learner.hpp"

namespace plastica {

/// One point of a learning curve.
struct CurvePoint {
    std::int64_t samples = 0;   ///< training samples seen
    double accuracy = 0;        ///< on the curve subset of the test set
    double seconds = 0;         ///< training wall time so far
    LearnerCost cost;           ///< spent so far
};

/// Everything the comparison reports about one learner.
struct LearnerResult {
    std::string name;
    Score test;                           ///< on the whole test set, after the budget
    std::vector<CurvePoint> curve;
    double seconds = 0;                   ///< training wall time
    LearnerCost cost;
    std::int64_t samples_to_90 = -1;      ///< first curve point at >= 90% of the last one's accuracy
    rate::Matrix<float> receptive_fields; ///< units x features
    std::vector<std::pair<std::string, std::vector<double>>> details;  ///< the learner's own, from the final test prediction
    bool complete = true;                 ///< false when stopped early (stop_after): test is empty
};

struct ComparisonOptions {
    std::vector<std::string> learners;
    std::int64_t budget = 0;          ///< training samples per learner (0: one pass over the training set)
    bool repeat = false;              ///< allow a budget above the training set's size (several epochs)
    std::uint32_t seed = 1;
    int threads = 2;                  ///< threads for all learners together
    int curve_points = 10;            ///< points of each learning curve, evenly spaced in samples
    Eigen::Index curve_samples = 1000;///< test samples the curve is measured on (the first ones)
    std::string state_dir;            ///< where learners' states go (empty: not saved)
    bool resume = false;              ///< continue from the states in state_dir
    int stop_after = 0;               ///< stop every learner after this many curve points (0: run to the end)
    std::string fingerprint;          ///< the settings a saved state must match (task, learner keys)
};

/// Progress of one learner: samples done of the budget, training seconds so far.
using ComparisonProgress = std::function<void(const std::string& learner, std::int64_t done, std::int64_t budget, double seconds)>;

/// The training sample order: epochs of epoch_order(n, seed, e), cut at `budget`.
std::vector<Eigen::Index> sample_order(Eigen::Index n, std::int64_t budget, std::uint32_t seed);

/// Runs the comparison. `cfg` holds the learners' keys. Throws Error for an unknown learner, a
/// budget above the training set without `repeat`, or a saved state that does not match.
std::vector<LearnerResult> run_comparison(const Task& task, const Config& cfg, const ComparisonOptions& o,
                                          const ComparisonProgress& progress = {});

}  // namespace plastica
