#include "models/rate/network.hpp"

#include "models/rate/dense.hpp"
#include "sim/config.hpp"
#include "sim/error.hpp"

namespace plastica::rate {

template <class T>
Network<T>::Network(Eigen::Index inputs, std::vector<LayerSpec> specs, std::uint32_t seed, const std::string& where)
    : inputs_(inputs), outputs_(inputs), specs_(std::move(specs)), seed_(seed) {
    if (inputs < 1) throw Error(where, "inputs", std::to_string(inputs), "must be at least 1");
    if (specs_.empty()) throw Error(where, "layers", "none", "a network needs at least one layer");
    for (std::size_t i = 0; i < specs_.size(); ++i) {
        layers_.push_back(make_layer<T>(specs_[i], outputs_, seed, static_cast<std::uint32_t>(i), where + ", layer " + std::to_string(i)));
        outputs_ = layers_.back()->outputs(outputs_);
    }
    out_.resize(layers_.size());
}

template <class T>
const Matrix<T>& Network<T>::forward(const Matrix<T>& x, Mode mode) {
    if (x.rows() != inputs_)
        throw Error("rate network", "input rows", std::to_string(x.rows()), "the network has " + std::to_string(inputs_) + " inputs");
    input_ = &x;
    const Matrix<T>* in = &x;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        layers_[i]->forward(*in, out_[i], mode);
        in = &out_[i];
    }
    return out_.back();
}

template <class T>
void Network<T>::backward(const Matrix<T>& dy, Matrix<T>* dx) {
    if (!input_) throw Error("rate network: backward() before forward()");
    const Matrix<T>* g = &dy;
    for (std::size_t i = layers_.size(); i-- > 0;) {
        const Matrix<T>& in = i ? out_[i - 1] : *input_;
        // The first layer's input gradient is only wanted on request (it is the costliest product).
        Matrix<T>* next = i ? (g == &grad_a_ ? &grad_b_ : &grad_a_) : dx;
        layers_[i]->backward(in, out_[i], *g, next);
        g = next;
    }
}

template <class T>
std::vector<Param<T>> Network<T>::params() {
    std::vector<Param<T>> all;
    for (std::size_t i = 0; i < layers_.size(); ++i)
        for (auto p : layers_[i]->params()) {
            p.name = std::to_string(i) + "." + specs_[i].kind + "." + p.name;
            all.push_back(p);
        }
    return all;
}

template <class T>
std::uint64_t Network<T>::forward_multiply_adds() const {
    std::uint64_t n = 0;
    for (const auto& l : layers_)
        if (const auto* d = dynamic_cast<const Dense<T>*>(l.get())) n += static_cast<std::uint64_t>(d->weight.size());
    return n;
}

template class Network<float>;
template class Network<double>;

std::vector<LayerSpec> mlp_specs(const std::vector<std::int64_t>& hidden, const std::string& activation, std::int64_t outputs,
                                 const std::string& output_activation, double dropout, const std::string& init) {
    std::vector<LayerSpec> s;
    for (const auto h : hidden) {
        s.push_back({"dense", h, init, 0});
        s.push_back({activation, 0, "", 0});
        if (dropout > 0) s.push_back({"dropout", 0, "", dropout});
    }
    s.push_back({"dense", outputs, init, 0});
    if (output_activation != "none") s.push_back({output_activation, 0, "", 0});
    return s;
}

std::vector<std::int64_t> parse_hidden(const std::string& text, const std::string& origin) {
    return parse_int_list(text, origin, "hidden", 1, INT64_MAX, "a comma-separated list of layer sizes >= 1");
}

}  // namespace plastica::rate
