#pragma once
// Creates plasticity rules by name, for configs, the Python module and the PyNN backend, as
// models/registry.hpp creates neuron models. Each rule's parameters come from the one table its
// Params struct declares (fields() and flags(): name, unit, default, constraint, doc), so
// `plastica rules`, the module's keyword names and the backends' translations read the same
// declaration. Unknown rule or parameter names are errors that list what exists.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "sim/synapse_rule.hpp"

namespace plastica {

/// Names of the plasticity rules that make_plasticity_rule knows, in the order `plastica rules` lists them.
std::vector<std::string> plasticity_rule_names();
/// One line on what the rule does and the paper it follows; throws Error for an unknown rule.
std::string plasticity_rule_doc(const std::string& rule);
/// Parameters of a rule with their defaults (flags as 0 or 1); throws Error for an unknown rule.
std::vector<ParamInfo> plasticity_rule_params(const std::string& rule);
/// The rule `rule` with `params` overriding its defaults, validated; errors name `where`.
std::unique_ptr<SynapseRule> make_plasticity_rule(const std::string& rule, const std::map<std::string, double>& params,
                                                  const std::string& where);

}  // namespace plastica
