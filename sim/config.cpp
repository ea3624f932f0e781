#include "sim/config.hpp"
#include "sim/toml_values.hpp"

#include <cctype>
#include <filesystem>

#include <toml++/toml.h>

#include <cmath>
#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

#include "sim/error.hpp"

namespace plastica {

ParamSpec ParamSpec::number(std::string key, double def, std::string unit, std::string doc) {
    ParamSpec s;
    s.key = std::move(key);
    s.type = ParamType::number;
    s.default_value = def;
    s.unit = std::move(unit);
    s.doc = std::move(doc);
    return s;
}
ParamSpec ParamSpec::integer(std::string key, std::int64_t def, std::string unit, std::string doc) {
    ParamSpec s = number(std::move(key), 0, std::move(unit), std::move(doc));
    s.type = ParamType::integer;
    s.default_value = def;
    return s;
}
ParamSpec ParamSpec::boolean(std::string key, bool def, std::string doc) {
    ParamSpec s = number(std::move(key), 0, "", std::move(doc));
    s.type = ParamType::boolean;
    s.default_value = def;
    return s;
}
ParamSpec ParamSpec::text(std::string key, std::string def, std::vector<std::string> choices, std::string doc) {
    ParamSpec s = number(std::move(key), 0, "", std::move(doc));
    s.type = ParamType::text;
    s.default_value = std::move(def);
    s.choices = std::move(choices);
    return s;
}
ParamSpec ParamSpec::dist(std::string key, Distribution def, std::string unit, std::string doc) {
    ParamSpec s = number(std::move(key), 0, std::move(unit), std::move(doc));
    s.type = ParamType::distribution;
    s.default_value = def;
    return s;
}

std::string value_text(const Config::Value& v) {
    struct V {
        std::string operator()(double d) const { return to_text(d); }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
        std::string operator()(const Distribution& d) const {
            using K = Distribution::Kind;
            std::string s;
            switch (d.kind) {
                case K::constant: return to_text(d.a);
                case K::uniform: s = "{ dist = \"uniform\", low = " + to_text(d.a) + ", high = " + to_text(d.b); break;
                case K::normal: s = "{ dist = \"normal\", mean = " + to_text(d.a) + ", sd = " + to_text(d.b); break;
                case K::lognormal: s = "{ dist = \"lognormal\", mu = " + to_text(d.a) + ", sigma = " + to_text(d.b); break;
            }
            if (std::isfinite(d.min)) s += ", min = " + to_text(d.min);
            if (std::isfinite(d.max)) s += ", max = " + to_text(d.max);
            return s + " }";
        }
    };
    return std::visit(V{}, v);
}

Config::Config(std::vector<ParamSpec> schema, std::string context)
    : schema_(std::move(schema)), context_(std::move(context)) {
    for (const auto& s : schema_) values_[s.key] = Entry{s.default_value, "default"};
}

const ParamSpec& Config::spec(const std::string& key, const std::string& where) const {
    for (const auto& s : schema_)
        if (s.key == key) return s;
    throw Error(where, key, "", "unknown key for " + context_ + " (the --help of the experiment lists the keys)");
}

std::string where_of(const toml::node& n, const std::string& origin) {
    const auto& src = n.source();
    if (src.begin.line > 0) return origin + ":" + std::to_string(src.begin.line);
    return origin;
}

std::string node_text(const toml::node& n) {
    std::ostringstream os;
    if (auto t = n.as_table()) os << toml::toml_formatter(*t, toml::format_flags::none);
    else if (auto a = n.as_array()) os << *a;
    else if (auto s = n.as_string()) os << '"' << s->get() << '"';
    else if (auto i = n.as_integer()) os << i->get();
    else if (auto f = n.as_floating_point()) os << to_text(f->get());
    else if (auto b = n.as_boolean()) os << (b->get() ? "true" : "false");
    else os << "(value)";
    std::string s = os.str();
    for (auto& c : s)
        if (c == '\n') c = ' ';
    return s;
}

double number_of(const toml::node& n, const std::string& key, const std::string& where) {
    if (auto f = n.as_floating_point()) return f->get();
    if (auto i = n.as_integer()) return static_cast<double>(i->get());
    throw Error(where, key, node_text(n), "must be a number");
}

Distribution distribution_of(const toml::node& n, const std::string& key, const std::string& where) {
    if (n.is_number()) return Distribution::constant(number_of(n, key, where));
    const auto* t = n.as_table();
    if (!t) throw Error(where, key, node_text(n), "must be a number or a table { dist = \"normal\", mean = .., sd = .. }");
    const auto* kind = t->get("dist");
    if (!kind || !kind->is_string())
        throw Error(where, key, node_text(n), "needs dist = \"constant\" | \"uniform\" | \"normal\" | \"lognormal\"");
    const std::string k = kind->as_string()->get();
    std::vector<std::string> allowed;
    Distribution d;
    auto get = [&](const char* name) {
        const auto* v = t->get(name);
        if (!v) throw Error(where, key, node_text(n), std::string("distribution '") + k + "' needs " + name);
        return number_of(*v, key + "." + name, where);
    };
    if (k == "constant") { d = Distribution::constant(get("value")); allowed = {"value"}; }
    else if (k == "uniform") { d = Distribution::uniform(get("low"), get("high")); allowed = {"low", "high"}; }
    else if (k == "normal") { d = Distribution::normal(get("mean"), get("sd")); allowed = {"mean", "sd"}; }
    else if (k == "lognormal") { d = Distribution::lognormal(get("mu"), get("sigma")); allowed = {"mu", "sigma"}; }
    else throw Error(where, key + ".dist", "\"" + k + "\"", "unknown distribution (constant, uniform, normal, lognormal)");
    allowed.insert(allowed.end(), {"dist", "min", "max"});
    for (const auto& [name, v] : *t) {
        const std::string s(name.str());
        if (std::find(allowed.begin(), allowed.end(), s) == allowed.end())
            throw Error(where, key + "." + s, node_text(v), "unknown field of a '" + k + "' distribution");
    }
    if (const auto* v = t->get("min")) d.min = number_of(*v, key + ".min", where);
    if (const auto* v = t->get("max")) d.max = number_of(*v, key + ".max", where);
    d.validate(where, key);
    return d;
}

namespace {

/// The value of a TOML node for a parameter of type `type`.
Config::Value value_of(ParamType type, const toml::node& n, const std::string& key, const std::string& where) {
    if (type == ParamType::distribution) return distribution_of(n, key, where);
    if (auto f = n.as_floating_point()) return f->get();
    if (auto i = n.as_integer()) return i->get();
    if (auto b = n.as_boolean()) return b->get();
    if (auto str = n.as_string()) return str->get();
    throw Error(where, key, node_text(n), "unsupported value type");
}

}  // namespace

void Config::assign(const std::string& key, Value v, const std::string& where) {
    const ParamSpec& s = spec(key, where);
    auto check_bounds = [&](double x) {
        if (!std::isfinite(x)) throw Error(where, key, value_text(v), "must be a finite number");
        if (s.min && (s.min_exclusive ? !(x > *s.min) : !(x >= *s.min)))
            throw Error(where, key, value_text(v), std::string("must be ") + (s.min_exclusive ? "> " : ">= ") + to_text(*s.min));
        if (s.max && !(x <= *s.max)) throw Error(where, key, value_text(v), "must be <= " + to_text(*s.max));
    };
    switch (s.type) {
        case ParamType::number:
            if (auto* i = std::get_if<std::int64_t>(&v)) v = static_cast<double>(*i);
            if (!std::holds_alternative<double>(v)) throw Error(where, key, value_text(v), "must be a number");
            check_bounds(std::get<double>(v));
            break;
        case ParamType::integer:
            if (!std::holds_alternative<std::int64_t>(v)) throw Error(where, key, value_text(v), "must be an integer");
            check_bounds(static_cast<double>(std::get<std::int64_t>(v)));
            break;
        case ParamType::boolean:
            if (!std::holds_alternative<bool>(v)) throw Error(where, key, value_text(v), "must be true or false");
            break;
        case ParamType::text: {
            if (!std::holds_alternative<std::string>(v)) throw Error(where, key, value_text(v), "must be a string");
            const auto& str = std::get<std::string>(v);
            if (!s.choices.empty() && std::find(s.choices.begin(), s.choices.end(), str) == s.choices.end()) {
                std::string list;
                for (const auto& c : s.choices) list += (list.empty() ? "" : ", ") + c;
                throw Error(where, key, value_text(v), "unknown choice (one of: " + list + ")");
            }
            break;
        }
        case ParamType::distribution:
            if (auto* i = std::get_if<std::int64_t>(&v)) v = Distribution::constant(static_cast<double>(*i));
            if (auto* d = std::get_if<double>(&v)) v = Distribution::constant(*d);
            if (!std::holds_alternative<Distribution>(v))
                throw Error(where, key, value_text(v), "must be a number or a distribution table");
            std::get<Distribution>(v).validate(where, key);
            if (s.min || s.max) {
                const auto& d = std::get<Distribution>(v);
                if (s.min && (s.min_exclusive ? !(d.lowest() > *s.min) : !(d.lowest() >= *s.min)))
                    throw Error(where, key, d.describe(),
                                std::string("every value must be ") + (s.min_exclusive ? "> " : ">= ") + to_text(*s.min) +
                                    " (add min to clip)");
                if (s.max && !(d.highest() <= *s.max))
                    throw Error(where, key, d.describe(), "every value must be <= " + to_text(*s.max) + " (add max to clip)");
            }
            break;
    }
    values_[key] = Entry{std::move(v), where};
}

namespace {

void walk(const toml::table& t, const std::string& prefix, const std::string& origin,
          const std::function<bool(const std::string&)>& is_leaf,
          const std::function<void(const std::string&, const toml::node&, const std::string&)>& take) {
    for (const auto& [k, node] : t) {
        const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (node.is_table() && !is_leaf(key)) walk(*node.as_table(), key, origin, is_leaf, take);
        else take(key, node, where_of(node, origin));
    }
}

}  // namespace

void Config::load_text(const std::string& text, const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(std::string_view(text), std::string_view(origin));
    } catch (const toml::parse_error& e) {
        throw Error(origin + ":" + std::to_string(e.source().begin.line) + ": malformed TOML: " +
                    std::string(e.description()));
    }
    auto is_leaf = [this](const std::string& key) {
        for (const auto& s : schema_)
            if (s.key == key) return s.type == ParamType::distribution;
        return false;
    };
    walk(root, "", origin, is_leaf, [this](const std::string& key, const toml::node& n, const std::string& where) {
        assign(key, value_of(spec(key, where).type, n, key, where), where);
    });
}

void Config::load_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Error(path, "--config", path, "is a directory, not a config file");
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
        throw Error(path, "--config", path, "is not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path, "--config", path, "cannot read the config file");
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw Error(path, "--config", path, "cannot read the config file");
    load_text(ss.str(), path);
}

void Config::set(const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        throw Error("--set", assignment, "", "expected key=value");
    std::string key = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    auto trim = [](std::string& s) {
        s.erase(0, s.find_first_not_of(" \t"));
        s.erase(s.find_last_not_of(" \t") + 1);
    };
    trim(key);
    trim(text);
    const ParamSpec& s = spec(key, "--set");
    // A bare word is taken as a string, so `--set model=coba` works without quotes.
    toml::table t;
    try {
        t = toml::parse(std::string_view("v = " + text), std::string_view("--set"));
    } catch (const toml::parse_error&) {
        if (s.type != ParamType::text) throw Error("--set", key, text, "is not a valid value");
        assign(key, text, "--set");
        return;
    }
    // A text key given a number or boolean on the command line takes it as written
    // (`--hidden 16` for a list of layer sizes); in a TOML file the type is checked strictly.
    if (s.type == ParamType::text && !t.get("v")->is_string()) {
        assign(key, text, "--set");
        return;
    }
    assign(key, value_of(s.type, *t.get("v"), key, "--set"), "--set");
}

const Config::Entry& Config::entry(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw Error(context_, key, "", "no such parameter (internal: not in the schema)");
    return it->second;
}

double Config::number(const std::string& key) const { return std::get<double>(entry(key).value); }
std::int64_t Config::integer(const std::string& key) const { return std::get<std::int64_t>(entry(key).value); }
bool Config::boolean(const std::string& key) const { return std::get<bool>(entry(key).value); }
const std::string& Config::text(const std::string& key) const { return std::get<std::string>(entry(key).value); }
const Distribution& Config::dist(const std::string& key) const { return std::get<Distribution>(entry(key).value); }
namespace {

/// The last component of a dotted key ("coba.v_th" -> "v_th").
std::string last_part(const std::string& k) {
    const auto dot = k.rfind('.');
    return dot == std::string::npos ? k : std::string(k, dot + 1);
}

/// The digits of a value's text from the first to the last ("\"2000000000\"" -> 2000000000), or "".
std::string digit_span(const std::string& v) {
    const auto a = v.find_first_of("0123456789");
    return a == std::string::npos ? std::string() : v.substr(a, v.find_last_of("0123456789") - a + 1);
}

/// `name = ` as a whole word in `text` ("v_th = -70" but not "xv_th = ").
bool names(const std::string& text, const std::string& name) {
    const auto at = text.find(name + " = ");
    return at != std::string::npos && (at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_'));
}

}  // namespace

Error Config::blame(const Error& e) const {
    if (e.key().empty() || e.why().empty()) return e;
    for (const auto& [k, v] : values_)  // already says where it came from
        if (v.origin != "default" && e.where() == v.origin) return e;
    auto user_set = [&](const std::string& k) {  // not a default, nor an experiment's preset
        return values_.count(k) && values_.at(k).origin != "default" && values_.at(k).origin.rfind("preset of ", 0) != 0;
    };
    auto about_population = [&](const std::string& k) {  // "exc.v_reset" for an error about population 'exc'
        const auto dot = k.rfind('.');
        if (dot == std::string::npos) return false;
        std::string quoted = "'";  // built by append: GCC 12 warns (-Wrestrict, falsely) on "'" + substr + "'"
        quoted.append(k, 0, dot).push_back('\'');
        return e.where().find(quoted) != std::string::npos;
    };
    auto holds_value = [&](const std::string& k) {  // the key's value is the offending one
        const auto* d = std::get_if<Distribution>(&values_.at(k).value);
        return text_of(k) == e.value() || (d && d->describe() == e.value());
    };
    /// The user-set key that `fits`, preferring one of the population the error is about.
    auto pick = [&](auto fits) -> const ParamSpec* {
        const ParamSpec* best = nullptr;
        for (const auto& s : schema_)
            if (user_set(s.key) && fits(s) && (!best || about_population(s.key))) best = &s;
        return best;
    };
    const std::string where = e.where() == "default" ? std::string() : " (" + e.where() + ")";
    auto because = [&](const ParamSpec& s, const std::string& why) { return Error(origin(s.key), s.key, text_of(s.key), why + where); };

    // too large for memory: the size the user set, preferably one whose digits show in the estimate
    if (e.why().find("of memory available") != std::string::npos) {
        const ParamSpec* size = pick([&](const ParamSpec& s) {
            const std::string d = digit_span(text_of(s.key));
            return s.key != "seed" && !d.empty() && e.value().find(d) != std::string::npos;
        });
        if (!size) size = pick([](const ParamSpec& s) { return s.type == ParamType::integer && s.key != "seed"; });
        if (size) return because(*size, "makes " + e.key() + " = " + e.value() + ": " + e.why());
    }
    // the key the error is about, set by the user
    if (const ParamSpec* s = pick([&](const ParamSpec& p) { return p.key == e.key() || last_part(p.key) == e.key(); }))
        return Error(origin(s->key), s->key, e.value(), e.why() + where);
    // a user-set key the message names ("must be below v_th = -70")
    if (const ParamSpec* s = pick([&](const ParamSpec& p) { return names(e.why(), last_part(p.key)); }))
        return because(*s, "makes " + e.key() + " = " + e.value() + " invalid: " + e.why());
    // a user-set key holding the offending value (a weight or an initial-value distribution the
    // network took from the config under another name)
    if (const ParamSpec* s = pick([&](const ParamSpec& p) { return holds_value(p.key); })) return because(*s, e.key() + " " + e.why());
    return e;
}

std::string Config::text_of(const std::string& key) const { return value_text(entry(key).value); }

const std::string& Config::origin(const std::string& key) const { return entry(key).origin; }

std::string Config::to_toml() const {
    std::string out;
    for (const auto& s : schema_) out += s.key + " = " + value_text(entry(s.key).value) + "\n";
    return out;
}

std::string Config::help() const {
    std::ostringstream os;
    std::size_t w = 0;
    for (const auto& s : schema_) w = std::max(w, s.key.size());
    for (const auto& s : schema_) {
        std::string def = value_text(s.default_value);
        os << "  " << s.key << std::string(w - s.key.size() + 2, ' ') << "= " << def;
        if (!s.unit.empty()) os << " " << s.unit;
        os << "\n      " << s.doc;
        if (!s.choices.empty()) {
            os << " (";
            for (std::size_t i = 0; i < s.choices.size(); ++i) os << (i ? ", " : "") << s.choices[i];
            os << ")";
        }
        os << "\n";
    }
    return os.str();
}

std::vector<std::int64_t> parse_int_list(const std::string& text, const std::string& origin, const std::string& key, std::int64_t lo,
                                         std::int64_t hi, const std::string& what) {
    std::vector<std::int64_t> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        if (b == std::string::npos) continue;
        item = item.substr(b, e - b + 1);
        std::size_t used = 0;
        long long v = 0;
        try {
            v = std::stoll(item, &used);
        } catch (...) {
            used = 0;
        }
        if (used != item.size() || v < lo || v > hi) throw Error(origin, key, text, "must be " + what);
        out.push_back(v);
    }
    return out;
}

}  // namespace plastica
