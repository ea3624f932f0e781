#pragma once
// AdaptiveThreshold<Base> — an integrate-and-fire model whose threshold rises at each spike and
// relaxes back: the homeostatic adaptive threshold of Diehl & Cook 2015 (Front. Comput. Neurosci.
// 9:99, "homeostasis"), the spike-triggered threshold of the GIF family (Mensi et al. 2012,
// single exponential kernel):
//
//   threshold = v_th + theta,   dtheta/dt = -theta / tau_theta,   theta += theta_plus at a spike
//
// Wraps any model whose spikes come from ThresholdReset (lif_curr_exp, lif_cond_exp, lif_delta):
// the base model's parameters and state stay as they are, `theta_plus`, `tau_theta` and the state
// variable `theta` are added (registered as "<base>_adaptive"). theta decays exactly over each
// step; a spike at the end of a step adds theta_plus after that step's decay. Diehl & Cook use
// theta_plus = 0.05 mV and tau_theta = 1e7 ms, so that theta integrates a neuron's whole history
// and a neuron that wins often becomes harder to excite.
#include <array>
#include <cmath>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "models/params.hpp"
#include "models/threshold_reset.hpp"

namespace plastica {

template <class Base>
struct AdaptiveThreshold {
    static inline const std::string name = std::string(Base::name) + "_adaptive";
    static constexpr const char* weight_unit = Base::weight_unit;
    static constexpr bool conductance_based = Base::conductance_based;
    static constexpr int input_lead = Base::input_lead;
    static constexpr std::size_t kBase = Base::state_names.size();

    /// The base model's parameters plus the threshold's (defaults: Diehl & Cook 2015).
    struct Params : Base::Params {
        double theta_plus = 0.05;   ///< threshold increment per spike (mV)
        double tau_theta = 1e7;     ///< threshold relaxation time constant (ms)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = extend_fields<Params>(
            Base::fields(), {{"theta_plus", &Params::theta_plus, "mV", "threshold increment per spike", Constraint::non_negative},
                             {"tau_theta", &Params::tau_theta, "ms", "threshold relaxation time constant", Constraint::positive}});
        return f;
    }

    static constexpr std::array<const char*, kBase + 1> state_names = [] {
        std::array<const char*, kBase + 1> a{};
        for (std::size_t i = 0; i < kBase; ++i) a[i] = Base::state_names[i];
        a[kBase] = "theta";
        return a;
    }();
    static std::array<double, kBase + 1> resting_state(const Params& p) {
        std::array<double, kBase + 1> a{};
        const auto b = Base::resting_state(p);
        for (std::size_t i = 0; i < kBase; ++i) a[i] = b[i];
        return a;
    }

    struct Constants {
        typename Base::Constants base;
        double p_theta, theta_plus;
    };
    static Constants prepare(const Params& p, double h, const std::string& where) {
        validate_fields(fields(), p, where);
        return {Base::prepare(p, h, where), decay_factor(h, p.tau_theta), p.theta_plus};
    }

    /// The base model's step, then the exact decay of theta (the last state variable).
    template <class... S>
    [[gnu::always_inline]] static void integrate(const Constants& k, std::int32_t& ref, double in_exc, double in_inh, S&... s) {
        static_assert(sizeof...(S) == kBase + 1);
        auto st = std::forward_as_tuple(s...);
        [&]<std::size_t... I>(std::index_sequence<I...>) __attribute__((always_inline)) {
            Base::integrate(k.base, ref, in_exc, in_inh, std::get<I>(st)...);
        }(std::make_index_sequence<kBase>{});
        std::get<kBase>(st) *= k.p_theta;
    }
    /// Spike when v >= v_th + theta: the base model's reset and refractoriness, and theta rises.
    template <class... S>
    [[gnu::always_inline]] static bool fire(const Constants& k, std::int32_t& ref, double& v, S&... rest) {
        double& theta = std::get<sizeof...(S) - 1>(std::forward_as_tuple(rest...));
        ThresholdReset sp = k.base.spike;  // the base model's threshold and reset, raised by theta
        sp.v_th += theta;
        const bool f = sp.fire(v, ref);
        theta += f ? k.theta_plus : 0.0;  // a select: GCC 12 does not vectorise a bool -> double conversion (5x slower loop)
        return f;
    }
};

}  // namespace plastica
