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

    /// Parameters (defaults: visual cortex, all-to-all; Pfister & Gerstner 2006, Table 4).
    struct Params {
        double a2_plus = 5e-10;    ///< pair potentiation amplitude
        double a3_plus = 6.2e-3;   ///< triplet potentiation amplitude
        double a2_minus = 7e-3;    ///< pair depression amplitude
        double a3_minus = 2.3e-4;  ///< triplet depression amplitude
        double tau_plus = 16.8;    ///< r1 time constant (ms)
        double tau_minus = 33.7;   ///< o1 time constant (ms)
        double tau_x = 101;        ///< r2 time constant (ms)
        double tau_y = 125;        ///< o2 time constant (ms)
        double w_min = 0;          ///< lower weight bound
        double w_max = 1e9;        ///< upper weight bound
        bool nearest = false;      ///< nearest-spike instead of all-to-all interaction
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {
            {"a2_plus", &Params::a2_plus, "weight", "pair potentiation amplitude A2+", Constraint::non_negative},
            {"a3_plus", &Params::a3_plus, "weight", "triplet potentiation amplitude A3+", Constraint::non_negative},
            {"a2_minus", &Params::a2_minus, "weight", "pair depression amplitude A2-", Constraint::non_negative},
            {"a3_minus", &Params::a3_minus, "weight", "triplet depression amplitude A3-", Constraint::non_negative},
            {"tau_plus", &Params::tau_plus, "ms", "presynaptic trace r1 time constant", Constraint::positive},
            {"tau_minus", &Params::tau_minus, "ms", "postsynaptic trace o1 time constant", Constraint::positive},
            {"tau_x", &Params::tau_x, "ms", "presynaptic trace r2 time constant", Constraint::positive},
            {"tau_y", &Params::tau_y, "ms", "postsynaptic trace o2 time constant", Constraint::positive},
            {"w_min", &Params::w_min, "weight", "lower weight bound"},
            {"w_max", &Params::w_max, "weight", "upper weight bound"},
        };
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
