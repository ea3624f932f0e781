#pragma once
// Inhibitory STDP (Vogels, Sprekeler, Zenke, Clopath & Gerstner 2011, Science 334:1569, Eqs. S5-S6;
// Vogels & Sprekeler's symmetric rule).
//
//   traces x_i (presynaptic) and x_j (postsynaptic), both with tau, +1 per spike
//   at a presynaptic spike  (t):  w -> w + eta (x_j(t^-) - alpha)
//   at a postsynaptic spike (t):  w -> w + eta x_i(t^+)
//   alpha = 2 rho0 tau, the depression offset that makes rho0 the postsynaptic rate at which
//   inhibition stops changing: a neuron firing above rho0 gets more inhibition, below less.
// The rule strengthens inhibition. Onto conductance-based neurons the weights are conductances
// (>= 0 nS) and grow; onto current-based neurons inhibitory weights are negative currents, so
// with bounds w_max <= 0 the rule moves weights toward w_min instead. It acts only on
// projections onto the inhibitory receptor.
#include <array>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "plasticity/trace_rule.hpp"

namespace plastica {

struct InhibitoryStdp {
    static constexpr const char* name = "inhibitory_stdp";
    static constexpr std::size_t kPre = 1, kPost = 1;

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_INHIBITORY_STDP_PARAMS(X) \
        X(eta, 1e-3, "weight", non_negative, "learning rate") \
        X(tau, 20, "ms", positive, "pre- and postsynaptic trace time constant") \
        X(rho0, 5, "Hz", non_negative, "target postsynaptic rate") \
        X(w_min, 0, "weight", any, "lower weight bound") \
        X(w_max, 1e9, "weight", any, "upper weight bound")
    /// Parameters (defaults: Vogels et al. 2011: tau = 20 ms, rho0 = 5 Hz; eta relative to the weight scale).
    struct Params {
        PLASTICA_INHIBITORY_STDP_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_INHIBITORY_STDP_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }

    InhibitoryStdp(const Params& p, const std::string& where) : p_(p), b_{p.w_min, p.w_max, 0, 0} {
        validate_fields(fields(), p_, where);
        b_.validate(where);
        alpha_ = 2 * p_.rho0 * 1e-3 * p_.tau;
        sign_ = p_.w_max <= 0 ? -1.0 : 1.0;
    }
    const Params& params() const { return p_; }
    const WeightBounds& bounds() const { return b_; }
    /// The depression offset alpha = 2 rho0 tau (trace units).
    double alpha() const { return alpha_; }
    std::array<TraceKind, 1> pre_kinds() const { return {TraceKind{p_.tau, false}}; }
    std::array<TraceKind, 1> post_kinds() const { return {TraceKind{p_.tau, false}}; }
    static std::array<const char*, 1> pre_keys() { return {"tau"}; }
    static std::array<const char*, 1> post_keys() { return {"tau"}; }
    void check(const Projection& proj, const std::string& where) const {
        if (proj.receptor != Receptor::inh)
            throw Error(where, "receptor", "exc", "inhibitory STDP acts on projections onto the inhibitory receptor");
    }

    template <class Pre, class Post>
    double on_pre(double w, const Pre&, Index, const Post& post, Index j, Step t) const {
        return b_.clip(w + sign_ * p_.eta * (post.before(j, 0, t) - alpha_));
    }
    template <class Pre, class Post>
    double on_post(double w, const Pre& pre, Index i, const Post&, Index, Step t) const {
        return b_.clip(w + sign_ * p_.eta * pre.after(i, 0, t));
    }

private:
    Params p_;
    WeightBounds b_;
    double alpha_ = 0, sign_ = 1;
};

/// Inhibitory STDP on a projection (see InhibitoryStdp).
using InhibitoryStdpRule = TraceRule<InhibitoryStdp>;

}  // namespace plastica
