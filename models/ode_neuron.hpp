#pragma once
// OdeNeuron<Def> — a neuron model given by the user as the right-hand side of its ODE, a
// threshold condition and a reset, integrated by Boost.Odeint's Dormand-Prince 5(4) stepper with
// error control (runge_kutta_dopri5, absolute and relative tolerances as parameters). It is a
// model like the built-in ones: NeuronPopulation<OdeNeuron<Def>> works in any network, recorders
// see its state variables by name, and nothing in the engine changes.
//
// Def provides (worked example: the quadratic integrate-and-fire neuron, Ermentrout & Kopell 1986,
// Latham et al. 2000, in the form tau dv/dt = (v - v_rest)(v - v_c) / delta + R I):
//
//   struct Qif {
//       static constexpr const char* name = "qif";
//       static constexpr const char* weight_unit = "mV";       // input: voltage jumps
//       static constexpr std::array<const char*, 1> state_names = {"v"};
//       using State = std::array<double, 1>;
//       struct Params { double tau = 10, v_rest = -65, v_c = -50, delta = 15, ri = 0, v_peak = 30, v_reset = -70; };
//       static const std::vector<ParamField<Params>>& fields();   // name, member, unit, doc, constraint
//       static State resting_state(const Params& p) { return {p.v_rest}; }
//       static void rhs(const Params& p, const State& x, State& dxdt) {
//           dxdt[0] = ((x[0] - p.v_rest) * (x[0] - p.v_c) / p.delta + p.ri) / p.tau;
//       }
//       static void input(const Params&, State& x, double in_exc, double in_inh) { x[0] += in_exc + in_inh; }
//       static bool threshold(const Params& p, const State& x) { return x[0] >= p.v_peak; }
//       static void reset(const Params& p, State& x) { x[0] = p.v_reset; }
//       static void validate(const Params& p, const std::string& where);  // optional: extra checks
//   };
//   net.add(std::make_unique<NeuronPopulation<OdeNeuron<Qif>>>("qif", 100, OdeNeuron<Qif>::Params{}));
//
// (tests/models/test_ode_neuron.cpp runs this neuron against its analytic period.)
// Each step: the input jumps (Def::input) at the start, then the ODE is integrated over dt with
// steps chosen by the error control, then the threshold is tested and the reset applied: a spike
// is registered at the end of the step in which the threshold was crossed, the time resolution of
// every model here. Failure (Odeint's step-size control giving up, a non-finite state) makes the
// state NaN, and the population reports the neuron by name after the segment (check_state).
#include <array>
#include <cmath>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/numeric/odeint.hpp>

#include "models/params.hpp"

namespace plastica {

template <class Def>
struct OdeNeuron {
    static constexpr const char* name = Def::name;
    static constexpr const char* weight_unit = Def::weight_unit;
    static constexpr bool conductance_based = [] {
        if constexpr (requires { Def::conductance_based; }) return Def::conductance_based;
        return false;
    }();
    static constexpr int input_lead = 0;
    static constexpr bool can_fail = true;
    static constexpr auto state_names = Def::state_names;
    static constexpr std::size_t kState = state_names.size();
    using State = std::array<double, kState>;

    /// The model's parameters plus the integrator's tolerances.
    struct Params : Def::Params {
        double abs_tol = 1e-9;  ///< absolute error tolerance per step of the integrator
        double rel_tol = 1e-9;  ///< relative error tolerance per step of the integrator
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = extend_fields<Params>(
            Def::fields(), {{"abs_tol", &Params::abs_tol, "", "Odeint absolute error tolerance", Constraint::positive},
                            {"rel_tol", &Params::rel_tol, "", "Odeint relative error tolerance", Constraint::positive}});
        return f;
    }
    static State resting_state(const Params& p) { return Def::resting_state(p); }

    struct Constants {
        Params p;
        double h;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        if constexpr (requires { Def::validate(p, where); }) Def::validate(p, where);
        return {p, h};
    }

    template <class... S>
    static void integrate(const Constants& k, std::int32_t&, double in_exc, double in_inh, S&... s) {
        State x{s...};
        Def::input(k.p, x, in_exc, in_inh);
        namespace ode = boost::numeric::odeint;
        try {
            auto stepper = ode::make_controlled(k.p.abs_tol, k.p.rel_tol, ode::runge_kutta_dopri5<State>());
            ode::integrate_adaptive(stepper, [&](const State& y, State& dydt, double) { Def::rhs(k.p, y, dydt); }, x, 0.0, k.h, k.h);
        } catch (const std::exception&) {
            x.fill(NAN);  // reported by NeuronPopulation::check_state after the segment
        }
        std::size_t v = 0;
        ((s = x[v++]), ...);
    }
    template <class... S>
    static bool fire(const Constants& k, std::int32_t&, S&... s) {
        State x{s...};
        if (!Def::threshold(k.p, x)) return false;
        Def::reset(k.p, x);
        std::size_t v = 0;
        ((s = x[v++]), ...);
        return true;
    }
};

}  // namespace plastica
