#pragma once
// Creates populations by model name, for configs and the command line. Unknown model names and
// unknown parameter names are errors that list what exists.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "sim/population.hpp"

namespace plastica {

/// Documented parameter of a model, as listed by `plastica models` and config help.
using ModelParamInfo = ParamInfo;

/// A named parameter set of a model (Izhikevich 2003's cell classes, Naud et al. 2008's patterns).
struct ModelPresetInfo {
    std::string name, doc;
};

/// Names of the neuron models that `make_population` knows.
std::vector<std::string> neuron_model_names();
/// Parameters of a neuron model with their defaults; throws Error for an unknown model.
std::vector<ModelParamInfo> neuron_model_params(const std::string& model);
/// Named parameter sets of a model (empty for models without them); throws Error for an unknown model.
std::vector<ModelPresetInfo> neuron_model_presets(const std::string& model);
/// Every parameter of `model` under its named set `set` (the form make_population takes); throws
/// Error naming `where` for an unknown model, a model without sets or an unknown set.
std::map<std::string, double> neuron_model_preset(const std::string& model, const std::string& set, const std::string& where);
/// A population of `n` neurons of `model`, with `params` overriding the model's defaults.
std::unique_ptr<Population> make_population(const std::string& model, const std::string& name, Index n,
                                            const std::map<std::string, double>& params);

}  // namespace plastica
