#pragma once
// Activation layers: element-wise sigmoid, tanh, ReLU, and softmax over each sample (column).
// Derivatives are written in terms of the output y, which the network keeps:
//   sigmoid' = y (1 - y), tanh' = 1 - y^2, relu' = [y > 0],
//   softmax:  dx = y * (dy - sum_k dy_k y_k)   (the Jacobian-vector product, per column).
// For classification prefer the cross-entropy loss on logits (loss.hpp), which fuses softmax
// stably; this softmax layer is for networks that need probabilities inside (e.g. with MSE).
#include "models/rate/layer.hpp"

namespace plastica::rate {

enum class ActivationKind { sigmoid, tanh, relu, softmax };

/// Parses "sigmoid", "tanh", "relu", "softmax"; throws Error naming `where` otherwise.
ActivationKind activation_kind(const std::string& name, const std::string& where);
const char* activation_name(ActivationKind k);

/// Element-wise (or per-column, for softmax) nonlinearity.
template <class T>
class Activation : public Layer<T> {
public:
    explicit Activation(ActivationKind kind) : kind_(kind) {}
    LayerSpec spec() const override { return {activation_name(kind_), 0, "", 0}; }
    void forward(const Matrix<T>& x, Matrix<T>& y, Mode mode) override;
    void backward(const Matrix<T>& x, const Matrix<T>& y, const Matrix<T>& dy, Matrix<T>* dx) override;
    ActivationKind kind() const { return kind_; }

private:
    ActivationKind kind_;
};

/// Columns per task of element-wise work: small batches stay on one thread.
constexpr Eigen::Index kColBlock = 256;

}  // namespace plastica::rate
