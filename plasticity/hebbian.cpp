#include "plasticity/hebbian.hpp"

namespace plastica {

HebbianKernel::Kind HebbianKernel::kind_of(const std::string& name, const std::string& where) {
    if (name == "hebb") return Kind::hebb;
    if (name == "oja") return Kind::oja;
    if (name == "bcm") return Kind::bcm;
    throw Error(where, "rule", name, "unknown Hebbian rule (known: hebb, oja, bcm)");
}

HebbianKernel::HebbianKernel(Kind kind, const Params& p, const std::string& where) : kind_(kind), p_(p) {
    validate_fields(fields(), p_, where);
    if (!(p_.w_min < p_.w_max))
        throw Error(where, "w_max", to_text(p_.w_max), "must be greater than w_min = " + to_text(p_.w_min));
}

void RateHebbian::update(Eigen::MatrixXd& W, const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
    for (Eigen::Index j = 0; j < W.rows(); ++j)
        for (Eigen::Index i = 0; i < W.cols(); ++i) W(j, i) = k_.clip(W(j, i) + k_.rate(W(j, i), x[i], y[j], theta_[j]));
    if (k_.kind() == HebbianKernel::Kind::bcm)
        for (Eigen::Index j = 0; j < W.rows(); ++j) theta_[j] = k_.next_theta(theta_[j], y[j], 1.0);
}

}  // namespace plastica
