#include "sim/network_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "models/gamma_source.hpp"
#include "models/inh_gamma_source.hpp"
#include "models/registry.hpp"
#include "plasticity/registry.hpp"
#include "sim/toml_values.hpp"

namespace plastica {

namespace {

/// Reads the entries of one TOML table, refusing keys it was not asked for.
class Entry {
public:
    Entry(const toml::table& t, std::string key, std::string origin) : t_(t), key_(std::move(key)), origin_(std::move(origin)) {}

    std::string where() const { return where_of(t_, origin_); }
    const std::string& key() const { return key_; }
    const std::string& origin() const { return origin_; }
    std::string sub(const std::string& k) const { return key_ + "." + k; }
    const toml::node* get(const std::string& k) {
        seen_.push_back(k);
        return t_.get(k);
    }
    const toml::node& need(const std::string& k, const std::string& why) {
        const toml::node* n = get(k);
        if (!n) throw Error(where(), sub(k), "", "missing (" + why + ")");
        return *n;
    }
    std::string where(const toml::node& n) const { return where_of(n, origin_); }

    std::string text(const std::string& k, const std::string& why) { return text_of(need(k, why), sub(k)); }
    std::string text_or(const std::string& k, const std::string& def) {
        const toml::node* n = get(k);
        return n ? text_of(*n, sub(k)) : def;
    }
    std::string text_of(const toml::node& n, const std::string& key) const {
        if (const auto* s = n.as_string()) return s->get();
        throw Error(where(n), key, node_text(n), "must be a string");
    }
    bool boolean_or(const std::string& k, bool def) {
        const toml::node* n = get(k);
        if (!n) return def;
        if (const auto* b = n->as_boolean()) return b->get();
        throw Error(where(*n), sub(k), node_text(*n), "must be true or false");
    }
    std::int64_t integer_of(const toml::node& n, const std::string& key, std::int64_t lo, std::int64_t hi) const {
        const auto* i = n.as_integer();
        if (!i) throw Error(where(n), key, node_text(n), "must be a whole number");
        if (i->get() < lo || i->get() > hi)
            throw Error(where(n), key, node_text(n), "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
        return i->get();
    }
    /// A number, or an array of numbers.
    std::vector<double> numbers_of(const toml::node& n, const std::string& key) const {
        if (n.is_number()) return {number_of(n, key, where(n))};
        const auto* a = n.as_array();
        if (!a) throw Error(where(n), key, node_text(n), "must be a number or an array of numbers");
        std::vector<double> out;
        for (std::size_t q = 0; q < a->size(); ++q) out.push_back(number_of(*a->get(q), key + "[" + std::to_string(q) + "]", where(n)));
        return out;
    }
    const toml::array& array_of(const toml::node& n, const std::string& key) const {
        const auto* a = n.as_array();
        if (!a) throw Error(where(n), key, node_text(n), "must be an array");
        return *a;
    }
    const toml::table& table_of(const toml::node& n, const std::string& key) const {
        const auto* t = n.as_table();
        if (!t) throw Error(where(n), key, node_text(n), "must be a table { name = value, ... }");
        return *t;
    }
    /// Every key of the table was read.
    void done(const std::string& known) const {
        for (const auto& [k, v] : t_) {
            const std::string s(k.str());
            if (std::find(seen_.begin(), seen_.end(), s) == seen_.end())
                throw Error(where(v), sub(s), node_text(v), "unknown key (known: " + known + ")");
        }
    }

private:
    const toml::table& t_;
    std::string key_, origin_;
    std::vector<std::string> seen_;
};

std::string names_of(const std::vector<ParamInfo>& params) {
    std::string s;
    for (const auto& p : params) s += (s.empty() ? "" : ", ") + p.name;
    return s;
}
bool declares(const std::vector<ParamInfo>& params, const std::string& name) {
    return std::any_of(params.begin(), params.end(), [&](const ParamInfo& p) { return p.name == name; });
}

PopulationSpec population_of(Entry e) {
    PopulationSpec p;
    p.origin = e.where();
    p.name = e.text("name", "every population has a name");
    p.model = e.text("model", "a model of `plastica models`, poisson_source, gamma_source, inh_gamma_source or spike_source_array");
    const bool poisson = p.model == "poisson_source" || p.model == "gamma_source", array = p.model == "spike_source_array";
    const bool inh_gamma = p.model == "inh_gamma_source";
    std::vector<ParamInfo> declared;
    if (p.model == "gamma_source")
        declared = param_info(GammaSource::fields(), GammaSource::Params{});
    else if (inh_gamma)
        declared = param_info(InhGammaSource::fields(), InhGammaSource::Params{});
    else if (!poisson && !array) {
        const auto known = neuron_model_names();
        if (std::find(known.begin(), known.end(), p.model) == known.end()) {
            std::string list = "poisson_source, gamma_source, inh_gamma_source, spike_source_array";
            for (const auto& m : known) list += ", " + m;
            throw Error(e.where(), e.sub("model"), "\"" + p.model + "\"", "unknown model (known: " + list + ")");
        }
        declared = neuron_model_params(p.model);
    }
    if (const toml::node* n = e.get("size")) p.size = static_cast<Index>(e.integer_of(*n, e.sub("size"), array ? 0 : 1, 1LL << 31));
    else if (!array) throw Error(e.where(), e.sub("size"), "", "missing (the number of neurons)");
    if (const toml::node* n = e.get("params")) {
        for (const auto& [k, v] : e.table_of(*n, e.sub("params"))) {
            const std::string name(k.str()), key = e.sub("params." + name);
            if (!declares(declared, name))
                throw Error(e.where(v), key, node_text(v),
                            "not a parameter of " + p.model + (declared.empty() ? std::string(" (it has none)") : " (known: " + names_of(declared) + ")"));
            p.params.emplace_back(name, e.numbers_of(v, key));
        }
    }
    if (const toml::node* n = e.get("initial")) {
        for (const auto& [k, v] : e.table_of(*n, e.sub("initial"))) {
            const std::string name(k.str()), key = e.sub("initial." + name);
            InitialValueSpec iv;
            if (v.is_array()) iv.values = e.numbers_of(v, key);
            else iv.dist = distribution_of(v, key, e.where(v));
            p.initial.emplace_back(name, iv);  // unknown variables: the population's own error, at this entry's line
        }
    }
    if (const toml::node* n = e.get("rate")) p.rates_hz = e.numbers_of(*n, e.sub("rate"));
    else if (poisson) throw Error(e.where(), e.sub("rate"), "", "missing (a " + p.model + "'s rate in Hz, one or one per neuron)");
    if (const toml::node* n = e.get("rate_changes")) {
        const auto& a = e.array_of(*n, e.sub("rate_changes"));
        for (std::size_t q = 0; q < a.size(); ++q) {
            Entry c(e.table_of(*a.get(q), e.sub("rate_changes")), e.sub("rate_changes[" + std::to_string(q) + "]"), e.origin());
            const toml::node& at = c.need("at", "the time (ms) the rates change");
            const toml::node& rate = c.need("rate", "the new rate (Hz)");
            c.done("at, rate");
            p.rate_changes.emplace_back(number_of(at, c.sub("at"), e.where(at)), e.numbers_of(rate, c.sub("rate")));
        }
    }
    if (const toml::node* n = e.get("bins")) {
        const auto& a = e.array_of(*n, e.sub("bins"));
        for (std::size_t q = 0; q < a.size(); ++q) {
            Entry c(e.table_of(*a.get(q), e.sub("bins")), e.sub("bins[" + std::to_string(q) + "]"), e.origin());
            GammaBin b;
            b.at_ms = number_of(c.need("at", "the time (ms) the bin starts"), c.sub("at"), c.where());
            b.shape = number_of(c.need("shape", "the gamma shape a (>= 1) from then on"), c.sub("shape"), c.where());
            b.rate_hz = number_of(c.need("rate", "the rate (Hz) from then on"), c.sub("rate"), c.where());
            c.done("at, shape, rate");
            p.gamma_bins.push_back(b);
        }
    } else if (inh_gamma) {
        throw Error(e.where(), e.sub("bins"), "", "missing (an inh_gamma_source's bins: [{ at = 0, shape = 2, rate = 10 }, ...])");
    }
    if (const toml::node* n = e.get("spike_times")) {
        const auto& a = e.array_of(*n, e.sub("spike_times"));
        for (std::size_t q = 0; q < a.size(); ++q) {
            const std::string key = e.sub("spike_times[" + std::to_string(q) + "]");
            const auto* inner = a.get(q)->as_array();
            if (!inner) throw Error(e.where(*n), key, node_text(*a.get(q)), "must be an array of spike times (ms), one array per neuron");
            p.spike_times_ms.push_back(e.numbers_of(*a.get(q), key));
        }
    } else if (array) {
        throw Error(e.where(), e.sub("spike_times"), "", "missing (a spike_source_array's spike times, one array per neuron)");
    }
    if (const toml::node* n = e.get("drive")) {
        const auto& a = e.array_of(*n, e.sub("drive"));
        for (std::size_t q = 0; q < a.size(); ++q) {
            Entry d(e.table_of(*a.get(q), e.sub("drive")), e.sub("drive[" + std::to_string(q) + "]"), e.origin());
            PoissonDrive drive;
            drive.rate_hz = number_of(d.need("rate", "input spikes per second per neuron"), d.sub("rate"), d.where());
            drive.weight = number_of(d.need("weight", "the weight of each input spike"), d.sub("weight"), d.where());
            const std::string r = d.text_or("receptor", "exc");
            if (r != "exc" && r != "inh") throw Error(d.where(), d.sub("receptor"), "\"" + r + "\"", "unknown receptor (exc, inh)");
            drive.receptor = r == "exc" ? Receptor::exc : Receptor::inh;
            d.done("rate, weight, receptor");
            p.drives.push_back(drive);
        }
    }
    if (array && p.size == 0) p.size = static_cast<Index>(p.spike_times_ms.size());
    e.done("name, model, size, params, initial, drive, rate, rate_changes, spike_times, bins");
    return p;
}

/// A view: an array of neuron indices, or a slice { start = 0, stop = 100, step = 1 } (PyNN's
/// pop[start:stop:step]).
std::vector<Index> view_of(Entry& e, const toml::node& n, const std::string& key) {
    std::vector<Index> out;
    if (const auto* a = n.as_array()) {
        for (std::size_t q = 0; q < a->size(); ++q)
            out.push_back(static_cast<Index>(e.integer_of(*a->get(q), key + "[" + std::to_string(q) + "]", 0, (1LL << 32) - 1)));
        return out;
    }
    Entry s(e.table_of(n, key), key, e.origin());
    const toml::node& stop = s.need("stop", "the first neuron after the view");
    const std::int64_t to = s.integer_of(stop, s.sub("stop"), 0, (1LL << 32) - 1);
    const toml::node* start = s.get("start");
    const toml::node* step = s.get("step");
    const std::int64_t from = start ? s.integer_of(*start, s.sub("start"), 0, to) : 0;
    const std::int64_t by = step ? s.integer_of(*step, s.sub("step"), 1, 1LL << 32) : 1;
    s.done("start, stop, step");
    for (std::int64_t i = from; i < to; i += by) out.push_back(static_cast<Index>(i));
    return out;
}

ProjectionSpec projection_of(Entry e) {
    ProjectionSpec p;
    p.origin = e.where();
    p.pre = e.text("pre", "the presynaptic population's name");
    p.post = e.text("post", "the postsynaptic population's name");
    p.name = e.text_or("name", "");
    if (const toml::node* n = e.get("pre_neurons")) p.pre_neurons = view_of(e, *n, e.sub("pre_neurons"));
    if (const toml::node* n = e.get("post_neurons")) p.post_neurons = view_of(e, *n, e.sub("post_neurons"));
    const std::string connect = e.text_or("connect", "all_to_all");
    const bool autapses = e.boolean_or("autapses", true), multapses = e.boolean_or("multapses", true);
    auto count = [&](const char* why) {
        return static_cast<std::uint64_t>(e.integer_of(e.need("k", why), e.sub("k"), 0, 1LL << 40));
    };
    using K = ConnectionRule::Kind;
    if (connect == "all_to_all") p.rule = ConnectionRule::all_to_all(autapses);
    else if (connect == "one_to_one") p.rule = ConnectionRule::one_to_one();
    else if (connect == "fixed_probability") p.rule = ConnectionRule::fixed_probability(number_of(e.need("p", "the connection probability"), e.sub("p"), e.where()), autapses);
    else if (connect == "fixed_indegree") p.rule = ConnectionRule::fixed_indegree(count("inputs per neuron"), autapses, multapses);
    else if (connect == "fixed_outdegree") p.rule = ConnectionRule::fixed_outdegree(count("outputs per neuron"), autapses, multapses);
    else if (connect == "pairs") {
        p.rule.kind = K::pairs;
        const auto& a = e.array_of(e.need("pairs", "the (pre, post) index pairs"), e.sub("pairs"));
        for (std::size_t q = 0; q < a.size(); ++q) {
            const std::string key = e.sub("pairs[" + std::to_string(q) + "]");
            const auto* pair = a.get(q)->as_array();
            if (!pair || pair->size() != 2) throw Error(e.where(), key, node_text(*a.get(q)), "must be [pre, post]");
            p.rule.pair_list.emplace_back(static_cast<Index>(e.integer_of(*pair->get(0), key, 0, (1LL << 32) - 1)),
                                          static_cast<Index>(e.integer_of(*pair->get(1), key, 0, (1LL << 32) - 1)));
        }
    } else {
        throw Error(e.where(), e.sub("connect"), "\"" + connect + "\"",
                    "unknown connection rule (all_to_all, one_to_one, fixed_probability, fixed_indegree, fixed_outdegree, pairs)");
    }
    // weight and delay: a number or a distribution; with explicit pairs also an array, one per pair
    auto synaptic = [&](const char* k, Distribution& d, std::vector<double>& per_pair) {
        const toml::node* n = e.get(k);
        if (!n) return;
        if (n->is_array()) {
            if (connect != "pairs") throw Error(e.where(*n), e.sub(k), node_text(*n), "an array (one per synapse) needs connect = \"pairs\"");
            per_pair = e.numbers_of(*n, e.sub(k));
            if (per_pair.size() != p.rule.pair_list.size())
                throw Error(e.where(*n), e.sub(k), std::to_string(per_pair.size()) + " values", "needs one per pair (" + std::to_string(p.rule.pair_list.size()) + ")");
        } else {
            d = distribution_of(*n, e.sub(k), e.where(*n));
        }
    };
    synaptic("weight", p.synapse.weight, p.rule.pair_weights);
    synaptic("delay", p.synapse.delay, p.rule.pair_delays);
    const std::string receptor = e.text_or("receptor", "exc");
    if (receptor == "exc") p.synapse.receptor = Receptor::exc;
    else if (receptor == "inh") p.synapse.receptor = Receptor::inh;
    else throw Error(e.where(), e.sub("receptor"), "\"" + receptor + "\"", "unknown receptor (exc, inh)");
    if (const toml::node* n = e.get("plasticity")) {
        const auto& a = e.array_of(*n, e.sub("plasticity"));
        for (std::size_t q = 0; q < a.size(); ++q) {
            const std::string key = e.sub("plasticity[" + std::to_string(q) + "]");
            const toml::table& t = e.table_of(*a.get(q), key);
            PlasticitySpec r;
            const toml::node* rule = t.get("rule");
            if (!rule) throw Error(e.where(*a.get(q)), key + ".rule", "", "missing (a rule of `plastica rules`)");
            r.rule = e.text_of(*rule, key + ".rule");
            const auto names = plasticity_rule_names();
            if (std::find(names.begin(), names.end(), r.rule) == names.end()) {
                std::string list;
                for (const auto& x : names) list += (list.empty() ? "" : ", ") + x;
                throw Error(e.where(*rule), key + ".rule", "\"" + r.rule + "\"", "unknown plasticity rule (known: " + list + ")");
            }
            const auto declared = plasticity_rule_params(r.rule);
            for (const auto& [k, v] : t) {
                const std::string name(k.str());
                if (name == "rule") continue;
                if (!declares(declared, name))
                    throw Error(e.where(v), key + "." + name, node_text(v), "not a parameter of rule " + r.rule + " (known: " + names_of(declared) + ")");
                if (const auto* b = v.as_boolean()) r.params[name] = b->get() ? 1 : 0;
                else r.params[name] = number_of(v, key + "." + name, e.where(v));
            }
            p.plasticity.push_back(std::move(r));
        }
    }
    e.done("pre, post, name, pre_neurons, post_neurons, connect, p, k, autapses, multapses, pairs, weight, delay, receptor, plasticity");
    return p;
}

std::vector<Index> indices_of(Entry& e, const toml::node& n, const std::string& key) {
    std::vector<Index> out;
    const auto& a = e.array_of(n, key);
    for (std::size_t q = 0; q < a.size(); ++q) out.push_back(static_cast<Index>(e.integer_of(*a.get(q), key, 0, (1LL << 32) - 1)));
    return out;
}

CurrentSpec current_of(Entry e) {
    CurrentSpec c;
    c.origin = e.where();
    c.population = e.text("population", "the population the current goes into");
    c.kind = e.text_or("kind", "dc");
    CurrentKind kind;
    try {
        kind = current_kind(c.kind, e.where());
    } catch (const Error& err) {
        throw Error(e.where(), e.sub("kind"), "\"" + c.kind + "\"", err.why());
    }
    c.name = e.text_or("name", "");
    if (const toml::node* n = e.get("neurons")) c.neurons = indices_of(e, *n, e.sub("neurons"));
    std::string known = "population, kind, name, neurons";
    if (kind == CurrentKind::step) {
        c.times = e.numbers_of(e.need("times", "the change times (ms)"), e.sub("times"));
        c.amplitudes = e.numbers_of(e.need("amplitudes", "the current from each time on (pA)"), e.sub("amplitudes"));
        known += ", times, amplitudes";
    }
    for (const auto& f : CurrentSource::fields(kind)) {
        if (const toml::node* n = e.get(f.name)) c.params[f.name] = number_of(*n, e.sub(f.name), e.where(*n));
        known += std::string(", ") + f.name;
    }
    e.done(known);
    return c;
}

AssemblySpec assembly_of(Entry e) {
    AssemblySpec a;
    a.origin = e.where();
    a.name = e.text("name", "every assembly has a name");
    const auto& members = e.array_of(e.need("members", "its populations or views, e.g. [\"exc\", { population = \"inh\", neurons = [0, 1] }]"),
                                     e.sub("members"));
    for (std::size_t q = 0; q < members.size(); ++q) {
        const toml::node& m = *members.get(q);
        const std::string key = e.sub("members[" + std::to_string(q) + "]");
        if (m.is_string()) {
            a.members.push_back({e.text_of(m, key), {}});
            continue;
        }
        Entry v(e.table_of(m, key), key, e.origin());
        ViewSpec view{v.text("population", "the member's population"), {}};
        if (const toml::node* n = v.get("neurons")) view.neurons = view_of(v, *n, v.sub("neurons"));
        v.done("population, neurons");
        a.members.push_back(std::move(view));
    }
    e.done("name, members");
    return a;
}

void record_of(Entry e, NetworkSpec& spec) {
    if (const toml::node* n = e.get("spikes")) {
        const auto& a = e.array_of(*n, e.sub("spikes"));
        for (std::size_t q = 0; q < a.size(); ++q) spec.record_spikes.push_back(e.text_of(*a.get(q), e.sub("spikes")));
    }
    if (const toml::node* n = e.get("state")) {
        const auto& a = e.array_of(*n, e.sub("state"));
        for (std::size_t q = 0; q < a.size(); ++q) {
            Entry s(e.table_of(*a.get(q), e.sub("state")), e.sub("state[" + std::to_string(q) + "]"), e.origin());
            StateRecordSpec r;
            r.population = s.text_of(s.need("population", "the population to sample"), s.sub("population"));
            r.variable = s.text_of(s.need("variable", "the state variable, e.g. v"), s.sub("variable"));
            if (const toml::node* m = s.get("neurons")) r.neurons = indices_of(s, *m, s.sub("neurons"));
            if (const toml::node* m = s.get("interval")) r.interval_ms = number_of(*m, s.sub("interval"), e.where(*m));
            s.done("population, variable, neurons, interval");
            spec.record_state.push_back(std::move(r));
        }
    }
    if (const toml::node* n = e.get("weights")) {
        const auto& a = e.array_of(*n, e.sub("weights"));
        for (std::size_t q = 0; q < a.size(); ++q) {
            Entry w(e.table_of(*a.get(q), e.sub("weights")), e.sub("weights[" + std::to_string(q) + "]"), e.origin());
            WeightRecordSpec r;
            r.projection = w.text_of(w.need("projection", "the projection's name, e.g. \"in->exc\""), w.sub("projection"));
            if (const toml::node* m = w.get("interval")) r.interval_ms = number_of(*m, w.sub("interval"), w.where(*m));
            w.done("projection, interval");
            spec.record_weights.push_back(std::move(r));
        }
    }
    e.done("spikes, state, weights");
}

}  // namespace

NetworkSpec parse_network(const std::string& text, const std::string& origin) {
    toml::table doc;
    try {
        doc = toml::parse(text, origin);
    } catch (const toml::parse_error& err) {
        throw Error(origin + ":" + std::to_string(err.source().begin.line), "toml", "", std::string(err.description()));
    }
    NetworkSpec spec;
    Entry top(doc, "network", origin);
    auto tables = [&](const char* k) {
        std::vector<const toml::table*> out;
        if (const toml::node* n = top.get(k)) {
            const auto* a = n->as_array();
            if (!a) throw Error(top.where(*n), k, node_text(*n), std::string("must be an array of tables: write [[") + k + "]]");
            for (std::size_t q = 0; q < a->size(); ++q) {
                const auto* t = a->get(q)->as_table();
                if (!t) throw Error(top.where(*n), k, node_text(*a->get(q)), std::string("must be an array of tables: write [[") + k + "]]");
                out.push_back(t);
            }
        }
        return out;
    };
    const auto pops = tables("population");
    for (std::size_t q = 0; q < pops.size(); ++q)
        spec.populations.push_back(population_of(Entry(*pops[q], "population[" + std::to_string(q) + "]", origin)));
    for (const auto* t : tables("projection")) spec.projections.push_back(projection_of(Entry(*t, "projection[" + std::to_string(spec.projections.size()) + "]", origin)));
    for (const auto* t : tables("current")) spec.currents.push_back(current_of(Entry(*t, "current[" + std::to_string(spec.currents.size()) + "]", origin)));
    for (const auto* t : tables("assembly")) spec.assemblies.push_back(assembly_of(Entry(*t, "assembly[" + std::to_string(spec.assemblies.size()) + "]", origin)));
    if (const toml::node* n = top.get("record")) record_of(Entry(top.table_of(*n, "record"), "record", origin), spec);
    // "network.population" reads badly in the message: the top level lists its keys plainly
    for (const auto& [k, v] : doc) {
        const std::string s(k.str());
        if (s != "population" && s != "projection" && s != "current" && s != "assembly" && s != "record")
            throw Error(where_of(v, origin), s, node_text(v),
                        "unknown key (known: [[population]], [[projection]], [[current]], [[assembly]], [record])");
    }
    if (spec.populations.empty()) throw Error(origin, "population", "", "a network file needs at least one [[population]]");
    return resolve_assemblies(spec);
}

NetworkSpec read_network_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error("network", "network", path, "cannot read the network file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_network(ss.str(), path);
}

}  // namespace plastica
