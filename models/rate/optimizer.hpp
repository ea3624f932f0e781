#pragma once
// Optimizers of the rate network behind one small interface (as tiny-dnn's optimizer.h), with
// PyTorch's update equations so that both toolkits take the same steps from the same weights
// (torch.optim, version 1.13). With g the gradient of parameter p after the penalties:
//   sgd       v = mu v + g (v = g at the first step);  p -= lr (g + mu v) if nesterov else lr v
//             (mu = 0: p -= lr g)
//   rmsprop   s = alpha s + (1 - alpha) g^2;            p -= lr g / (sqrt(s) + eps)
//             (Hinton, Lecture 6e, 2012)
//   adam      m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
//             p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)      (Kingma & Ba 2015, Alg. 1)
// Penalties on weights (not biases): g += l2 w + l1 sign(w), i.e. l2 is PyTorch's weight_decay
// (the gradient of l2/2 |w|^2) and l1 the subgradient of l1 |w|_1.
#include <cstdint>
#include <string>
#include <vector>

#include "models/rate/layer.hpp"

namespace plastica::rate {

/// Optimizer kind and hyper-parameters.
struct OptimizerSpec {
    std::string kind = "adam";  ///< sgd, rmsprop, adam
    double momentum = 0;        ///< sgd: mu
    bool nesterov = false;      ///< sgd: Nesterov momentum (needs momentum > 0)
    double alpha = 0.99;        ///< rmsprop: decay of the squared-gradient average
    double beta1 = 0.9, beta2 = 0.999;  ///< adam
    double eps = 1e-8;          ///< rmsprop, adam
    double l1 = 0, l2 = 0;      ///< penalties on weights
};

/// Checks the spec; throws Error naming `where` and the key.
void validate(const OptimizerSpec& s, const std::string& where);

/// Updates parameters from their gradients; holds the per-parameter state (velocity, moments).
template <class T>
class Optimizer {
public:
    Optimizer(OptimizerSpec spec, const std::vector<Param<T>>& params, const std::string& where = "optimizer");
    /// One step with learning rate lr on every parameter (same order as at construction).
    void step(const std::vector<Param<T>>& params, double lr);

    const OptimizerSpec& spec() const { return spec_; }
    /// Steps taken (Adam's t).
    std::int64_t steps = 0;
    /// State per parameter: sgd velocity / rmsprop square average / adam first moment ...
    std::vector<Matrix<T>> state1;
    /// ... and adam's second moment (empty for the others).
    std::vector<Matrix<T>> state2;

private:
    OptimizerSpec spec_;
};

}  // namespace plastica::rate
