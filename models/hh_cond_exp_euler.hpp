#pragma once
// hh_cond_exp_euler — the Traub-Miles Hodgkin-Huxley neuron of hh_cond_exp (same equations,
// parameters and spike detection; models/hh_cond_exp.hpp) integrated by exponential Euler, the
// scheme Brian2 uses for its COBAHH benchmark and NEURON's cnexp for gates: over one step every
// variable's equation is linear in that variable with the others held at their values at the start
// of the step, and is solved exactly:
//   x <- x_inf + (x - x_inf) exp(-dt (alpha_x + beta_x)),  x_inf = alpha_x / (alpha_x + beta_x)
//   V <- V_inf + (V - V_inf) exp(-dt G / C),  G = g_L + g_Na m^3 h + g_K n^4 + g_exc + g_inh,
//        V_inf = (g_L E_L + g_Na m^3 h E_Na + g_K n^4 E_K + g_exc E_exc + g_inh E_inh + I_e) / G
//   g_x <- g_x exp(-dt / tau_x)
// First order in dt and unconditionally stable; no error control. One pass over the population,
// branch-free, so that it vectorises (the exponentials are sim/vector_exp.hpp's): the fast choice
// for large networks, where hh_cond_exp's error control is the accurate one (tests compare them).
#include <array>
#include <string>

#include "models/hh_traub_miles.hpp"
#include "models/threshold_reset.hpp"

namespace plastica {

struct HhCondExpEuler : HhTraubMiles {
    static constexpr const char* name = "hh_cond_exp_euler";

    static constexpr std::array<const char*, 6> state_names = {"v", "m", "h", "n", "g_exc", "g_inh"};
    static std::array<double, 6> resting_state(const Params& p) {
        const auto r = rest(p);
        return {r[0], r[1], r[2], r[3], 0, 0};
    }

    struct Constants {
        Params p;
        double h, inv_c, p_exc, p_inh;
        std::int32_t ref_steps;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        return {p, h, 1 / p.c_m, decay_factor(h, p.tau_syn_exc), decay_factor(h, p.tau_syn_inh),
                static_cast<std::int32_t>(steps_of(where, "t_ref", p.t_ref, h))};
    }

    [[gnu::always_inline]] static double gate(double x, double a, double b, double h) {
        const double s = a + b, inf = a / s;
        return inf + (x - inf) * vector_exp(-h * s);
    }
    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, double& v, double& m, double& hh,
                          double& n, double& g_exc, double& g_inh) {
        const Params& p = k.p;
        const double ge = g_exc + in_exc, gi = g_inh + in_inh;
        const Rates r = rates(v - p.v_t);
        const double n2 = n * n, gna = p.g_na * m * m * m * hh, gk = p.g_k * n2 * n2;
        const double G = p.g_l + gna + gk + ge + gi;
        const double v_inf = (p.g_l * p.e_l + gna * p.e_na + gk * p.e_k + ge * p.e_exc + gi * p.e_inh + p.i_e) / G;
        const double h = k.h;
        v = v_inf + (v - v_inf) * vector_exp(-h * G * k.inv_c);
        m = gate(m, r.am, r.bm, h);
        hh = gate(hh, r.ah, r.bh, h);
        n = gate(n, r.an, r.bn, h);
        g_exc = ge * k.p_exc;
        g_inh = gi * k.p_inh;
        ref -= ref > 0;
    }
    [[gnu::always_inline]] static bool fire(const Constants& k, std::int32_t& ref, double& v, double&, double&, double&, double&, double&) {
        return detect(v, k.p.v_spike, ref, k.ref_steps);
    }
};

}  // namespace plastica
