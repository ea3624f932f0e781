#pragma once
// Network — the description of a model: populations and the projections between them.
// It holds no run state beyond what the populations own; a Simulator runs it (Arbor's recipe vs
// simulation split). Two Networks are fully independent, so two simulations can run side by side
// in one process (no global state).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/population.hpp"
#include "sim/projection.hpp"

namespace plastica {

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
    Projection& connect(const std::string& pre, const std::string& post, const ConnectionRule& rule,
                        const SynapseSpec& syn, std::string name = "");

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

private:
    double dt_;
    std::uint32_t seed_;
    std::vector<std::unique_ptr<Population>> pops_;
    std::vector<std::unique_ptr<Projection>> projs_;
};

}  // namespace plastica
