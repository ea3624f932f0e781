#pragma once
// Pair-based STDP (Bi & Poo 1998; Song, Miller & Abbott 2000), with the weight dependence of
// Gütig et al. 2003 and all-to-all or nearest-spike pairing (Morrison et al. 2008, Biol.
// Cybern. 98:459, Eqs. 7-9 and Fig. 7).
//
//   presynaptic trace  x: tau_plus,  postsynaptic trace y: tau_minus (plasticity/traces.hpp)
//   at a presynaptic spike  (t):  w -> depress(w, a_minus * y(t^-))
//   at a postsynaptic spike (t):  w -> potentiate(w, a_plus * x(t^+))
// so one pair with lag dt = t_post - t_pre changes w by  a_plus exp(-dt/tau_plus)  for dt >= 0
// and by  -a_minus exp(dt/tau_minus)  for dt < 0 (additive, inside the bounds). All-to-all
// pairing sums over every earlier spike (traces add 1 per spike); nearest-spike pairing takes
// only the most recent one (traces reset to 1: the symmetric nearest-neighbour scheme of
// Morrison et al. 2008, Fig. 7B). Spike times are emission times; the synaptic delay does not
// enter the window.
//
// Presynaptic target x_tar (Diehl & Cook 2015, Front. Comput. Neurosci. 9:99, Eq. 3 and their
// "pre-and-post" rule): at a postsynaptic spike  w -> w + a_plus (x(t^+) - x_tar) (1 - w^)^mu_plus,
// so inputs whose trace is below the target at the moment the neuron fires are weakened: inputs
// that rarely precede the neuron's spikes are disconnected over time (their motivation). The
// default 0 is plain pair STDP.
#include <array>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "plasticity/trace_rule.hpp"

namespace plastica {

struct PairStdp {
    static constexpr const char* name = "stdp";
    static constexpr std::size_t kPre = 1, kPost = 1;

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_PAIR_STDP_PARAMS(X) \
        X(a_plus, 0.005, "weight", non_negative, "potentiation amplitude") \
        X(a_minus, 0.00525, "weight", non_negative, "depression amplitude (the change is -a_minus ...)") \
        X(tau_plus, 20, "ms", positive, "presynaptic trace time constant") \
        X(tau_minus, 20, "ms", positive, "postsynaptic trace time constant") \
        X(w_min, 0, "weight", any, "lower weight bound") \
        X(w_max, 1, "weight", any, "upper weight bound") \
        X(mu_plus, 0, "", non_negative, "Guetig exponent of potentiation: 0 additive, 1 multiplicative (soft bound)") \
        X(mu_minus, 0, "", non_negative, "Guetig exponent of depression: 0 additive, 1 multiplicative (soft bound)") \
        X(x_tar, 0, "", non_negative, "presynaptic trace target: a postsynaptic spike changes w by a_plus (x - x_tar) (Diehl & Cook 2015 Eq. 3; 0: plain pair STDP)")
    /// Parameters (defaults: Song, Miller & Abbott 2000, amplitudes relative to w_max = 1).
    struct Params {
        PLASTICA_PAIR_STDP_PARAMS(PLASTICA_PARAM_MEMBER)
        bool nearest = false;      ///< nearest-spike instead of all-to-all pairing
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_PAIR_STDP_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }
    static const std::vector<FlagField<Params>>& flags() {
        static const std::vector<FlagField<Params>> f = {{"nearest", &Params::nearest, "nearest-spike pairing (1) instead of all-to-all (0)"}};
        return f;
    }

    PairStdp(const Params& p, const std::string& where) : p_(p), b_{p.w_min, p.w_max, p.mu_plus, p.mu_minus} {
        validate_fields(fields(), p_, where);
        b_.validate(where);
    }
    const Params& params() const { return p_; }
    const WeightBounds& bounds() const { return b_; }
    std::array<TraceKind, 1> pre_kinds() const { return {TraceKind{p_.tau_plus, p_.nearest}}; }
    std::array<TraceKind, 1> post_kinds() const { return {TraceKind{p_.tau_minus, p_.nearest}}; }
    static std::array<const char*, 1> pre_keys() { return {"tau_plus"}; }
    static std::array<const char*, 1> post_keys() { return {"tau_minus"}; }
    void check(const Projection&, const std::string&) const {}

    template <class Pre, class Post>
    double on_pre(double w, const Pre&, Index, const Post& post, Index j, Step t) const {
        return b_.depress(w, p_.a_minus * post.before(j, 0, t));
    }
    template <class Pre, class Post>
    double on_post(double w, const Pre& pre, Index i, const Post&, Index, Step t) const {
        return b_.potentiate(w, p_.a_plus * (pre.after(i, 0, t) - p_.x_tar));
    }

private:
    Params p_;
    WeightBounds b_;
};

/// Pair-based STDP on a projection (see PairStdp).
using StdpRule = TraceRule<PairStdp>;

}  // namespace plastica
