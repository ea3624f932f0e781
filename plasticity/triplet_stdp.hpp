#pragma once
// Triplet STDP (Pfister & Gerstner 2006, J. Neurosci. 26:9673, Eqs. 3-4).
//
//   presynaptic traces  r1 (tau_plus), r2 (tau_x); postsynaptic traces o1 (tau_minus), o2 (tau_y)
//   at a presynaptic spike  (t):  w -> w - o1(t) [a2_minus + a3_minus r2(t - eps)]
//   at a postsynaptic spike (t):  w -> w + r1(t) [a2_plus + a3_plus o2(t - eps)]
// where r2(t - eps), o2(t - eps) are read before the spike's own increment. All-to-all traces
// add 1 per spike, nearest-spike traces reset to 1 (the paper's two interaction schemes). The
// paper's fitted parameter sets (Table 4) are available from triplet_parameter_set(); the
// change is additive inside [w_min, w_max] (with w = 1, the amplitudes are relative changes, as
// in the paper's fits).
#include <array>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "plasticity/trace_rule.hpp"

namespace plastica {

struct TripletStdp {
    static constexpr const char* name = "triplet_stdp";
    static constexpr std::size_t kPre = 2, kPost = 2;

    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_TRIPLET_STDP_PARAMS(X) \
        X(a2_plus, 5e-10, "weight", non_negative, "pair potentiation amplitude A2+") \
        X(a3_plus, 6.2e-3, "weight", non_negative, "triplet potentiation amplitude A3+") \
        X(a2_minus, 7e-3, "weight", non_negative, "pair depression amplitude A2-") \
        X(a3_minus, 2.3e-4, "weight", non_negative, "triplet depression amplitude A3-") \
        X(tau_plus, 16.8, "ms", positive, "presynaptic trace r1 time constant") \
        X(tau_minus, 33.7, "ms", positive, "postsynaptic trace o1 time constant") \
        X(tau_x, 101, "ms", positive, "presynaptic trace r2 time constant") \
        X(tau_y, 125, "ms", positive, "postsynaptic trace o2 time constant") \
        X(w_min, 0, "weight", any, "lower weight bound") \
        X(w_max, 1e9, "weight", any, "upper weight bound")
    /// Parameters (defaults: visual cortex, all-to-all; Pfister & Gerstner 2006, Table 4).
    struct Params {
        PLASTICA_TRIPLET_STDP_PARAMS(PLASTICA_PARAM_MEMBER)
        bool nearest = false;      ///< nearest-spike instead of all-to-all interaction
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_TRIPLET_STDP_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }
    static const std::vector<FlagField<Params>>& flags() {
        static const std::vector<FlagField<Params>> f = {{"nearest", &Params::nearest, "nearest-spike interaction (1) instead of all-to-all (0)"}};
        return f;
    }

    TripletStdp(const Params& p, const std::string& where) : p_(p), b_{p.w_min, p.w_max, 0, 0} {
        validate_fields(fields(), p_, where);
        b_.validate(where);
    }
    const Params& params() const { return p_; }
    const WeightBounds& bounds() const { return b_; }
    std::array<TraceKind, 2> pre_kinds() const { return {TraceKind{p_.tau_plus, p_.nearest}, TraceKind{p_.tau_x, p_.nearest}}; }
    std::array<TraceKind, 2> post_kinds() const { return {TraceKind{p_.tau_minus, p_.nearest}, TraceKind{p_.tau_y, p_.nearest}}; }
    static std::array<const char*, 2> pre_keys() { return {"tau_plus", "tau_x"}; }
    static std::array<const char*, 2> post_keys() { return {"tau_minus", "tau_y"}; }
    void check(const Projection&, const std::string&) const {}

    template <class Pre, class Post>
    double on_pre(double w, const Pre& pre, Index i, const Post& post, Index j, Step t) const {
        return b_.clip(w - post.before(j, 0, t) * (p_.a2_minus + p_.a3_minus * pre.before(i, 1, t)));
    }
    template <class Pre, class Post>
    double on_post(double w, const Pre& pre, Index i, const Post& post, Index j, Step t) const {
        return b_.clip(w + pre.after(i, 0, t) * (p_.a2_plus + p_.a3_plus * post.before(j, 1, t)));
    }

private:
    Params p_;
    WeightBounds b_;
};

/// Triplet STDP on a projection (see TripletStdp).
using TripletStdpRule = TraceRule<TripletStdp>;

/// The fitted parameter sets of Pfister & Gerstner 2006, Table 4, by name:
/// "visual_cortex_all_to_all", "visual_cortex_all_to_all_minimal", "visual_cortex_nearest",
/// "visual_cortex_nearest_minimal", "hippocampal_all_to_all", "hippocampal_nearest".
/// Throws Error for other names (listing these).
TripletStdp::Params triplet_parameter_set(const std::string& name);
std::vector<std::string> triplet_parameter_set_names();

}  // namespace plastica
