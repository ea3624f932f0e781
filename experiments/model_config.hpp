#pragma once
// Config keys for a neuron model's parameters: `<prefix>.<field>` for every field of the model's
// Params, with the experiment's defaults, units and docs taken from the model's field table.
#include <string>
#include <vector>

#include "models/params.hpp"
#include "models/registry.hpp"
#include "sim/config.hpp"

namespace plastica {

template <class M>
std::vector<ParamSpec> model_schema(const std::string& prefix, const typename M::Params& defaults) {
    std::vector<ParamSpec> out;
    for (const auto& f : M::fields()) {
        ParamSpec s = ParamSpec::number(prefix + "." + f.name, defaults.*(f.member), f.unit,
                                        std::string(M::name) + ": " + f.doc);
        if (f.constraint == Constraint::positive) s.positive();
        if (f.constraint == Constraint::non_negative) s.at_least(0);
        out.push_back(s);
    }
    return out;
}

template <class M>
typename M::Params model_params(const Config& cfg, const std::string& prefix) {
    typename M::Params p{};
    for (const auto& f : M::fields()) p.*(f.member) = cfg.number(prefix + "." + f.name);
    return p;
}

/// Every parameter of the model named `model` from the keys `<prefix>.<field>`, in the form a
/// PopulationSpec takes (sim/network_spec.hpp).
inline std::vector<std::pair<std::string, std::vector<double>>> model_param_values(const Config& cfg, const std::string& prefix,
                                                                                   const std::string& model) {
    std::vector<std::pair<std::string, std::vector<double>>> out;
    for (const auto& p : neuron_model_params(model)) out.emplace_back(p.name, std::vector<double>{cfg.number(prefix + "." + p.name)});
    return out;
}

}  // namespace plastica
