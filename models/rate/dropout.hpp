#pragma once
// Dropout (Srivastava et al. 2014) in its "inverted" form, as PyTorch: during training each unit
// is kept with probability 1 - p and scaled by 1/(1 - p), so evaluation is the identity.
// The mask of sample column c in the n-th training batch comes from the Philox stream keyed by
// (seed, layer index, n, c): the same at any thread count and after save/load.
#include <vector>

#include "models/rate/layer.hpp"

namespace plastica::rate {

/// Randomly zeroes units during training.
template <class T>
class Dropout : public Layer<T> {
public:
    Dropout(double p, std::uint32_t seed, std::uint32_t index, const std::string& where);
    LayerSpec spec() const override { return {"dropout", 0, "", p_}; }
    void forward(const Matrix<T>& x, Matrix<T>& y, Mode mode) override;
    void backward(const Matrix<T>& x, const Matrix<T>& y, const Matrix<T>& dy, Matrix<T>* dx) override;
    /// Training batches seen (the mask key); saved with the network so a resumed run continues.
    std::uint64_t batches = 0;

private:
    double p_;
    std::uint32_t seed_, stream_;
    Matrix<T> mask_;  // 0 or 1/(1-p) per element of the last training batch
    bool masked_ = false;
};

}  // namespace plastica::rate
