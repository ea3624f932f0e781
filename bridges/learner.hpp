#pragma once
// Learner — one way of learning a task, biological or gradient-based, behind one interface so
// that the comparison harness (bridges/comparison.hpp) treats them alike: it hands every learner
// the same training samples in the same order, piece by piece, asks for predictions at the
// learning curve's points and at the end, and reads what each has spent.
//
// Learners (bridges/learners.cpp lists them with their keys):
//   backprop            multilayer perceptron trained by backpropagation (models/rate/)
//   feedback_alignment  the same network, errors sent back through fixed random matrices
//                       (Lillicrap et al. 2016)
//   stdp_wta            Diehl & Cook 2015's spiking network: STDP, adaptive thresholds, lateral
//                       inhibition, label assignment
//   hebbian_competitive competing hidden units with a local rule and a linear readout (Krotov &
//                       Hopfield 2019)
//   converted_snn       the backprop MLP converted to integrate-and-fire neurons and run in the
//                       spiking engine (Diehl et al. 2015; Rueckauer et al. 2017)
// and the spiking and Hebbian ones as they are added.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "bridges/task.hpp"
#include "sim/config.hpp"
#include "sim/hdf5.hpp"

namespace plastica {

/// What a learner has spent on training so far (evaluation excluded).
struct LearnerCost {
    std::uint64_t synaptic_events = 0;  ///< spiking learners: spike deliveries
    std::uint64_t multiply_adds = 0;    ///< rate learners: multiply-adds (forward, backward, updates)
};

/// How a learner is made: the task, the seed and the threads it may use.
struct LearnerSetup {
    const Task* task = nullptr;
    std::uint32_t seed = 1;
    int threads = 1;
    std::int64_t budget = 0;  ///< training samples it will see (learning-rate schedules)
};

/// A learner of a classification task.
class Learner {
public:
    virtual ~Learner() = default;
    virtual std::string name() const = 0;
    /// Trains on the training samples `samples` (indices into the task's training set, in this
    /// order). Called repeatedly with consecutive pieces of one sample order.
    virtual void train(std::span<const Eigen::Index> samples) = 0;
    /// Predicted class of every sample of `set` (-1: no answer).
    virtual std::vector<int> predict(const Dataset& set) = 0;
    virtual LearnerCost cost() const = 0;
    /// The first layer's weights, one row per unit over the input features (receptive fields).
    virtual rate::Matrix<float> receptive_fields() const = 0;
    /// Writes / reads the whole training state under `group` (resuming a stopped comparison).
    virtual void save(H5File& file, const std::string& group) const = 0;
    virtual void load(const H5Reader& file, const std::string& group) = 0;
    /// Learner-specific results of the last predict() on a labelled set (name, values), written
    /// beside the comparison's table (e.g. converted_snn's accuracy against simulation steps).
    virtual std::vector<std::pair<std::string, std::vector<double>>> details() const { return {}; }

    /// Progress of long phases besides training (a readout fitted on presented samples, a test set
    /// presented): phase name, samples done, samples in the phase. Learners whose predict() takes
    /// minutes report through it, so a comparison never sits silent.
    using PhaseProgress = std::function<void(const std::string& phase, std::int64_t done, std::int64_t total)>;
    void set_phase_progress(PhaseProgress p) { phase_progress_ = std::move(p); }

protected:
    void report_phase(const std::string& phase, std::int64_t done, std::int64_t total) const {
        if (phase_progress_) phase_progress_(phase, done, total);
    }

private:
    PhaseProgress phase_progress_;
};

/// Sample indices gathered into minibatches of `size`: a partial batch waits for the next piece of
/// the order (and is saved with the learner), so the batches are the same however the harness
/// cuts the order into pieces.
struct MinibatchQueue {
    std::int64_t size = 64;
    std::vector<Eigen::Index> pending;

    /// Appends `samples`, calling step(batch) each time a batch is full.
    template <class F>
    void add(std::span<const Eigen::Index> samples, F&& step) {
        for (Eigen::Index s : samples) {
            pending.push_back(s);
            if (static_cast<std::int64_t>(pending.size()) == size) {
                step(pending);
                pending.clear();
            }
        }
    }
    void save(H5File& f, const std::string& group) const {
        f.write(group + "/pending", std::vector<std::uint64_t>(pending.begin(), pending.end()));
    }
    void load(const H5Reader& f, const std::string& group) {
        pending.clear();
        for (double v : f.read(group + "/pending")) pending.push_back(static_cast<Eigen::Index>(v));
    }
};

/// Predicted classes of `set`, classified in blocks of up to 1024 samples by
/// classify(features x block, first output).
template <class F>
std::vector<int> predict_in_blocks(const Dataset& set, F&& classify) {
    std::vector<int> out(static_cast<std::size_t>(set.size()));
    for (Eigen::Index c0 = 0; c0 < set.size(); c0 += 1024) {
        const Eigen::Index m = std::min<Eigen::Index>(1024, set.size() - c0);
        classify(set.x.middleCols(c0, m), out.data() + c0);
    }
    return out;
}

/// A learner the comparison can make by name.
struct LearnerInfo {
    std::string name;
    std::string summary;
    /// Its config keys, all prefixed "<name>.".
    std::function<std::vector<ParamSpec>()> schema;
    std::function<std::unique_ptr<Learner>(const Config&, const LearnerSetup&)> make;
};

/// Every learner, in the order `plastica run compare --help` lists them.
const std::vector<LearnerInfo>& learner_infos();
/// The learner called `name`; an unknown name is an Error naming `where` and listing the known ones.
const LearnerInfo& find_learner(const std::string& name, const std::string& where);

}  // namespace plastica
