#pragma once
// Explicit-sum evaluation of the spike-timing rules (and the short-term recursion written out): each trace written out as the sum over
// earlier spikes of exp(-(t - t_k)/tau) (or the nearest spike only), the weight updated event by
// event in time order (a pre and a post spike at the same time: pre first, as the engine does)
// and rounded to float32 after each update, as the synapse arrays store it. Quadratic in the
// number of spikes and independent of the engine's lazy traces and transposed index: the
// reference against which the tests and the stdp_window experiment check the simulation.
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "plasticity/inhibitory_stdp.hpp"
#include "plasticity/short_term.hpp"
#include "plasticity/stdp.hpp"
#include "plasticity/triplet_stdp.hpp"

namespace plastica::explicit_sums {

/// Spike times (ms) before t: strictly, or up to and including t.
inline std::vector<double> earlier(const std::vector<double>& s, double t, bool inclusive) {
    std::vector<double> out;
    for (double x : s)
        if (x < t - 1e-9 || (inclusive && x < t + 1e-9)) out.push_back(x);
    return out;
}

/// Trace at t of the spikes `s` (all before t): sum of exp(-(t - s_k)/tau), or the last one only.
inline double trace(const std::vector<double>& s, double t, double tau, bool nearest) {
    if (s.empty()) return 0;
    if (nearest) return std::exp(-(t - s.back()) / tau);
    double x = 0;
    for (double v : s) x += std::exp(-(t - v) / tau);
    return x;
}

/// An update: the weight, the pre spikes before t (up to and including t for a post update),
/// the post spikes strictly before t, and t.
using Update = std::function<double(double w, const std::vector<double>& pre, const std::vector<double>& post, double t)>;

/// The weight of one synapse after the spike trains `pre` and `post` (ms, ascending).
inline float weight(float w0, const std::vector<double>& pre, const std::vector<double>& post, const Update& on_pre,
                    const Update& on_post) {
    struct Ev {
        double t;
        int kind;  // 0 pre, 1 post
    };
    std::vector<Ev> ev;
    for (double t : pre) ev.push_back({t, 0});
    for (double t : post) ev.push_back({t, 1});
    std::sort(ev.begin(), ev.end(), [](const Ev& a, const Ev& b) { return a.t != b.t ? a.t < b.t : a.kind < b.kind; });
    float w = w0;
    for (const Ev& e : ev) {
        if (e.kind == 0) w = static_cast<float>(on_pre(w, earlier(pre, e.t, false), earlier(post, e.t, false), e.t));
        else w = static_cast<float>(on_post(w, earlier(pre, e.t, true), earlier(post, e.t, false), e.t));
    }
    return w;
}

/// Pair STDP (plasticity/stdp.hpp).
inline float pair_stdp(const PairStdp::Params& p, float w0, const std::vector<double>& pre, const std::vector<double>& post) {
    const WeightBounds b{p.w_min, p.w_max, p.mu_plus, p.mu_minus};
    return weight(
        w0, pre, post,
        [&](double w, const auto&, const auto& po, double t) { return b.depress(w, p.a_minus * trace(po, t, p.tau_minus, p.nearest)); },
        [&](double w, const auto& pr, const auto&, double t) { return b.potentiate(w, p.a_plus * (trace(pr, t, p.tau_plus, p.nearest) - p.x_tar)); });
}

/// Triplet STDP, Pfister & Gerstner 2006, Eqs. 3-4 (plasticity/triplet_stdp.hpp).
inline float triplet_stdp(const TripletStdp::Params& p, float w0, const std::vector<double>& pre, const std::vector<double>& post) {
    return weight(
        w0, pre, post,
        [&](double w, const auto& pr, const auto& po, double t) {
            const double o1 = trace(po, t, p.tau_minus, p.nearest), r2 = trace(pr, t, p.tau_x, p.nearest);
            return std::clamp(w - o1 * (p.a2_minus + p.a3_minus * r2), p.w_min, p.w_max);
        },
        [&](double w, const auto& pr, const auto& po, double t) {
            const double r1 = trace(pr, t, p.tau_plus, p.nearest), o2 = trace(po, t, p.tau_y, p.nearest);
            return std::clamp(w + r1 * (p.a2_plus + p.a3_plus * o2), p.w_min, p.w_max);
        });
}

/// Inhibitory STDP, Vogels et al. 2011 (plasticity/inhibitory_stdp.hpp).
inline float inhibitory_stdp(const InhibitoryStdp::Params& p, float w0, const std::vector<double>& pre, const std::vector<double>& post) {
    const double alpha = 2 * p.rho0 * 1e-3 * p.tau, sign = p.w_max <= 0 ? -1.0 : 1.0;
    return weight(
        w0, pre, post,
        [&](double w, const auto&, const auto& po, double t) {
            return std::clamp(w + sign * p.eta * (trace(po, t, p.tau, false) - alpha), p.w_min, p.w_max);
        },
        [&](double w, const auto& pr, const auto&, double t) {
            return std::clamp(w + sign * p.eta * trace(pr, t, p.tau, false), p.w_min, p.w_max);
        });
}

/// Tsodyks-Markram amplitudes w u_n x_n of spikes at `times` (ms), by the model's recursion
/// written out (plasticity/short_term.hpp).
inline std::vector<double> tsodyks_markram(const TsodyksMarkramRule::Params& p, double w, const std::vector<double>& times) {
    std::vector<double> out;
    double x = 1, u = p.u;
    for (std::size_t n = 0; n < times.size(); ++n) {
        if (n > 0) {
            const double h = times[n] - times[n - 1];
            x = 1 + (x - u * x - 1) * std::exp(-h / p.tau_rec);
            u = p.tau_facil > 0 ? p.u + u * (1 - p.u) * std::exp(-h / p.tau_facil) : p.u;
        }
        out.push_back(w * u * x);
    }
    return out;
}

}  // namespace plastica::explicit_sums
