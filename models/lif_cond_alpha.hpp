#pragma once
// lif_cond_alpha — leaky integrate-and-fire neuron with alpha-function conductances and reversal
// potentials (as NEST's iaf_cond_alpha; Kuhn, Aertsen & Rotter 2004), parameters as lif_cond_exp:
//
//   C dV/dt = g_L (E_L - V) + g_exc (E_exc - V) + g_inh (E_inh - V) + I_e
//   a spike of weight w (nS) adds w (t/tau) exp(1 - t/tau) to g_x: the conductance peaks at w, tau
//   after the arrival (dy/dt = -y/tau, dg/dt = y - g/tau, a spike makes y += w e/tau)
//
// The conductances are propagated exactly (g(t+h) = e^{-h/tau} (g + h y), y(t+h) = e^{-h/tau} y);
// the membrane by exponential Euler with the conductances held at the step's mean under the alpha
// kernel's exact integral over the step (so that the drive is exact for a constant V), as
// lif_cond_exp holds them at the start of the step: first order in h, and stable for any size of
// conductance. tests/models/test_alpha_synapses.cpp bounds the error against a converged
// integration.
#include <array>
#include <cmath>
#include <vector>

#include "models/lif_cond_exp.hpp"
#include "models/params.hpp"
#include "models/threshold_reset.hpp"
#include "sim/vector_exp.hpp"

namespace plastica {

struct LifCondAlpha {
    static constexpr const char* name = "lif_cond_alpha";
    static constexpr const char* weight_unit = "nS";
    static constexpr bool conductance_based = true;
    static constexpr int input_lead = 0;

    /// Parameters: lif_cond_exp's, with its defaults (the COBA benchmark's neuron); here
    /// tau_syn_x is the alpha function's time to peak.
    using Params = LifCondExp::Params;
    static const std::vector<ParamField<Params>>& fields() { return LifCondExp::fields(); }

    static constexpr std::array<const char*, 5> state_names = {"v", "g_exc", "g_inh", "dg_exc", "dg_inh"};
    static std::array<double, 5> resting_state(const Params& p) { return {p.e_l, 0, 0, 0, 0}; }

    /// One receptor's alpha propagators, and the mean of g over a step: (m_g g + m_y y) / h.
    struct Alpha {
        double decay, h, jump, m_g, m_y;
        static Alpha make(double h, double tau) {
            const double d = std::exp(-h / tau);
            // integral over [0, h] of (g + y s) e^{-s/tau} ds = g tau (1 - d) + y (tau^2 (1 - d) - tau h d)
            return {d, h, std::exp(1.0) / tau, tau * (1 - d) / h, (tau * tau * (1 - d) - tau * h * d) / h};
        }
    };
    struct Constants {
        double g_l, e_l, e_exc, e_inh, i_e, inv_c, h;
        Alpha exc, inh;
        ThresholdReset spike;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        return {p.g_l, p.e_l, p.e_exc, p.e_inh, p.i_e, 1 / p.c_m, h, Alpha::make(h, p.tau_syn_exc), Alpha::make(h, p.tau_syn_inh),
                ThresholdReset::make(p.v_th, p.v_reset, p.t_ref, h, where)};
    }

    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v, double& g_exc,
                          double& g_inh, double& y_exc, double& y_inh) {
        const double ye = y_exc + in_exc * k.exc.jump, yi = y_inh + in_inh * k.inh.jump;
        const double ge = k.exc.m_g * g_exc + k.exc.m_y * ye, gi = k.inh.m_g * g_inh + k.inh.m_y * yi;  // step means
        const double g = k.g_l + ge + gi;
        const double v_inf = (k.g_l * k.e_l + ge * k.e_exc + gi * k.e_inh + k.i_e) / g;
        v = k.spike.clamp(ref, v_inf + (v - v_inf) * vector_exp(-k.h * g * k.inv_c));
        g_exc = k.exc.decay * (g_exc + k.exc.h * ye);
        g_inh = k.inh.decay * (g_inh + k.inh.h * yi);
        y_exc = ye * k.exc.decay;
        y_inh = yi * k.inh.decay;
    }
};

}  // namespace plastica
