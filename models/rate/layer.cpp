#include "models/rate/layer.hpp"

#include "models/rate/activation.hpp"
#include "models/rate/dense.hpp"
#include "models/rate/dropout.hpp"
#include "sim/error.hpp"

namespace plastica::rate {

template <class T>
std::unique_ptr<Layer<T>> make_layer(const LayerSpec& s, Eigen::Index inputs, std::uint32_t seed, std::uint32_t index,
                                     const std::string& where) {
    if (s.kind == "dense") return std::make_unique<Dense<T>>(inputs, s.units, s.init.empty() ? "he_uniform" : s.init, seed, index, where);
    if (s.kind == "dropout") return std::make_unique<Dropout<T>>(s.rate, seed, index, where);
    if (s.kind == "sigmoid" || s.kind == "tanh" || s.kind == "relu" || s.kind == "softmax")
        return std::make_unique<Activation<T>>(activation_kind(s.kind, where));
    throw Error(where, "layer", s.kind, "unknown layer kind (known: dense, dropout, sigmoid, tanh, relu, softmax)");
}

template std::unique_ptr<Layer<float>> make_layer<float>(const LayerSpec&, Eigen::Index, std::uint32_t, std::uint32_t, const std::string&);
template std::unique_ptr<Layer<double>> make_layer<double>(const LayerSpec&, Eigen::Index, std::uint32_t, std::uint32_t, const std::string&);

}  // namespace plastica::rate
