#pragma once
// lif_curr_alpha — leaky integrate-and-fire neuron with alpha-function synaptic currents,
// integrated exactly (Rotter & Diesmann 1999, Biol. Cybern. 81:381, Sec. 2.2; as NEST's
// iaf_psc_alpha):
//
//   C dV/dt = -(C/tau_m)(V - E_L) + I_exc + I_inh + I_e
//   a spike of weight w (pA) adds w (t/tau) exp(1 - t/tau) to I_x: the current peaks at w, tau after
//   the arrival. As a linear system: dy/dt = -y/tau, dI/dt = y - I/tau, a spike makes y += w e/tau.
//
// Over one step h, with a = 1/tau - 1/tau_m:
//   y(t+h) = e^{-h/tau} y,   I(t+h) = e^{-h/tau} (I + h y),
//   V(t+h) - E_L = e^{-h/tau_m} (V - E_L) + P_VI I + P_Vy y + tau_m/C (1 - e^{-h/tau_m}) I_e,
//   P_VI = e^{-h/tau_m} (1 - e^{-a h}) / (a C),   P_Vy = e^{-h/tau_m} (1 - e^{-a h} (1 + a h)) / (a^2 C)
// (the integrals of e^{-(h-s)/tau_m} times the current's two modes), with their limits at a = 0.
#include <array>
#include <cmath>
#include <vector>

#include "models/lif_curr_exp.hpp"
#include "models/params.hpp"
#include "models/threshold_reset.hpp"

namespace plastica {

struct LifCurrAlpha {
    static constexpr const char* name = "lif_curr_alpha";
    static constexpr const char* weight_unit = "pA";
    static constexpr bool conductance_based = false;
    static constexpr int input_lead = 0;

    /// Parameters: lif_curr_exp's (NEST's defaults for iaf_psc_alpha are iaf_psc_exp's); here
    /// tau_syn_x is the alpha function's time to peak.
    using Params = LifCurrExp::Params;
    static const std::vector<ParamField<Params>>& fields() { return LifCurrExp::fields(); }

    static constexpr std::array<const char*, 5> state_names = {"v", "i_exc", "i_inh", "di_exc", "di_inh"};
    static std::array<double, 5> resting_state(const Params& p) { return {p.e_l, 0, 0, 0, 0}; }

    /// One receptor's alpha propagators.
    struct Alpha {
        double decay, h, p_vi, p_vy, jump;  // jump: y per unit weight, e / tau
        static Alpha make(double h, double tau_m, double tau, double c) {
            const double a = 1 / tau - 1 / tau_m, em = std::exp(-h / tau_m);
            Alpha r{std::exp(-h / tau), h, 0, 0, std::exp(1.0) / tau};
            if (std::fabs(a * h) < 1e-6) {  // tau ~ tau_m: the series of the two integrals
                r.p_vi = em * h / c * (1 - a * h / 2);
                r.p_vy = em * h * h / (2 * c) * (1 - 2 * a * h / 3);
            } else {
                const double ex = -std::expm1(-a * h);  // 1 - e^{-a h}, without cancellation
                r.p_vi = em * ex / (a * c);
                r.p_vy = em * (ex - a * h * std::exp(-a * h)) / (a * a * c);
            }
            return r;
        }
    };
    struct Constants {
        double p33, p30, e_l, i_e;
        Alpha exc, inh;
        ThresholdReset spike;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        return {std::exp(-h / p.tau_m), -p.tau_m / p.c_m * std::expm1(-h / p.tau_m), p.e_l, p.i_e,
                Alpha::make(h, p.tau_m, p.tau_syn_exc, p.c_m), Alpha::make(h, p.tau_m, p.tau_syn_inh, p.c_m),
                ThresholdReset::make(p.v_th, p.v_reset, p.t_ref, h, where)};
    }

    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v, double& i_exc,
                          double& i_inh, double& y_exc, double& y_inh) {
        const double ye = y_exc + in_exc * k.exc.jump, yi = y_inh + in_inh * k.inh.jump;
        const double free = k.e_l + k.p33 * (v - k.e_l) + k.exc.p_vi * i_exc + k.exc.p_vy * ye + k.inh.p_vi * i_inh +
                            k.inh.p_vy * yi + k.p30 * k.i_e;
        v = k.spike.clamp(ref, free);
        i_exc = k.exc.decay * (i_exc + k.exc.h * ye);
        i_inh = k.inh.decay * (i_inh + k.inh.h * yi);
        y_exc = ye * k.exc.decay;
        y_inh = yi * k.inh.decay;
    }
};

}  // namespace plastica
