#include "models/rate/activation.hpp"

#include "sim/error.hpp"

namespace plastica::rate {

ActivationKind activation_kind(const std::string& name, const std::string& where) {
    if (name == "sigmoid") return ActivationKind::sigmoid;
    if (name == "tanh") return ActivationKind::tanh;
    if (name == "relu") return ActivationKind::relu;
    if (name == "softmax") return ActivationKind::softmax;
    throw Error(where, "activation", name, "unknown activation (known: sigmoid, tanh, relu, softmax)");
}

const char* activation_name(ActivationKind k) {
    switch (k) {
        case ActivationKind::sigmoid: return "sigmoid";
        case ActivationKind::tanh: return "tanh";
        case ActivationKind::relu: return "relu";
        case ActivationKind::softmax: return "softmax";
    }
    return "?";
}

template <class T>
void Activation<T>::forward(const Matrix<T>& x, Matrix<T>& y, Mode) {
    y.resize(x.rows(), x.cols());
    for_blocks(x.cols(), kColBlock, [&](Eigen::Index c0, Eigen::Index n) {
        auto xi = x.middleCols(c0, n).array();
        auto yo = y.middleCols(c0, n).array();
        switch (kind_) {
            case ActivationKind::sigmoid: yo = T(1) / (T(1) + (-xi).exp()); break;
            case ActivationKind::tanh: yo = xi.tanh(); break;
            case ActivationKind::relu: yo = xi.max(T(0)); break;
            case ActivationKind::softmax: {
                // Shift by the column maximum so exp never overflows.
                const auto m = x.middleCols(c0, n).colwise().maxCoeff().eval();
                yo = (x.middleCols(c0, n).rowwise() - m).array().exp();
                const auto s = y.middleCols(c0, n).colwise().sum().eval();
                y.middleCols(c0, n).array().rowwise() /= s.array();
                break;
            }
        }
    });
}

template <class T>
void Activation<T>::backward(const Matrix<T>&, const Matrix<T>& y, const Matrix<T>& dy, Matrix<T>* dx) {
    if (!dx) return;
    dx->resize(y.rows(), y.cols());
    for_blocks(y.cols(), kColBlock, [&](Eigen::Index c0, Eigen::Index n) {
        auto yi = y.middleCols(c0, n).array();
        auto gi = dy.middleCols(c0, n).array();
        auto out = dx->middleCols(c0, n).array();
        switch (kind_) {
            case ActivationKind::sigmoid: out = gi * yi * (T(1) - yi); break;
            case ActivationKind::tanh: out = gi * (T(1) - yi * yi); break;
            case ActivationKind::relu: out = (yi > T(0)).select(gi, T(0)); break;
            case ActivationKind::softmax: {
                const auto dot = (gi * yi).colwise().sum().eval();
                out = yi * (gi.rowwise() - dot);
                break;
            }
        }
    });
}

template class Activation<float>;
template class Activation<double>;

}  // namespace plastica::rate
