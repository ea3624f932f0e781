#pragma once
// Decoders from spikes to a class, given each sample's spike counts (neurons x samples):
//   spike_count_readout  one output neuron per class; the class whose neuron fired most
//                        (ties: the lowest class; no spike at all: -1);
//   LabelAssignment      Diehl & Cook 2015 (sec. 2.6): each neuron is assigned the class to which
//                        it responded most on average over labelled samples; a sample is the
//                        class whose assigned neurons fired most on average;
//   LinearReadout        softmax regression on the counts (standardised with the fitting set's
//                        mean and sd), trained with Adam by the rate network's trainer: the
//                        "linear classifier on the spike counts" many later papers put on top of
//                        an unsupervised spiking layer.
// Every decoder is a function of its inputs and seed: the same counts give the same classes.
#include <cstdint>
#include <memory>
#include <vector>

#include "models/rate/tensor.hpp"

namespace plastica {

namespace rate {
template <class T>
class Network;
}

/// The class of the most active neuron in each column of `counts` (classes x samples).
std::vector<int> spike_count_readout(const rate::Matrix<float>& counts);

/// Label assignment by highest mean response (Diehl & Cook 2015).
class LabelAssignment {
public:
    /// Assigns each neuron from `counts` (neurons x samples) and the samples' labels in [0, classes);
    /// samples labelled < 0 are skipped. A neuron that never fired stays unassigned (-1).
    void fit(const rate::Matrix<float>& counts, const std::vector<int>& labels, int classes);
    /// Each sample's class (-1 when no class has an assigned neuron).
    std::vector<int> predict(const rate::Matrix<float>& counts) const;
    const std::vector<int>& assignment() const { return assignment_; }

private:
    std::vector<int> assignment_;
    int classes_ = 0;
};

/// Softmax regression on standardised spike counts.
class LinearReadout {
public:
    struct Options {
        std::int64_t epochs = 30;
        double lr = 3e-3;   ///< Adam's learning rate
        std::uint32_t seed = 1;
    };
    LinearReadout();
    ~LinearReadout();
    /// Fits on `counts` (neurons x samples) with labels in [0, classes) (samples labelled < 0 are
    /// skipped). Returns the training accuracy.
    double fit(const rate::Matrix<float>& counts, const std::vector<int>& labels, int classes, const Options& o);
    /// Each sample's class; an error before fit().
    std::vector<int> predict(const rate::Matrix<float>& counts) const;

private:
    rate::Matrix<float> standardised(const rate::Matrix<float>& counts) const;
    std::unique_ptr<rate::Network<float>> net_;
    Eigen::VectorXf mean_, inv_sd_;
};

}  // namespace plastica
