#pragma once
// Losses of the rate network, averaged over the batch (PyTorch's reduction = "mean"):
//   mse            L = 1/(B K) sum_{k,b} (y_kb - t_kb)^2,            dL/dy = 2 (y - t) / (B K)
//   cross_entropy  on logits z:  L = 1/B sum_b [ logsumexp(z_b) - z_{label_b, b} ],
//                  dL/dz = (softmax(z) - onehot(label)) / B
// Cross-entropy is fused with softmax: logsumexp is computed as m + log sum exp(z - m) with m the
// column maximum, so logits of any size give finite losses and gradients.
// Targets are class labels. For mse they become one-hot columns, or the label itself (0 or 1)
// when the network has one output (binary tasks such as XOR).
#include <string>
#include <vector>

#include "models/rate/tensor.hpp"

namespace plastica::rate {

enum class LossKind { mse, cross_entropy };

/// Parses "mse" or "cross_entropy"; throws Error naming `where` otherwise.
LossKind loss_kind(const std::string& name, const std::string& where);
const char* loss_name(LossKind k);

/// Batch-mean loss of outputs y (K x B) for `labels` (B entries), and dL/dy into `grad`.
template <class T>
double loss_and_gradient(LossKind kind, const Matrix<T>& y, const int* labels, Matrix<T>& grad);

/// Batch-mean loss without the gradient (evaluation).
template <class T>
double loss_value(LossKind kind, const Matrix<T>& y, const int* labels);

/// Predicted class of each column: argmax, or y > 0.5 for a single output.
template <class T>
void predict_classes(const Matrix<T>& y, int* out);

}  // namespace plastica::rate
