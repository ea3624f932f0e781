#include "models/rate/loss.hpp"

#include <cmath>

#include "sim/error.hpp"

namespace plastica::rate {

LossKind loss_kind(const std::string& name, const std::string& where) {
    if (name == "mse") return LossKind::mse;
    if (name == "cross_entropy") return LossKind::cross_entropy;
    throw Error(where, "loss", name, "unknown loss (known: mse, cross_entropy)");
}

const char* loss_name(LossKind k) { return k == LossKind::mse ? "mse" : "cross_entropy"; }

namespace {

template <class T>
double target(const Matrix<T>& y, const int* labels, Eigen::Index k, Eigen::Index b) {
    if (y.rows() == 1) return labels[b];
    return labels[b] == k ? 1.0 : 0.0;
}

template <class T>
double compute(LossKind kind, const Matrix<T>& y, const int* labels, Matrix<T>* grad) {
    const Eigen::Index K = y.rows(), B = y.cols();
    if (grad) grad->resize(K, B);
    double total = 0;
    if (kind == LossKind::mse) {
        const double scale = 1.0 / static_cast<double>(K * B);
        for (Eigen::Index b = 0; b < B; ++b)
            for (Eigen::Index k = 0; k < K; ++k) {
                const double d = static_cast<double>(y(k, b)) - target(y, labels, k, b);
                total += d * d;
                if (grad) (*grad)(k, b) = static_cast<T>(2 * d * scale);
            }
        return total * scale;
    }
    if (K < 2) throw Error("rate network", "loss", "cross_entropy", "needs at least 2 outputs (use mse for one output)");
    const double inv_b = 1.0 / static_cast<double>(B);
    for (Eigen::Index b = 0; b < B; ++b) {
        const auto z = y.col(b).template cast<double>().eval();
        const double m = z.maxCoeff();
        const double s = (z.array() - m).exp().sum();
        const double lse = m + std::log(s);
        if (labels[b] < 0 || labels[b] >= K)
            throw Error("rate network", "label", std::to_string(labels[b]), "outside the " + std::to_string(K) + " outputs");
        total += lse - z(labels[b]);
        if (grad) {
            for (Eigen::Index k = 0; k < K; ++k)
                (*grad)(k, b) = static_cast<T>((std::exp(z(k) - lse) - (k == labels[b] ? 1.0 : 0.0)) * inv_b);
        }
    }
    return total * inv_b;
}

}  // namespace

template <class T>
double loss_and_gradient(LossKind kind, const Matrix<T>& y, const int* labels, Matrix<T>& grad) {
    return compute(kind, y, labels, &grad);
}

template <class T>
double loss_value(LossKind kind, const Matrix<T>& y, const int* labels) {
    return compute<T>(kind, y, labels, nullptr);
}

template <class T>
void predict_classes(const Matrix<T>& y, int* out) {
    for (Eigen::Index b = 0; b < y.cols(); ++b) {
        if (y.rows() == 1) {
            out[b] = y(0, b) > T(0.5) ? 1 : 0;
        } else {
            Eigen::Index k = 0;
            y.col(b).maxCoeff(&k);
            out[b] = static_cast<int>(k);
        }
    }
}

template double loss_and_gradient<float>(LossKind, const Matrix<float>&, const int*, Matrix<float>&);
template double loss_and_gradient<double>(LossKind, const Matrix<double>&, const int*, Matrix<double>&);
template double loss_value<float>(LossKind, const Matrix<float>&, const int*);
template double loss_value<double>(LossKind, const Matrix<double>&, const int*);
template void predict_classes<float>(const Matrix<float>&, int*);
template void predict_classes<double>(const Matrix<double>&, int*);

}  // namespace plastica::rate
