#pragma once
// Config keys for a neuron model's parameters: `<prefix>.<field>` for every field of the model's
// Params, with the experiment's defaults, units and docs taken from the model's field table.
#include <string>
#include <vector>

#include "models/params.hpp"
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

}  // namespace plastica
