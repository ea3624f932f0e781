#pragma once
// hh_cond_exp — Hodgkin-Huxley neuron with Traub-Miles sodium and potassium channels and
// exponential conductance synapses: the COBAHH benchmark model of Brette et al. 2007 (J. Comput.
// Neurosci. 23:349, benchmark 3; Traub & Miles 1991; parameters as in that paper and Brian2's
// COBAHH example, a 20,000 um^2 membrane):
//
//   C dV/dt = g_L (E_L - V) - g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) + g_exc (E_exc - V) + g_inh (E_inh - V) + I_e
//   dx/dt = alpha_x(V) (1 - x) - beta_x(V) x   for x = m, h, n, with u = V - V_T (mV, rates in 1/ms):
//     alpha_m = 0.32 (13 - u) / (exp((13 - u)/4) - 1)     beta_m = 0.28 (u - 40) / (exp((u - 40)/5) - 1)
//     alpha_h = 0.128 exp((17 - u)/18)                     beta_h = 4 / (1 + exp((40 - u)/5))
//     alpha_n = 0.032 (15 - u) / (exp((15 - u)/5) - 1)    beta_n = 0.5 exp((10 - u)/40)
//   dg_x/dt = -g_x / tau_syn_x,   a spike of weight w (nS) makes g_x += w
//
// Integration: Boost.Odeint's Dormand-Prince 5(4) stepper with error control (abs_tol, rel_tol)
// on all six variables over each step of dt, the step size carried from one step to the next
// (state variable `step`, ms), so that a resting neuron takes one or two large steps per dt and a
// spiking one as many small ones as the tolerance asks. A spike is an upward pass of V through
// v_spike (-20 mV), not followed by another within t_ref (the benchmark's 3 ms); V is not reset,
// the channels repolarise it. The spike is registered at the end of the step in which V passed
// v_spike (the spike is delivered at the end of that step, like every model's). Its time is kept
// precisely: the upward crossing inside the Odeint sub-step where it happened is found on the cubic
// Hermite interpolant of V through the sub-step's ends (V and dV/dt at both, fourth order like the
// stepper's own dense output), by bisection to 1e-9 of the sub-step; it is the state variable
// `offset` (ms after the start of the step) and the time the SpikeRecorder writes (as NEST's
// precise-timing models, whose spikes carry an offset inside the step).
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <boost/numeric/odeint.hpp>

#include "models/hh_traub_miles.hpp"
#include "models/threshold_reset.hpp"

namespace plastica {

struct HhCondExp : HhTraubMiles {
    static constexpr const char* name = "hh_cond_exp";

    /// The model's parameters plus the integrator's tolerances.
    struct Params : HhTraubMiles::Params {
        double abs_tol = 1e-6;     ///< Odeint absolute tolerance per step
        double rel_tol = 1e-6;     ///< Odeint relative tolerance per step
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = extend_fields<Params>(
            HhTraubMiles::fields(), {{"abs_tol", &Params::abs_tol, "", "Odeint absolute error tolerance", Constraint::positive},
                                     {"rel_tol", &Params::rel_tol, "", "Odeint relative error tolerance", Constraint::positive}});
        return f;
    }

    static constexpr std::array<const char*, 8> state_names = {"v", "m", "h", "n", "g_exc", "g_inh", "step", "offset"};
    static constexpr std::size_t offset_state = 7;  ///< spikes carry precise times (Population::spike_offsets)
    /// Resting state: V = E_L with the gates at their steady state there.
    static std::array<double, 8> resting_state(const Params& p) {
        const auto r = rest(p);
        return {r[0], r[1], r[2], r[3], 0, 0, 0, 0};
    }

    using State = std::array<double, 6>;  // v, m, h, n, g_exc, g_inh
    struct Constants {
        Params p;
        double h, inv_c, inv_tau_exc, inv_tau_inh;
        std::int32_t ref_steps;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        return {p, h, 1 / p.c_m, 1 / p.tau_syn_exc, 1 / p.tau_syn_inh, static_cast<std::int32_t>(steps_of(where, "t_ref", p.t_ref, h))};
    }

    static void rhs(const Constants& k, const State& x, State& dx) {
        const Params& p = k.p;
        const double v = x[0], m = x[1], hh = x[2], n = x[3];
        const Rates r = rates(v - p.v_t);
        const double n2 = n * n;
        dx[0] = (p.g_l * (p.e_l - v) - p.g_na * m * m * m * hh * (v - p.e_na) - p.g_k * n2 * n2 * (v - p.e_k) + x[4] * (p.e_exc - v) +
                 x[5] * (p.e_inh - v) + p.i_e) * k.inv_c;
        dx[1] = r.am * (1 - m) - r.bm * m;
        dx[2] = r.ah * (1 - hh) - r.bh * hh;
        dx[3] = r.an * (1 - n) - r.bn * n;
        dx[4] = -x[4] * k.inv_tau_exc;
        dx[5] = -x[5] * k.inv_tau_inh;
    }

    /// Time in (0, span] at which V passes v_spike upwards on the cubic Hermite interpolant of V
    /// through (0, v0, d0) and (span, v1, d1), with v0 <= v_spike < v1 (bisection).
    static double crossing(double v0, double d0, double v1, double d1, double span, double v_spike) {
        auto at = [&](double s) {  // s in [0, 1]
            const double s2 = s * s, s3 = s2 * s;
            return (2 * s3 - 3 * s2 + 1) * v0 + (s3 - 2 * s2 + s) * span * d0 + (-2 * s3 + 3 * s2) * v1 + (s3 - s2) * span * d1;
        };
        double lo = 0, hi = 1;
        for (int it = 0; it < 30; ++it) {
            const double mid = 0.5 * (lo + hi);
            (at(mid) > v_spike ? hi : lo) = mid;
        }
        return hi * span;
    }

    /// Integrates over one step with error control, starting from the step size the last step
    /// ended with; gives up (state NaN, reported by the population) after 10,000 attempts. Keeps
    /// in `offset` the time of the first upward passage of v_spike in the step (dt if none).
    static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v, double& m, double& hh,
                          double& n, double& g_exc, double& g_inh, double& step, double& offset) {
        namespace ode = boost::numeric::odeint;
        State x{v, m, hh, n, g_exc + in_exc, g_inh + in_inh};
        auto stepper = ode::make_controlled(k.p.abs_tol, k.p.rel_tol, ode::runge_kutta_dopri5<State>());
        auto sys = [&k](const State& y, State& dy, double) { rhs(k, y, dy); };
        double t = 0, dt = step > 0 ? step : k.h;
        int attempts = 0;
        offset = k.h;
        bool crossed = false;
        while (t < k.h && attempts < 10000) {
            const double try_dt = std::min(dt, k.h - t), t0 = t;
            const State x0 = x;
            double d = try_dt;
            if (stepper.try_step(sys, x, t, d) == ode::success) {
                dt = try_dt < dt ? std::max(dt, d) : d;  // a step cut short at the end of dt keeps the estimate
                if (!crossed && x0[0] <= k.p.v_spike && x[0] > k.p.v_spike) {
                    State f0, f1;
                    rhs(k, x0, f0);
                    rhs(k, x, f1);
                    offset = t0 + crossing(x0[0], f0[0], x[0], f1[0], t - t0, k.p.v_spike);
                    crossed = true;
                }
            } else {
                dt = d;  // the controller's smaller step
            }
            ++attempts;
        }
        if (attempts >= 10000 || !std::isfinite(x[0])) x.fill(NAN);
        v = x[0], m = x[1], hh = x[2], n = x[3], g_exc = x[4], g_inh = x[5];
        step = dt;
        ref -= ref > 0;
    }
    static bool fire(const Constants& k, std::int32_t& ref, double& v, double&, double&, double&, double&, double&, double&, double&) {
        return detect(v, k.p.v_spike, ref, k.ref_steps);
    }
};

}  // namespace plastica
