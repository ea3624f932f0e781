#include "sim/network_spec.hpp"

#include <algorithm>
#include <limits>

#include "models/gamma_source.hpp"
#include "models/inh_gamma_source.hpp"
#include "models/poisson_source.hpp"
#include "models/registry.hpp"
#include "models/spike_source_array.hpp"
#include "plasticity/registry.hpp"

namespace plastica {

namespace {

/// Runs `f`; an Error it throws is re-thrown with `origin` (a file and line) in front.
template <class F>
auto at_origin(const std::string& origin, F&& f) -> decltype(f()) {
    if (origin.empty()) return f();
    try {
        return f();
    } catch (const IoError&) {
        throw;
    } catch (const Error& e) {
        if (e.key().empty()) throw Error(origin + ": " + e.what());
        throw Error(origin + ": " + e.where(), e.key(), e.value(), e.why());
    }
}

/// A source's scalar parameters (its fields() table) from the spec's params, one value each.
template <class Source>
typename Source::Params source_params(const PopulationSpec& p, const std::string& where) {
    typename Source::Params out;
    for (const auto& [name, values] : p.params) {
        if (values.size() != 1) throw Error(where, name, std::to_string(values.size()) + " values", "takes one value");
        set_field(Source::fields(), out, name, values[0], where);
    }
    return out;
}

Population& add_population_here(Network& net, const PopulationSpec& p) {
    const std::string where = "population '" + p.name + "'";
    std::unique_ptr<Population> pop;
    const auto no = [&](bool given, const char* key, const std::string& why) {
        if (given) throw Error(where, key, "", why);
    };
    if (p.model == "poisson_source") {
        no(!p.params.empty() || !p.initial.empty(), "params", "a Poisson source has rates, not parameters or initial values");
        no(!p.spike_times_ms.empty(), "spike_times", "belongs to a spike_source_array");
        auto src = std::make_unique<PoissonSource>(p.name, p.size, p.rates_hz);
        for (const auto& [at, rates] : p.rate_changes) src->add_rate_change(at, rates);
        pop = std::move(src);
    } else if (p.model == "gamma_source") {
        no(!p.initial.empty(), "initial", "a gamma source has rates and a shape, not initial values");
        no(!p.spike_times_ms.empty() || !p.rate_changes.empty(), "spike_times", "a gamma source has one rate per neuron for its whole train");
        no(!p.gamma_bins.empty(), "bins", "belong to an inh_gamma_source");
        const auto gp = source_params<GammaSource>(p, where);
        pop = std::make_unique<GammaSource>(p.name, p.size, p.rates_hz, gp.shape, gp.start, gp.stop);
    } else if (p.model == "inh_gamma_source") {
        no(!p.initial.empty() || !p.rates_hz.empty() || !p.rate_changes.empty() || !p.spike_times_ms.empty(), "rate",
           "an inhomogeneous gamma source has bins (at, shape, rate), not rates, spike times or initial values");
        std::vector<InhGammaSource::Bin> bins;
        for (const auto& b : p.gamma_bins) bins.push_back({b.at_ms, b.shape, b.rate_hz});
        pop = std::make_unique<InhGammaSource>(p.name, p.size, bins, source_params<InhGammaSource>(p, where));
    } else if (p.model == "spike_source_array") {
        no(!p.params.empty() || !p.initial.empty(), "params", "a spike source array has spike times, not parameters or initial values");
        no(!p.rates_hz.empty() || !p.rate_changes.empty(), "rates", "belong to a poisson_source");
        if (p.size != 0 && p.size != p.spike_times_ms.size())
            throw Error(where, "size", std::to_string(p.size), "differs from the " + std::to_string(p.spike_times_ms.size()) + " spike-time lists");
        pop = std::make_unique<SpikeSourceArray>(p.name, p.spike_times_ms);
    } else {
        no(!p.rates_hz.empty() || !p.rate_changes.empty(), "rates", "belong to a poisson_source, not to model " + p.model);
        no(!p.spike_times_ms.empty(), "spike_times", "belong to a spike_source_array, not to model " + p.model);
        std::map<std::string, double> uniform;
        for (const auto& [name, values] : p.params)
            if (values.size() == 1) uniform[name] = values[0];
        pop = make_population(p.model, p.name, p.size, uniform);
        for (const auto& [name, values] : p.params)
            if (values.size() != 1) pop->set_parameter(name, values);
        for (const auto& [var, v] : p.initial) {
            if (!v.values.empty()) pop->set_initial_values(var, v.values);
            else pop->set_initial(var, v.dist);
        }
    }
    for (const auto& d : p.drives) pop->add_drive(d);
    Population& ref = *pop;
    net.add_population(std::move(pop));
    return ref;
}

Projection& add_projection_here(Network& net, const ProjectionSpec& p) {
    Projection& proj = net.connect(p.pre, p.post, p.rule, p.synapse, p.name, p.pre_neurons, p.post_neurons);
    for (const auto& r : p.plasticity) net.add_synapse_rule(proj, make_plasticity_rule(r.rule, r.params, "projection '" + proj.name + "'"));
    return proj;
}

}  // namespace

CurrentSource current_source_of(const CurrentSpec& c, const std::string& where) {
    CurrentSource s;
    s.kind = current_kind(c.kind, where);
    for (const auto& [k, v] : c.params) s.set(k, v, where);
    if (s.kind != CurrentKind::step && (!c.times.empty() || !c.amplitudes.empty()))
        throw Error(where, "times", std::to_string(c.times.size()) + " values", "belong to a step current, not to a " + c.kind + " current");
    s.times = c.times;
    s.amplitudes = c.amplitudes;
    return s;
}

std::size_t add_current(Network& net, const CurrentSpec& c) {
    return at_origin(c.origin, [&] {
        const std::string where = "current '" + (c.name.empty() ? c.kind + "->" + c.population : c.name) + "'";
        return net.add_current(c.population, current_source_of(c, where), c.neurons, c.name);
    });
}

Population& add_population(Network& net, const PopulationSpec& p) {
    return at_origin(p.origin, [&]() -> Population& { return add_population_here(net, p); });
}

Projection& add_projection(Network& net, const ProjectionSpec& p) {
    return at_origin(p.origin, [&]() -> Projection& { return add_projection_here(net, p); });
}

namespace {

/// The members of `name`: the assembly's, or the population itself.
std::vector<ViewSpec> members_of(const std::map<std::string, const AssemblySpec*>& assemblies, const std::string& name) {
    const auto it = assemblies.find(name);
    if (it == assemblies.end()) return {{name, {}}};
    return it->second->members;
}

/// The number of cells of a view (a whole population: its size from the spec).
Index view_size(const NetworkSpec& spec, const ViewSpec& v, const std::string& where) {
    if (!v.neurons.empty()) return static_cast<Index>(v.neurons.size());
    for (const auto& p : spec.populations)
        if (p.name == v.population) return p.model == "spike_source_array" && p.size == 0 ? static_cast<Index>(p.spike_times_ms.size()) : p.size;
    throw Error(where, "members", v.population, "no population of that name");
}

}  // namespace

NetworkSpec resolve_assemblies(const NetworkSpec& spec) {
    if (spec.assemblies.empty()) return spec;
    NetworkSpec out = spec;
    out.assemblies.clear();
    out.projections.clear();
    out.record_spikes.clear();
    out.record_state.clear();
    std::map<std::string, const AssemblySpec*> by_name;
    for (const auto& a : spec.assemblies) {
        const std::string where = (a.origin.empty() ? "" : a.origin + ": ") + "assembly '" + a.name + "'";
        if (a.members.empty()) throw Error(where, "members", "none", "an assembly needs at least one member");
        for (const auto& p : spec.populations)
            if (p.name == a.name) throw Error(where, "name", a.name, "is also a population's name");
        if (!by_name.emplace(a.name, &a).second) throw Error(where, "name", a.name, "an assembly of that name already exists");
        for (const auto& m : a.members) view_size(spec, m, where);
    }
    for (const auto& p : spec.projections) {
        if (!by_name.count(p.pre) && !by_name.count(p.post)) {
            out.projections.push_back(p);
            continue;
        }
        const std::string name = p.name.empty() ? p.pre + "->" + p.post : p.name;
        const std::string where = (p.origin.empty() ? "" : p.origin + ": ") + "projection '" + name + "'";
        if (!p.pre_neurons.empty() || !p.post_neurons.empty())
            throw Error(where, "pre_neurons", "", "an assembly takes its views from its members, not from pre_neurons / post_neurons");
        using K = ConnectionRule::Kind;
        if (p.rule.kind == K::fixed_indegree || p.rule.kind == K::fixed_outdegree)
            throw Error(where, "connect", ConnectionRule::kind_name(p.rule.kind),
                        "does not split over an assembly's members (their counts are over the whole assembly); connect the members one by one");
        const auto pres = members_of(by_name, p.pre), posts = members_of(by_name, p.post);
        // cell offsets of each member in the assembly's numbering
        std::vector<Index> pre_at{0}, post_at{0};
        for (const auto& m : pres) pre_at.push_back(pre_at.back() + view_size(spec, m, where));
        for (const auto& m : posts) post_at.push_back(post_at.back() + view_size(spec, m, where));
        std::vector<std::pair<Index, Index>> one_to_one_pairs;
        if (p.rule.kind == K::one_to_one) {
            if (pre_at.back() != post_at.back())
                throw Error(where, "rule", "one_to_one", "needs equal sizes, got " + std::to_string(pre_at.back()) + " and " + std::to_string(post_at.back()));
            for (Index k = 0; k < pre_at.back(); ++k) one_to_one_pairs.emplace_back(k, k);
        }
        const auto& pairs = p.rule.kind == K::one_to_one ? one_to_one_pairs : p.rule.pair_list;
        for (std::size_t a = 0; a < pres.size(); ++a)
            for (std::size_t b = 0; b < posts.size(); ++b) {
                ProjectionSpec q = p;
                q.pre = pres[a].population;
                q.post = posts[b].population;
                // appended piece by piece: GCC 12 reports a false -Wrestrict on the one-expression form
                q.name = name;
                q.name.append("[").append(q.pre).append("->").append(q.post);
                if (pres.size() * posts.size() > 1) q.name.append("#").append(std::to_string(a * posts.size() + b));
                q.name.append("]");
                q.pre_neurons = pres[a].neurons;  // empty: the whole population (Network::connect)
                q.post_neurons = posts[b].neurons;
                if (p.rule.kind == K::pairs || p.rule.kind == K::one_to_one) {
                    q.rule = ConnectionRule::pairs({});
                    q.rule.allow_autapses = p.rule.allow_autapses;
                    q.rule.allow_multapses = p.rule.allow_multapses;
                    for (std::size_t e = 0; e < pairs.size(); ++e) {
                        const auto [i, j] = pairs[e];
                        if (i >= pre_at.back() || j >= post_at.back())
                            throw Error(where, "pairs[" + std::to_string(e) + "]", "(" + std::to_string(i) + ", " + std::to_string(j) + ")", "index out of range of the assembly");
                        if (i < pre_at[a] || i >= pre_at[a + 1] || j < post_at[b] || j >= post_at[b + 1]) continue;
                        q.rule.pair_list.emplace_back(i - pre_at[a], j - post_at[b]);
                        if (!p.rule.pair_weights.empty()) q.rule.pair_weights.push_back(p.rule.pair_weights[e]);
                        if (!p.rule.pair_delays.empty()) q.rule.pair_delays.push_back(p.rule.pair_delays[e]);
                    }
                    if (q.rule.pair_list.empty()) continue;
                }
                out.projections.push_back(std::move(q));
            }
    }
    for (const auto& r : spec.record_spikes)
        for (const auto& m : members_of(by_name, r))
            if (std::find(out.record_spikes.begin(), out.record_spikes.end(), m.population) == out.record_spikes.end())
                out.record_spikes.push_back(m.population);
    for (const auto& r : spec.record_state)
        for (const auto& m : members_of(by_name, r.population)) {
            StateRecordSpec s = r;
            s.population = m.population;
            if (by_name.count(r.population)) s.neurons = m.neurons;  // an assembly's record: its members' cells
            out.record_state.push_back(std::move(s));
        }
    return out;
}

std::unique_ptr<Network> build_network(const NetworkSpec& unresolved) {
    const NetworkSpec spec = resolve_assemblies(unresolved);
    auto net = std::make_unique<Network>(spec.dt, spec.seed);
    for (const auto& p : spec.populations) add_population(*net, p);
    for (const auto& p : spec.projections) add_projection(*net, p);
    for (const auto& c : spec.currents) add_current(*net, c);
    return net;
}

}  // namespace plastica
