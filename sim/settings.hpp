#pragma once
// Settings tables — a struct of run settings declared once. Each row pairs a ParamSpec (key,
// default, unit, doc, bounds, choices) with the struct member it fills, so the config schema,
// the defaults and the reading of a Config all come from the one table, and a setting cannot be
// added to one of them and forgotten in another (a learner's settings were written three times:
// struct, config copy, schema). Keys are relative; `prefix` ("stdp_wta.") is put in front.
#include <cstdint>
#include <type_traits>
#include <string>
#include <variant>
#include <vector>

#include "sim/config.hpp"

namespace plastica {

/// One setting: its documented key and the member of `S` it sets.
template <class S>
struct Setting {
    ParamSpec spec;
    std::variant<double S::*, std::int64_t S::*, std::uint32_t S::*, bool S::*, std::string S::*> member;
};

/// The table's keys under `prefix`, for an experiment's or learner's schema.
template <class S>
std::vector<ParamSpec> settings_schema(const std::vector<Setting<S>>& table, const std::string& prefix) {
    std::vector<ParamSpec> out;
    for (const auto& s : table) {
        out.push_back(s.spec);
        out.back().key = prefix + s.spec.key;
    }
    return out;
}

/// T, for a pointer to a member of type T.
template <class M>
struct member_of;
template <class S, class T>
struct member_of<T S::*> {
    using type = T;
};

/// The settings a config holds (every key of the table under `prefix`); integers that do not fit
/// their member are an Error naming the key (Config::integer_as).
template <class S>
S read_settings(const std::vector<Setting<S>>& table, const Config& c, const std::string& prefix, S out = {}) {
    for (const auto& s : table) {
        const std::string key = prefix + s.spec.key;
        std::visit(
            [&](auto m) {
                using T = typename member_of<decltype(m)>::type;
                if constexpr (std::is_same_v<T, double>) out.*m = c.number(key);
                else if constexpr (std::is_same_v<T, bool>) out.*m = c.boolean(key);
                else if constexpr (std::is_same_v<T, std::string>) out.*m = c.text(key);
                else out.*m = c.integer_as<T>(key);
            },
            s.member);
    }
    return out;
}

}  // namespace plastica
