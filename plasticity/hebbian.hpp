#pragma once
// Rate-based Hebbian rules, for rate neurons and for spiking neurons through rate estimates.
//
// With presynaptic rate x, postsynaptic rate y and weight w (Dayan & Abbott 2001, ch. 8):
//   hebb   dw/dt = eta (x y - gamma w)              plain Hebb with a passive decay gamma
//   oja    dw/dt = eta y (x - y w)                  Oja 1982 (J. Math. Biol. 15:267, Eq. 3): the
//                                                   weight vector of a linear neuron y = w.x
//                                                   converges to the unit first principal component
//   bcm    dw/dt = eta x y (y - theta),             Bienenstock, Cooper & Munro 1982 with the
//          tau_theta dtheta/dt = y^2 / y0 - theta   sliding threshold of Intrator & Cooper 1992
//                                                   (theta tracks <y^2> / y0)
// The weight is kept in [w_min, w_max]. HebbianKernel is the one place the three equations are
// written; RateHebbian applies them to a weight matrix of rate neurons, one sample at a time
// (dt = 1 sample), and RateHebbianRule (plasticity/rate_hebbian_rule.hpp) to a spiking projection.
#include <cmath>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "models/params.hpp"

namespace plastica {

struct HebbianKernel {
    enum class Kind { hebb, oja, bcm };
    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_HEBBIAN_KERNEL_PARAMS(X) \
        X(eta, 1e-3, "", non_negative, "learning rate") \
        X(gamma, 0, "", non_negative, "hebb: weight decay rate") \
        X(y0, 1, "", positive, "bcm: threshold scale (theta tracks <y^2>/y0)") \
        X(tau_theta, 100, "", positive, "bcm: threshold time constant") \
        X(w_min, -1e9, "weight", any, "lower weight bound") \
        X(w_max, 1e9, "weight", any, "upper weight bound")
    struct Params {
        PLASTICA_HEBBIAN_KERNEL_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_HEBBIAN_KERNEL_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }
    static constexpr const char* name = "hebbian";
    static Kind kind_of(const std::string& name, const std::string& where);

    HebbianKernel(Kind kind, const Params& p, const std::string& where);
    Kind kind() const { return kind_; }
    const Params& params() const { return p_; }
    /// dw/dt at rates x, y, weight w and threshold theta (bcm).
    double rate(double w, double x, double y, double theta) const {
        switch (kind_) {
            case Kind::hebb: return p_.eta * (x * y - p_.gamma * w);
            case Kind::oja: return p_.eta * y * (x - y * w);
            case Kind::bcm: break;
        }
        return p_.eta * x * y * (y - theta);
    }
    double clip(double w) const { return w < p_.w_min ? p_.w_min : (w > p_.w_max ? p_.w_max : w); }
    /// The BCM threshold after a time h at output rate y: exact for y held over h.
    double next_theta(double theta, double y, double h) const {
        const double e = std::exp(-h / p_.tau_theta);
        return theta * e + (y * y / p_.y0) * (1 - e);
    }

private:
    Kind kind_;
    Params p_;
};

/// A Hebbian rule acting on the weights W (outputs x inputs) of rate neurons.
class RateHebbian {
public:
    RateHebbian(HebbianKernel kernel, Eigen::Index outputs) : k_(std::move(kernel)), theta_(Eigen::VectorXd::Zero(outputs)) {}
    /// One sample: W += dw/dt (x, y) for one unit of time, then the BCM thresholds move.
    void update(Eigen::MatrixXd& W, const Eigen::VectorXd& x, const Eigen::VectorXd& y);
    const Eigen::VectorXd& theta() const { return theta_; }
    Eigen::VectorXd& theta() { return theta_; }
    const HebbianKernel& kernel() const { return k_; }

private:
    HebbianKernel k_;
    Eigen::VectorXd theta_;
};

}  // namespace plastica
