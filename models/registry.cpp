#include "models/registry.hpp"

#include "models/adaptive_threshold.hpp"
#include "models/adex.hpp"
#include "models/gif_cond_exp.hpp"
#include "models/gif_psc_exp.hpp"
#include "models/hh_cond_exp.hpp"
#include "models/hh_cond_exp_euler.hpp"
#include "models/if_delta_subtractive.hpp"
#include "models/izhikevich.hpp"
#include "models/lif_cond_alpha.hpp"
#include "models/lif_cond_exp.hpp"
#include "models/lif_curr_alpha.hpp"
#include "models/lif_curr_exp.hpp"
#include "models/lif_delta.hpp"
#include "models/neuron_population.hpp"

#include <tuple>

namespace plastica {

namespace {

template <class M>
std::vector<ModelParamInfo> info() {
    return param_info(M::fields(), typename M::Params{});
}

template <class M>
std::unique_ptr<Population> make(const std::string& name, Index n, const std::map<std::string, double>& params) {
    typename M::Params p{};
    for (const auto& [k, v] : params) set_field(M::fields(), p, k, v, std::string("population '") + name + "' (" + M::name + ")");
    return std::make_unique<NeuronPopulation<M>>(name, n, p);
}

/// Every neuron model `make_population` knows, in the order `plastica models` lists them.
using Models = std::tuple<LifCurrExp, LifCondExp, LifDelta, LifCurrAlpha, LifCondAlpha, AdaptiveThreshold<LifCurrExp>, AdaptiveThreshold<LifCondExp>,
                          AdaptiveThreshold<LifDelta>, Izhikevich, AdExCurrExp, AdExCondExp, HhCondExp,
                          HhCondExpEuler, GifPscExp, GifCondExp, IfDeltaSubtractive>;

/// Calls f.template operator()<M>() for every model M.
template <class F>
void for_each_model(F&& f) {
    [&]<class... M>(std::tuple<M...>*) { (f.template operator()<M>(), ...); }(static_cast<Models*>(nullptr));
}

/// Calls f.template operator()<M>() for the model named `model`; false if none is.
template <class F>
bool with_model(const std::string& model, F&& f) {
    bool found = false;
    for_each_model([&]<class M>() {
        if (!found && model == M::name) {
            f.template operator()<M>();
            found = true;
        }
    });
    return found;
}

}  // namespace

std::vector<std::string> neuron_model_names() {
    std::vector<std::string> out;
    for_each_model([&]<class M>() { out.push_back(M::name); });
    return out;
}

std::vector<ModelParamInfo> neuron_model_params(const std::string& model) {
    std::vector<ModelParamInfo> out;
    if (with_model(model, [&]<class M>() { out = info<M>(); })) return out;
    std::string known;
    for (const auto& m : neuron_model_names()) known += (known.empty() ? "" : ", ") + m;
    throw Error("models", "model", model, "unknown neuron model (known: " + known + ")");
}

std::vector<ModelPresetInfo> neuron_model_presets(const std::string& model) {
    std::vector<ModelPresetInfo> out;
    const bool known = with_model(model, [&]<class M>() {
        if constexpr (requires { M::presets(); })
            for (const auto& p : M::presets()) out.push_back({p.name, p.doc});
    });
    if (!known) neuron_model_params(model);  // throws the unknown-model error
    return out;
}

std::map<std::string, double> neuron_model_preset(const std::string& model, const std::string& set, const std::string& where) {
    std::map<std::string, double> out;
    bool has_sets = false;
    const bool known = with_model(model, [&]<class M>() {
        if constexpr (requires { M::preset(set, where); }) {
            has_sets = true;
            const typename M::Params p = M::preset(set, where);  // throws for an unknown set, listing the sets
            for (const auto& f : M::fields()) out[f.name] = p.*(f.member);
        }
    });
    if (!known) neuron_model_params(model);  // throws the unknown-model error
    if (!has_sets) throw Error(where, "preset", set, "model " + model + " has no named parameter sets (plastica models lists them)");
    return out;
}

std::unique_ptr<Population> make_population(const std::string& model, const std::string& name, Index n,
                                            const std::map<std::string, double>& params) {
    std::unique_ptr<Population> out;
    if (with_model(model, [&]<class M>() { out = make<M>(name, n, params); })) return out;
    neuron_model_params(model);  // throws the unknown-model error
    return nullptr;
}

}  // namespace plastica
