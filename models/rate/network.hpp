#pragma once
// rate::Network — a stack of layers trained by backpropagation (the gradient-trained half of
// Plastica; DESIGN.md "The rate network"). T is float (training speed) or double (gradient
// checks). The network keeps each layer's output of the last forward pass for backward.
#include <memory>
#include <string>
#include <vector>

#include "models/rate/layer.hpp"

namespace plastica::rate {

/// A feed-forward stack of layers.
template <class T>
class Network {
public:
    /// Builds the layers of `specs` for `inputs` input features; `seed` keys initial weights and
    /// dropout masks. Throws Error naming `where` for a bad spec.
    Network(Eigen::Index inputs, std::vector<LayerSpec> specs, std::uint32_t seed, const std::string& where = "network");

    /// Output for the batch x (inputs x batch). In train mode, keeps what backward() needs.
    const Matrix<T>& forward(const Matrix<T>& x, Mode mode);
    /// Back-propagates dL/d(output) of the last forward pass: every parameter's gradient, and
    /// dL/dx into `dx` when given.
    void backward(const Matrix<T>& dy, Matrix<T>* dx = nullptr);

    /// Trainable arrays, named "<layer index>.<kind>.<weight|bias>".
    std::vector<Param<T>> params();
    Eigen::Index inputs() const { return inputs_; }
    Eigen::Index outputs() const { return outputs_; }
    const std::vector<LayerSpec>& specs() const { return specs_; }
    std::uint32_t seed() const { return seed_; }
    std::size_t layer_count() const { return layers_.size(); }
    Layer<T>& layer(std::size_t i) { return *layers_[i]; }
    /// Multiply-adds of one forward pass of one sample (the cost measure of rate learners).
    std::uint64_t forward_multiply_adds() const;

private:
    Eigen::Index inputs_, outputs_;
    std::vector<LayerSpec> specs_;
    std::uint32_t seed_;
    std::vector<std::unique_ptr<Layer<T>>> layers_;
    const Matrix<T>* input_ = nullptr;
    std::vector<Matrix<T>> out_;      // out_[i]: output of layer i
    Matrix<T> grad_a_, grad_b_;       // dL/d(activation), alternating while walking back
};

/// The layers of a multilayer perceptron: for each hidden size a dense layer, the activation and
/// (rate > 0) dropout; then a dense output layer of `outputs` units followed by
/// `output_activation` ("none" for logits, as the cross-entropy loss wants).
std::vector<LayerSpec> mlp_specs(const std::vector<std::int64_t>& hidden, const std::string& activation, std::int64_t outputs,
                                 const std::string& output_activation, double dropout, const std::string& init);

/// Hidden layer sizes from a comma-separated list ("256", "128, 64"; empty: none); anything else
/// is an Error naming `origin` and the key "hidden".
std::vector<std::int64_t> parse_hidden(const std::string& text, const std::string& origin);

}  // namespace plastica::rate
