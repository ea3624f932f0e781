#pragma once
// Config keys of the plasticity rules, shared by the plasticity experiments: every field of a
// rule's Params as `<prefix>.<field>` (units and docs from the rule's field table), plus
// `<prefix>.pairing` for the spike-timing rules and `<prefix>.parameter_set` for triplet STDP.
#include <string>
#include <vector>

#include "experiments/model_config.hpp"
#include "plasticity/inhibitory_stdp.hpp"
#include "plasticity/stdp.hpp"
#include "plasticity/triplet_stdp.hpp"

namespace plastica {

inline ParamSpec pairing_spec(const std::string& prefix, bool nearest) {
    return ParamSpec::text(prefix + ".pairing", nearest ? "nearest" : "all_to_all", {"all_to_all", "nearest"},
                           "spike pairing: every earlier spike (all_to_all) or the most recent only (nearest)");
}

inline std::vector<ParamSpec> stdp_schema(const std::string& prefix, const PairStdp::Params& d) {
    auto s = model_schema<PairStdp>(prefix, d);
    s.push_back(pairing_spec(prefix, d.nearest));
    return s;
}
inline PairStdp::Params stdp_params(const Config& c, const std::string& prefix) {
    auto p = model_params<PairStdp>(c, prefix);
    p.nearest = c.text(prefix + ".pairing") == "nearest";
    return p;
}

/// `<prefix>.parameter_set`: one of Pfister & Gerstner's sets, or "custom" for the fields.
inline std::vector<ParamSpec> triplet_schema(const std::string& prefix, const std::string& default_set) {
    auto names = triplet_parameter_set_names();
    names.push_back("custom");
    std::vector<ParamSpec> s = {ParamSpec::text(prefix + ".parameter_set", default_set, names,
                                                "Pfister & Gerstner 2006 Table 4 parameter set, or custom (the fields below)")};
    TripletStdp::Params d = triplet_parameter_set("visual_cortex_all_to_all");
    d.w_max = 1e9;
    const auto f = model_schema<TripletStdp>(prefix, d);
    s.insert(s.end(), f.begin(), f.end());
    s.push_back(pairing_spec(prefix, false));
    return s;
}
inline TripletStdp::Params triplet_params(const Config& c, const std::string& prefix) {
    const std::string set = c.text(prefix + ".parameter_set");
    auto custom = model_params<TripletStdp>(c, prefix);
    custom.nearest = c.text(prefix + ".pairing") == "nearest";
    if (set == "custom") return custom;
    auto p = triplet_parameter_set(set);
    p.w_min = custom.w_min;  // the bounds stay the experiment's
    p.w_max = custom.w_max;
    return p;
}

inline std::vector<ParamSpec> istdp_schema(const std::string& prefix, const InhibitoryStdp::Params& d) {
    return model_schema<InhibitoryStdp>(prefix, d);
}
inline InhibitoryStdp::Params istdp_params(const Config& c, const std::string& prefix) {
    return model_params<InhibitoryStdp>(c, prefix);
}

}  // namespace plastica
