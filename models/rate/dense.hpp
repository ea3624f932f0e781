#pragma once
// Dense — fully connected layer y = W x + b (W: outputs x inputs, b: outputs).
//
// Initialisers (`init`), all drawn from Philox streams keyed by (seed, layer index, element):
//   uniform        W ~ U(-0.05, 0.05)
//   normal         W ~ N(0, 0.01^2)
//   xavier_uniform W ~ U(-a, a), a = sqrt(6 / (in + out))        Glorot & Bengio 2010, eq. 16
//   xavier_normal  W ~ N(0, 2 / (in + out))
//   he_uniform     W ~ U(-a, a), a = sqrt(6 / in)                 He et al. 2015, sec. 2.2
//   he_normal      W ~ N(0, 2 / in)
//   pytorch        W, b ~ U(-1/sqrt(in), 1/sqrt(in))              torch.nn.Linear's default
// Biases start at zero except with `pytorch`.
#include "models/rate/layer.hpp"

namespace plastica::rate {

/// Names of the weight initialisers.
const std::vector<std::string>& initialiser_names();

/// Fully connected layer.
template <class T>
class Dense : public Layer<T> {
public:
    Dense(Eigen::Index inputs, Eigen::Index outputs, const std::string& init, std::uint32_t seed, std::uint32_t index,
          const std::string& where);
    LayerSpec spec() const override { return {"dense", weight.rows(), init_, 0}; }
    Eigen::Index outputs(Eigen::Index) const override { return weight.rows(); }
    void forward(const Matrix<T>& x, Matrix<T>& y, Mode mode) override;
    void backward(const Matrix<T>& x, const Matrix<T>& y, const Matrix<T>& dy, Matrix<T>* dx) override;
    std::vector<Param<T>> params() override;

    Matrix<T> weight, weight_grad;  ///< outputs x inputs
    Matrix<T> bias, bias_grad;      ///< outputs x 1
    /// Feedback alignment (Lillicrap et al. 2016, Nat. Commun. 7:13276): when not empty (same
    /// shape as weight), the error sent to the layer below is feedback^T dy, a fixed random
    /// matrix, instead of backprop's weight^T dy. The layer's own gradients are unchanged.
    Matrix<T> feedback;

private:
    std::string init_;
};

}  // namespace plastica::rate
