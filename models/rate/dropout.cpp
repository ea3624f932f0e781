#include "models/rate/dropout.hpp"

#include "models/rate/activation.hpp"
#include "sim/check.hpp"
#include "sim/random.hpp"

namespace plastica::rate {

template <class T>
Dropout<T>::Dropout(double p, std::uint32_t seed, std::uint32_t index, const std::string& where)
    : p_(p), seed_(seed), stream_(stream_id(StreamKind::dropout, index)) {
    if (!(p >= 0 && p < 1)) throw Error(where, "rate", to_text(p), "dropout rate must be in [0, 1)");
}

template <class T>
void Dropout<T>::forward(const Matrix<T>& x, Matrix<T>& y, Mode mode) {
    masked_ = mode == Mode::train && p_ > 0;
    if (!masked_) {
        y = x;
        return;
    }
    const T keep = static_cast<T>(1.0 / (1.0 - p_));
    mask_.resize(x.rows(), x.cols());
    const std::uint64_t n = batches++;
    for_blocks(x.cols(), kColBlock, [&](Eigen::Index c0, Eigen::Index cols) {
        for (Eigen::Index c = c0; c < c0 + cols; ++c) {
            RandomStream rng(seed_, stream_, n, static_cast<std::uint64_t>(c));
            for (Eigen::Index r = 0; r < x.rows(); ++r) mask_(r, c) = rng.uniform() < p_ ? T(0) : keep;
        }
    });
    y = x.cwiseProduct(mask_);
}

template <class T>
void Dropout<T>::backward(const Matrix<T>&, const Matrix<T>&, const Matrix<T>& dy, Matrix<T>* dx) {
    if (!dx) return;
    if (masked_) *dx = dy.cwiseProduct(mask_);
    else *dx = dy;
}

template class Dropout<float>;
template class Dropout<double>;

}  // namespace plastica::rate
