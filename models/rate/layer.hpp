#pragma once
// Layer — one stage of the rate network (models/rate/), the interface every layer implements.
//
// A layer maps a batch x (inputs x batch) to y (outputs x batch). The network keeps every
// layer's input and output, so backward() gets both and a layer caches nothing it can recompute
// (dropout keeps its mask). One virtual call per layer per batch; the work inside is Eigen.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/rate/tensor.hpp"

namespace plastica::rate {

/// Training (dropout active) or evaluation.
enum class Mode { train, eval };

/// A trainable array of a layer and its gradient.
template <class T>
struct Param {
    std::string name;       ///< e.g. "0.dense.weight"
    Matrix<T>* value;
    Matrix<T>* grad;
    bool penalised;         ///< L1/L2 penalties apply (weights yes, biases no)
};

/// A layer's description: enough to rebuild it (architecture in saved files, configs).
struct LayerSpec {
    std::string kind;       ///< dense, relu, sigmoid, tanh, softmax, dropout
    std::int64_t units = 0; ///< dense: output size
    std::string init;       ///< dense: weight initialiser (see dense.hpp)
    double rate = 0;        ///< dropout: probability of dropping a unit
};

/// One stage of a rate network.
template <class T>
class Layer {
public:
    virtual ~Layer() = default;
    virtual LayerSpec spec() const = 0;
    /// Output size for `inputs` input features.
    virtual Eigen::Index outputs(Eigen::Index inputs) const { return inputs; }
    /// y = f(x).
    virtual void forward(const Matrix<T>& x, Matrix<T>& y, Mode mode) = 0;
    /// From dL/dy: the parameters' gradients (overwritten, for the batch's mean loss) and, when
    /// dx is not null, dL/dx.
    virtual void backward(const Matrix<T>& x, const Matrix<T>& y, const Matrix<T>& dy, Matrix<T>* dx) = 0;
    /// Trainable arrays (empty for activations and dropout).
    virtual std::vector<Param<T>> params() { return {}; }
};

/// Builds a layer from its spec. `inputs`: its input size; `seed` and `index` key its random
/// streams (initial weights, dropout masks). Throws Error naming `where` for a bad spec.
template <class T>
std::unique_ptr<Layer<T>> make_layer(const LayerSpec& spec, Eigen::Index inputs, std::uint32_t seed, std::uint32_t index,
                                     const std::string& where);

}  // namespace plastica::rate
