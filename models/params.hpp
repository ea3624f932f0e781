#pragma once
// Reflection of a model's parameters: name, unit, documentation and constraint of each field of
// its Params struct. Configs, `plastica run X --help` and validation all read this one table.
#include <map>
#include <string>
#include <vector>

#include "sim/check.hpp"

namespace plastica {

enum class Constraint { any, positive, non_negative };

/// One documented field of a model's Params struct.
template <class P>
struct ParamField {
    const char* name;
    double P::*member;
    const char* unit;
    const char* doc;
    Constraint constraint = Constraint::any;
};

/// One documented on/off setting of a Params struct (pairing scheme, norm); set by name as 0 or 1.
template <class P>
struct FlagField {
    const char* name;
    bool P::*member;
    const char* doc;
};

/// A documented parameter with its default, as `plastica models` / `plastica rules` list it and
/// the Python module returns it.
struct ParamInfo {
    std::string name, unit, doc;
    double default_value;
};

/// The fields of `P` with their values in `defaults`, in declaration order.
template <class P>
std::vector<ParamInfo> param_info(const std::vector<ParamField<P>>& fields, const P& defaults) {
    std::vector<ParamInfo> out;
    for (const auto& f : fields) out.push_back({f.name, f.unit, f.doc, defaults.*(f.member)});
    return out;
}

// One declaration per parameter. A model (or rule) lists its parameters once, as
//   #define PLASTICA_<MODEL>_PARAMS(X) X(name, default, unit, constraint, doc) ...
// and expands the list twice: PLASTICA_PARAM_MEMBER gives the Params struct's members with their
// defaults, PLASTICA_PARAM_FIELD the fields() table (name, unit, doc, constraint) that configs,
// `plastica models` / `plastica rules`, the Python module's keywords and the PyNN backend's
// translation check all read. A parameter added to the list is in all of them.
#define PLASTICA_PARAM_MEMBER(name, def, unit, constraint, doc) double name = def;
#define PLASTICA_PARAM_FIELD(name, def, unit, constraint, doc) ParamField<Params>{#name, &Params::name, unit, doc, Constraint::constraint},

/// Checks every field of `p` against its constraint; errors name the population and field.
template <class P>
void validate_fields(const std::vector<ParamField<P>>& fields, const P& p, const std::string& where) {
    for (const auto& f : fields) {
        const double v = p.*(f.member);
        switch (f.constraint) {
            case Constraint::any: check::finite(where, f.name, v); break;
            case Constraint::positive: check::positive(where, f.name, v); break;
            case Constraint::non_negative: check::non_negative(where, f.name, v); break;
        }
    }
}

/// Sets field or flag `name` of `p` (a flag takes 0 or 1); unknown names are an Error naming
/// `where` and listing every name.
template <class P>
void set_field(const std::vector<ParamField<P>>& fields, const std::vector<FlagField<P>>& flags, P& p, const std::string& name,
               double value, const std::string& where) {
    for (const auto& f : fields)
        if (name == f.name) {
            p.*(f.member) = value;
            return;
        }
    for (const auto& f : flags)
        if (name == f.name) {
            if (value != 0 && value != 1) throw Error(where, name, to_text(value), "must be 0 or 1");
            p.*(f.member) = value == 1;
            return;
        }
    std::string list;
    for (const auto& f : fields) list += (list.empty() ? "" : ", ") + std::string(f.name);
    for (const auto& f : flags) list += (list.empty() ? "" : ", ") + std::string(f.name);
    throw Error(where, name, to_text(value), "unknown parameter (known: " + list + ")");
}
template <class P>
void set_field(const std::vector<ParamField<P>>& fields, P& p, const std::string& name, double value, const std::string& where) {
    set_field(fields, {}, p, name, value, where);
}

/// The fields of a base model's Params as fields of `P` (a Params struct deriving from it),
/// followed by `extra`: how a wrapper model (adaptive threshold, ODE tolerances) adds parameters.
template <class P, class B>
std::vector<ParamField<P>> extend_fields(const std::vector<ParamField<B>>& base, const std::vector<ParamField<P>>& extra) {
    std::vector<ParamField<P>> out;
    for (const auto& b : base) out.push_back({b.name, static_cast<double P::*>(b.member), b.unit, b.doc, b.constraint});
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

/// The fields and flags of `p` as name -> value (flags 0 or 1): what make_plasticity_rule and a
/// PlasticitySpec take (sim/network_spec.hpp), apply_params's inverse.
template <class P>
std::map<std::string, double> param_values(const std::vector<ParamField<P>>& fields, const std::vector<FlagField<P>>& flags, const P& p) {
    std::map<std::string, double> out;
    for (const auto& f : fields) out[f.name] = p.*(f.member);
    for (const auto& f : flags) out[f.name] = p.*(f.member) ? 1 : 0;
    return out;
}

/// `params` (name -> value) applied to `p` through set_field.
template <class P>
void apply_params(const std::vector<ParamField<P>>& fields, const std::vector<FlagField<P>>& flags, P& p,
                  const std::map<std::string, double>& params, const std::string& where) {
    for (const auto& [name, value] : params) set_field(fields, flags, p, name, value, where);
}

}  // namespace plastica
