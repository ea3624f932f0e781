#pragma once
// NetworkSpec — a network described as plain values, apart from any running state: populations
// (a model by name, size, parameters as one value or one per neuron, initial values as
// distributions or arrays), spike sources (Poisson rates with their changes, spike-time lists),
// electrodes (dc, step, ac and noise currents into chosen neurons),
// projections (a connection rule or explicit pairs, weight and delay distributions, receptor,
// and plasticity rules by name with their parameters), and what to record. It is what a network
// file (`plastica run network`), the Python module and the PyNN backend build through, and what
// the CLI experiments fill in before building, so every front end builds a network the same
// way: build_network() adds the populations in order, then the projections in order, drawing
// nothing but what Network::connect and the populations draw, so the result is the network an
// experiment would have built by hand, bit for bit.
//
// Names are resolved when building, through the models' registry (models/registry.hpp) and the
// plasticity rules' registry (plasticity/registry.hpp); errors name the entry (`population 'exc'`,
// `projection 'exc->inh'`) and the key.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/network.hpp"
#include "sim/projection.hpp"

namespace plastica {

/// The initial value of a state variable: drawn per neuron from `dist`, or `values` (one per neuron) when given.
struct InitialValueSpec {
    Distribution dist = Distribution::constant(0);
    std::vector<double> values;
};

/// One bin of an inh_gamma_source: from `at_ms` on, gamma shape and rate (Hz).
struct GammaBin {
    double at_ms = 0, shape = 1, rate_hz = 0;
};

/// A population: neurons of a model, or a spike source: poisson_source (rates_hz, rate_changes),
/// gamma_source (rates_hz; params shape, start, stop in ms), inh_gamma_source (gamma_bins;
/// params start, stop) or spike_source_array (spike_times_ms).
struct PopulationSpec {
    std::string name;
    std::string model;  ///< a neuron model of `plastica models`, poisson_source, gamma_source or spike_source_array
    Index size = 0;     ///< spike_source_array: the number of spike-time lists
    /// Parameters over the model's defaults: one value for every neuron, or one per neuron.
    std::vector<std::pair<std::string, std::vector<double>>> params;
    /// Initial values of state variables, applied in order.
    std::vector<std::pair<std::string, InitialValueSpec>> initial;
    /// External Poisson input onto every neuron, without synapses (Brunel 2000's nu_ext).
    std::vector<PoissonDrive> drives;
    std::vector<double> rates_hz;  ///< poisson_source, gamma_source: one rate, or one per neuron
    /// poisson_source: from time (ms) on, the rates (one, or one per neuron).
    std::vector<std::pair<double, std::vector<double>>> rate_changes;
    std::vector<std::vector<double>> spike_times_ms;  ///< spike_source_array: one list per neuron
    std::vector<GammaBin> gamma_bins;                 ///< inh_gamma_source: the bins, in time order
    std::string origin;  ///< where it was written ("net.toml:12"), prefixed to errors; empty: none
};

/// A plasticity rule on a projection, by name (`plastica rules`), with parameters over its defaults.
struct PlasticitySpec {
    std::string rule;
    std::map<std::string, double> params;
};

/// A projection: pre and post populations by name, how they connect, what each synapse carries.
struct ProjectionSpec {
    std::string pre, post;
    std::string name;  ///< empty: "pre->post" (Network::connect)
    ConnectionRule rule;
    SynapseSpec synapse;
    std::vector<PlasticitySpec> plasticity;
    std::string origin;  ///< where it was written, prefixed to errors; empty: none
    /// Views: the neurons of pre and post (in order, each once) the rule connects among, as
    /// PyNN's PopulationView; empty: the whole population (Network::connect).
    std::vector<Index> pre_neurons, post_neurons;
};

/// An electrode (sim/current_source.hpp): a dc, step, ac or noise current into neurons of a population.
struct CurrentSpec {
    std::string population;
    std::vector<Index> neurons;  ///< empty: every neuron
    std::string kind = "dc";     ///< dc, step, ac or noise
    std::map<std::string, double> params;  ///< the kind's scalar parameters over their defaults (pA, ms, Hz, deg)
    std::vector<double> times, amplitudes;  ///< step: change times (ms) and currents (pA)
    std::string name;    ///< empty: "kind->population"
    std::string origin;  ///< where it was written, prefixed to errors; empty: none
};

/// The electrode's settings from `c` (errors name `where`).
CurrentSource current_source_of(const CurrentSpec& c, const std::string& where);

/// A state variable to sample: neurons (empty: all) of a population, every `interval_ms`.
struct StateRecordSpec {
    std::string population, variable;
    std::vector<Index> neurons;
    double interval_ms = 1;
};

/// Weight snapshots of a projection every `interval_ms` (all synapses).
struct WeightRecordSpec {
    std::string projection;
    double interval_ms = 1000;
};

/// Neurons of one population (empty: all of them), in order.
struct ViewSpec {
    std::string population;
    std::vector<Index> neurons;
};

/// An assembly: a union of populations and views of them, by name (PyNN's Assembly), which a
/// projection may take as pre or post and a record may name. Its cells are numbered in member
/// order (as PyNN's Assembly), which is what pairs and one_to_one index.
struct AssemblySpec {
    std::string name;
    std::vector<ViewSpec> members;
    std::string origin;
};

/// A whole network as data.
struct NetworkSpec {
    double dt = 0.1;         ///< ms
    std::uint32_t seed = 1;  ///< keys every random stream
    std::vector<PopulationSpec> populations;
    std::vector<ProjectionSpec> projections;
    std::vector<CurrentSpec> currents;
    std::vector<AssemblySpec> assemblies;  ///< resolved by resolve_assemblies before building
    std::vector<std::string> record_spikes;  ///< populations whose spikes are recorded
    std::vector<StateRecordSpec> record_state;
    std::vector<WeightRecordSpec> record_weights;
};

/// Adds the population `p` to `net`; errors name the population.
Population& add_population(Network& net, const PopulationSpec& p);
/// Connects the projection `p` in `net` and attaches its rules; errors name the projection.
Projection& add_projection(Network& net, const ProjectionSpec& p);
/// `spec` with its assemblies resolved: a projection from or to an assembly becomes one projection
/// per pair of members, between views ("name[pre->post]"), for the rules whose law splits exactly
/// over the members (all_to_all, fixed_probability; pairs and one_to_one by the assembly's cell
/// numbering); fixed_indegree / fixed_outdegree over an assembly are an Error (their counts do
/// not split). Records naming an assembly record its members. Names must not repeat.
NetworkSpec resolve_assemblies(const NetworkSpec& spec);
/// Adds the electrode `c` to `net`; returns its index (Network::add_current).
std::size_t add_current(Network& net, const CurrentSpec& c);
/// The network `spec` describes: populations in order, then projections, then electrodes.
std::unique_ptr<Network> build_network(const NetworkSpec& spec);

}  // namespace plastica
