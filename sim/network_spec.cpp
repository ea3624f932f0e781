#include "sim/network_spec.hpp"

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

std::unique_ptr<Network> build_network(const NetworkSpec& spec) {
    auto net = std::make_unique<Network>(spec.dt, spec.seed);
    for (const auto& p : spec.populations) add_population(*net, p);
    for (const auto& p : spec.projections) add_projection(*net, p);
    for (const auto& c : spec.currents) add_current(*net, c);
    return net;
}

}  // namespace plastica
