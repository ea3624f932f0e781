#include "models/registry.hpp"

#include "models/lif_cond_exp.hpp"
#include "models/lif_curr_exp.hpp"
#include "models/lif_delta.hpp"
#include "models/neuron_population.hpp"

namespace plastica {

namespace {

template <class M>
std::vector<ModelParamInfo> info() {
    std::vector<ModelParamInfo> out;
    const typename M::Params defaults{};
    for (const auto& f : M::fields()) out.push_back({f.name, f.unit, f.doc, defaults.*(f.member)});
    return out;
}

template <class M>
std::unique_ptr<Population> make(const std::string& name, Index n, const std::map<std::string, double>& params) {
    typename M::Params p{};
    for (const auto& [k, v] : params) set_field(M::fields(), p, k, v, std::string("population '") + name + "' (" + M::name + ")");
    return std::make_unique<NeuronPopulation<M>>(name, n, p);
}

}  // namespace

std::vector<std::string> neuron_model_names() { return {LifCurrExp::name, LifCondExp::name, LifDelta::name}; }

std::vector<ModelParamInfo> neuron_model_params(const std::string& model) {
    if (model == LifCurrExp::name) return info<LifCurrExp>();
    if (model == LifCondExp::name) return info<LifCondExp>();
    if (model == LifDelta::name) return info<LifDelta>();
    std::string known;
    for (const auto& m : neuron_model_names()) known += (known.empty() ? "" : ", ") + m;
    throw Error("models", "model", model, "unknown neuron model (known: " + known + ")");
}

std::unique_ptr<Population> make_population(const std::string& model, const std::string& name, Index n,
                                            const std::map<std::string, double>& params) {
    if (model == LifCurrExp::name) return make<LifCurrExp>(name, n, params);
    if (model == LifCondExp::name) return make<LifCondExp>(name, n, params);
    if (model == LifDelta::name) return make<LifDelta>(name, n, params);
    neuron_model_params(model);  // throws the unknown-model error
    return nullptr;
}

}  // namespace plastica
