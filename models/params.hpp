#pragma once
// Reflection of a model's parameters: name, unit, documentation and constraint of each field of
// its Params struct. Configs, `plastica run X --help` and validation all read this one table.
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

/// Sets field `name` of `p`; unknown names are an Error listing the model's fields.
template <class P>
void set_field(const std::vector<ParamField<P>>& fields, P& p, const std::string& name, double value,
               const std::string& where) {
    for (const auto& f : fields)
        if (name == f.name) {
            p.*(f.member) = value;
            return;
        }
    std::string list;
    for (const auto& f : fields) list += (list.empty() ? "" : ", ") + std::string(f.name);
    throw Error(where, name, to_text(value), "unknown parameter (known: " + list + ")");
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

}  // namespace plastica
