#include "models/rate/dense.hpp"

#include <cmath>

#include "sim/error.hpp"
#include "sim/memory.hpp"
#include "sim/random.hpp"

namespace plastica::rate {

const std::vector<std::string>& initialiser_names() {
    static const std::vector<std::string> names{"uniform", "normal", "xavier_uniform", "xavier_normal",
                                                "he_uniform", "he_normal", "pytorch"};
    return names;
}

template <class T>
Dense<T>::Dense(Eigen::Index inputs, Eigen::Index outputs, const std::string& init, std::uint32_t seed, std::uint32_t index,
                const std::string& where)
    : init_(init) {
    if (inputs < 1) throw Error(where, "inputs", std::to_string(inputs), "a dense layer needs at least one input");
    if (outputs < 1) throw Error(where, "units", std::to_string(outputs), "must be at least 1");
    const double fan_in = static_cast<double>(inputs), fan_out = static_cast<double>(outputs);
    double a = 0, sd = 0;  // uniform half-width or normal standard deviation
    if (init == "uniform") a = 0.05;
    else if (init == "normal") sd = 0.01;
    else if (init == "xavier_uniform") a = std::sqrt(6.0 / (fan_in + fan_out));
    else if (init == "xavier_normal") sd = std::sqrt(2.0 / (fan_in + fan_out));
    else if (init == "he_uniform") a = std::sqrt(6.0 / fan_in);
    else if (init == "he_normal") sd = std::sqrt(2.0 / fan_in);
    else if (init == "pytorch") a = 1.0 / std::sqrt(fan_in);
    else {
        std::string known;
        for (const auto& n : initialiser_names()) known += (known.empty() ? "" : ", ") + n;
        throw Error(where, "init", init, "unknown initialiser (known: " + known + ")");
    }
    // weights, their gradient and up to two optimiser moments: four matrices of this size
    check_memory(where, "units", std::to_string(outputs) + " x " + std::to_string(inputs) + " inputs",
                 4.0 * sizeof(T) * static_cast<double>(outputs) * static_cast<double>(inputs));
    weight.resize(outputs, inputs);
    bias = Matrix<T>::Zero(outputs, 1);
    const bool random_bias = init == "pytorch";
    const std::uint32_t stream = stream_id(StreamKind::rate_init, index);
    // One stream per output row: the weights do not depend on how rows are visited.
    for (Eigen::Index r = 0; r < outputs; ++r) {
        RandomStream rng(seed, stream, static_cast<std::uint64_t>(r), 0);
        for (Eigen::Index c = 0; c < inputs; ++c)
            weight(r, c) = static_cast<T>(sd > 0 ? sd * rng.normal() : a * (2 * rng.uniform() - 1));
        if (random_bias) bias(r, 0) = static_cast<T>(a * (2 * rng.uniform() - 1));
    }
    weight_grad = Matrix<T>::Zero(outputs, inputs);
    bias_grad = Matrix<T>::Zero(outputs, 1);
}

template <class T>
void Dense<T>::forward(const Matrix<T>& x, Matrix<T>& y, Mode) {
    y.resize(weight.rows(), x.cols());
    for_row_blocks(weight.rows(), [&](Eigen::Index r0, Eigen::Index n) {
        y.middleRows(r0, n).noalias() = weight.middleRows(r0, n) * x;
        y.middleRows(r0, n).colwise() += bias.col(0).segment(r0, n);
    });
}

template <class T>
void Dense<T>::backward(const Matrix<T>& x, const Matrix<T>&, const Matrix<T>& dy, Matrix<T>* dx) {
    // dL/dW = dy x^T and dL/db = sum over the batch of dy (the loss's gradient already carries
    // the 1/batch of the mean); dL/dx = W^T dy (B^T dy under feedback alignment).
    for_row_blocks(weight.rows(), [&](Eigen::Index r0, Eigen::Index n) {
        weight_grad.middleRows(r0, n).noalias() = dy.middleRows(r0, n) * x.transpose();
        bias_grad.col(0).segment(r0, n) = dy.middleRows(r0, n).rowwise().sum();
    });
    if (dx) {
        dx->resize(weight.cols(), dy.cols());
        const Matrix<T>& back = feedback.size() ? feedback : weight;
        for_row_blocks(weight.cols(), [&](Eigen::Index r0, Eigen::Index n) {
            dx->middleRows(r0, n).noalias() = back.middleCols(r0, n).transpose() * dy;
        });
    }
}

template <class T>
std::vector<Param<T>> Dense<T>::params() {
    return {{"weight", &weight, &weight_grad, true}, {"bias", &bias, &bias_grad, false}};
}

template class Dense<float>;
template class Dense<double>;

}  // namespace plastica::rate
