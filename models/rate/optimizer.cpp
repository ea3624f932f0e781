#include "models/rate/optimizer.hpp"

#include <cmath>

#include "sim/check.hpp"

namespace plastica::rate {

void validate(const OptimizerSpec& s, const std::string& where) {
    if (s.kind != "sgd" && s.kind != "rmsprop" && s.kind != "adam")
        throw Error(where, "optimizer", s.kind, "unknown optimizer (known: sgd, rmsprop, adam)");
    check::in_range(where, "momentum", s.momentum, 0, 1);
    if (s.nesterov && !(s.momentum > 0)) throw Error(where, "nesterov", "true", "needs momentum > 0");
    check::in_range(where, "alpha", s.alpha, 0, 1);
    check::in_range(where, "beta1", s.beta1, 0, 1);
    check::in_range(where, "beta2", s.beta2, 0, 1);
    if (s.beta1 >= 1) throw Error(where, "beta1", to_text(s.beta1), "must be < 1");
    if (s.beta2 >= 1) throw Error(where, "beta2", to_text(s.beta2), "must be < 1");
    check::positive(where, "eps", s.eps);
    check::non_negative(where, "l1", s.l1);
    check::non_negative(where, "l2", s.l2);
}

template <class T>
Optimizer<T>::Optimizer(OptimizerSpec spec, const std::vector<Param<T>>& params, const std::string& where) : spec_(std::move(spec)) {
    validate(spec_, where);
    for (const auto& p : params) {
        state1.push_back(Matrix<T>::Zero(p.value->rows(), p.value->cols()));
        if (spec_.kind == "adam") state2.push_back(Matrix<T>::Zero(p.value->rows(), p.value->cols()));
    }
}

template <class T>
void Optimizer<T>::step(const std::vector<Param<T>>& params, double lr) {
    ++steps;
    const OptimizerSpec& s = spec_;
    const T lr_t = static_cast<T>(lr);
    // Adam's bias corrections, folded as PyTorch does: step = lr / (1 - b1^t),
    // denominator = sqrt(v) / sqrt(1 - b2^t) + eps.
    const double bc1 = 1 - std::pow(s.beta1, static_cast<double>(steps));
    const double bc2 = 1 - std::pow(s.beta2, static_cast<double>(steps));
    for (std::size_t i = 0; i < params.size(); ++i) {
        Matrix<T>& w = *params[i].value;
        Matrix<T>& g = *params[i].grad;
        if (params[i].penalised) {
            if (s.l2 > 0) g.noalias() += static_cast<T>(s.l2) * w;
            if (s.l1 > 0) g.array() += static_cast<T>(s.l1) * w.array().sign();
        }
        auto ga = g.array();
        auto wa = w.array();
        auto a1 = state1[i].array();
        if (s.kind == "sgd") {
            if (s.momentum > 0) {
                const T mu = static_cast<T>(s.momentum);
                a1 = (steps == 1) ? ga.eval() : (mu * a1 + ga).eval();
                if (s.nesterov) wa -= lr_t * (ga + mu * a1);
                else wa -= lr_t * a1;
            } else {
                wa -= lr_t * ga;
            }
        } else if (s.kind == "rmsprop") {
            const T al = static_cast<T>(s.alpha);
            a1 = al * a1 + (T(1) - al) * ga * ga;
            wa -= lr_t * ga / (a1.sqrt() + static_cast<T>(s.eps));
        } else {
            const T b1 = static_cast<T>(s.beta1), b2 = static_cast<T>(s.beta2);
            auto a2 = state2[i].array();
            a1 = b1 * a1 + (T(1) - b1) * ga;
            a2 = b2 * a2 + (T(1) - b2) * ga * ga;
            const T step_size = static_cast<T>(lr / bc1);
            const T sq = static_cast<T>(std::sqrt(bc2));
            wa -= step_size * a1 / (a2.sqrt() / sq + static_cast<T>(s.eps));
        }
    }
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace plastica::rate
