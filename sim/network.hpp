#pragma once
// Network — a model's populations and the projections between them, and the owner of its whole
// running state: the step clock, the spike and event counters, and (through its populations,
// projections and rules) every state variable, weight, trace and input in flight. A Simulator
// runs it and keeps only what depends on the thread count, so any Simulator over a network
// continues where the last run stopped, and io_state (sim/state_io.hpp) saves or loads all of it
// (checkpoints, sim/checkpoint.hpp). Two Networks are fully independent, so two simulations can
// run side by side in one process (no global state).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/current_source.hpp"
#include "sim/population.hpp"
#include "sim/projection.hpp"
#include "sim/state_io.hpp"

namespace plastica {

/// An electrode of a network: a current source's settings and the neurons it injects into.
struct Electrode {
    std::string name;
    std::uint32_t population = 0;
    std::vector<Index> targets;  ///< sorted neuron indices; empty: every neuron
    CurrentSource source;        ///< the settings in force now
    /// Earlier settings, each with the step from which the next took over (set_current between
    /// runs): what injected_current reads for the steps before. A reset starts afresh.
    std::vector<std::pair<Step, CurrentSource>> earlier;
};

class Network {
public:
    /// `dt`: step in ms (> 0); `seed`: keys every random stream of the network and its runs.
    explicit Network(double dt = 0.1, std::uint32_t seed = 1);

    double dt() const { return dt_; }
    std::uint32_t seed() const { return seed_; }

    /// Adds a population (constructed by the caller) and returns it; names must be unique.
    template <class P>
    P& add(std::unique_ptr<P> pop) {
        P& ref = *pop;
        add_population(std::move(pop));
        return ref;
    }
    void add_population(std::unique_ptr<Population> pop);

    /// Connects population `pre` to `post` and builds the synapses now. Errors name the projection.
    /// `name` defaults to "pre->post" ("pre->post#2", ... when taken); a given name must be unique.
    /// `pre_neurons` / `post_neurons`: views, the neurons (in order, each once) the rule connects
    /// among, as PyNN's PopulationView; empty: the whole population (remap_to_populations).
    Projection& connect(const std::string& pre, const std::string& post, const ConnectionRule& rule,
                        const SynapseSpec& syn, std::string name = "", const std::vector<Index>& pre_neurons = {},
                        const std::vector<Index>& post_neurons = {});

    /// Attaches a plasticity rule to `proj` (a projection of this network); the rule checks that
    /// it can act on it and throws Error naming the projection otherwise. Returns the rule.
    template <class R>
    R& add_rule(Projection& proj, std::unique_ptr<R> rule) {
        R& ref = *rule;
        add_synapse_rule(proj, std::move(rule));
        return ref;
    }
    void add_synapse_rule(Projection& proj, std::unique_ptr<SynapseRule> rule);
    /// The projection called `name`; throws Error when there is none.
    Projection& projection(const std::string& name);
    /// The projection called `name`, or nullptr.
    const Projection* find_projection(const std::string& name) const;

    /// Injects the current `source` describes into `targets` of `population` (empty: all of its
    /// neurons; sorted and made unique here), from the next step on; also between runs, as
    /// PyNN's inject_into. `name` defaults to "kind->population" ("#2", ... when taken). Errors
    /// name the electrode. Returns its index.
    std::size_t add_current(const std::string& population, const CurrentSource& source, std::vector<Index> targets = {},
                            std::string name = "");
    /// New settings for electrode `i` (between runs; they act from the next step on).
    void set_current(std::size_t i, const CurrentSource& source);
    std::size_t current_count() const { return electrodes_.size(); }
    const Electrode& current(std::size_t i) const;
    /// The current electrode `i` injects into `neuron` of its population during step t (pA): what
    /// the neuron received, recomputed from the settings in force at step t (noise included), so
    /// it needs no recording.
    double injected_current(std::size_t i, Step t, Index neuron) const;

    std::size_t population_count() const { return pops_.size(); }
    Population& population(std::size_t i) { return *pops_[i]; }
    const Population& population(std::size_t i) const { return *pops_[i]; }
    Population& population(const std::string& name) { return *pops_[index_of(name)]; }
    std::uint32_t index_of(const std::string& name) const;
    std::size_t projection_count() const { return projs_.size(); }
    Projection& projection(std::size_t i) { return *projs_[i]; }
    const Projection& projection(std::size_t i) const { return *projs_[i]; }

    std::uint64_t synapse_count() const;
    std::size_t synapse_bytes() const;
    std::uint64_t neuron_count() const;

    /// Allocates the populations' state and input buffers and draws initial values (once; the
    /// Simulator calls it). After it the network's structure is fixed.
    void prepare();
    bool prepared() const { return prepared_; }
    /// The step clock: steps run so far (time = now() * dt). Only Simulator::run advances it.
    Step now() const { return now_; }
    /// Synaptic events (spike x synapse deliveries) and spikes per population so far.
    std::uint64_t synaptic_events() const { return events_; }
    const std::vector<std::uint64_t>& spike_counts() const { return spike_counts_; }
    /// Called by the Simulator after each segment.
    void advance(Step to, std::uint64_t events, const std::vector<std::uint64_t>& spikes);

    /// What restoring weights at reset() does.
    enum class Weights { keep, initial };
    /// Back to t = 0: initial state drawn again from the seed (so the same first run follows),
    /// inputs in flight dropped, every rule's state as when attached, counters zero; weights as
    /// they are now (`keep`) or as they were before the first step (`initial`; plastic
    /// projections keep a copy of their initial weights for this, 4 bytes per plastic synapse).
    void reset(Weights w = Weights::initial);

    /// Saves or loads the whole running state (prepares the network first when loading).
    void io_state(StateIO& io);
    /// One line per population and projection (name, model, size, synapses, rules), dt and seed:
    /// what a checkpoint must match to be loaded into this network.
    std::string fingerprint() const;

private:
    double dt_;
    std::uint32_t seed_;
    bool prepared_ = false;
    Step now_ = 0;
    std::uint64_t events_ = 0;
    std::vector<std::uint64_t> spike_counts_;
    std::vector<std::vector<float>> initial_weights_;  // per projection; plastic ones only
    std::vector<std::unique_ptr<Population>> pops_;
    std::vector<std::unique_ptr<Projection>> projs_;
    std::vector<std::unique_ptr<Electrode>> electrodes_;  // stable addresses: populations point at their sources
};

}  // namespace plastica
