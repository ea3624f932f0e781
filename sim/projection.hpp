#pragma once
// Projection — the synapses from one population to another, in compressed sparse rows by
// presynaptic neuron: row_ptr (one per presynaptic neuron) + target index + float32 weight,
// 8 bytes per static synapse (Auryn's ComplexMatrix; DESIGN.md), 6 when the target population has
// at most 65536 neurons (16-bit indices, see target_indices.hpp). Rows are sorted by target so the
// part of a row that falls into the target range a thread owns is a contiguous slice (its bounds
// are computed once, in Simulator::compute_splits). Delays are one per projection (no per-synapse
// storage) or one uint16 per synapse.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/population.hpp"
#include "sim/synapse_rule.hpp"
#include "sim/target_indices.hpp"

namespace plastica {

/// How presynaptic and postsynaptic neurons are paired.
struct ConnectionRule {
    enum class Kind { all_to_all, one_to_one, fixed_probability, fixed_indegree, fixed_outdegree, pairs };
    Kind kind = Kind::all_to_all;
    double p = 0;                    ///< fixed_probability: connection probability in [0, 1]
    std::uint64_t k = 0;             ///< fixed_indegree / fixed_outdegree: number of connections
    bool allow_autapses = true;      ///< self-connections when pre and post are the same population
    bool allow_multapses = true;     ///< repeated pairs (fixed_indegree, fixed_outdegree)
    std::vector<std::pair<Index, Index>> pair_list;  ///< pairs: explicit (pre, post) list
    std::vector<double> pair_weights;                ///< pairs: optional weight per pair
    std::vector<double> pair_delays;                 ///< pairs: optional delay (ms) per pair

    static ConnectionRule all_to_all(bool autapses = true) { ConnectionRule r; r.allow_autapses = autapses; return r; }
    static ConnectionRule one_to_one() { ConnectionRule r; r.kind = Kind::one_to_one; return r; }
    static ConnectionRule fixed_probability(double p, bool autapses = true) {
        ConnectionRule r; r.kind = Kind::fixed_probability; r.p = p; r.allow_autapses = autapses; return r;
    }
    static ConnectionRule fixed_indegree(std::uint64_t k, bool autapses = true, bool multapses = true) {
        ConnectionRule r; r.kind = Kind::fixed_indegree; r.k = k; r.allow_autapses = autapses; r.allow_multapses = multapses; return r;
    }
    static ConnectionRule fixed_outdegree(std::uint64_t k, bool autapses = true, bool multapses = true) {
        ConnectionRule r; r.kind = Kind::fixed_outdegree; r.k = k; r.allow_autapses = autapses; r.allow_multapses = multapses; return r;
    }
    static ConnectionRule pairs(std::vector<std::pair<Index, Index>> list) {
        ConnectionRule r; r.kind = Kind::pairs; r.pair_list = std::move(list); return r;
    }
    static const char* kind_name(Kind k);
};

/// What each synapse of a projection carries: target receptor, weight and delay.
struct SynapseSpec {
    Receptor receptor = Receptor::exc;
    Distribution weight = Distribution::constant(0);  ///< in the target's weight unit (pA, nS or mV)
    Distribution delay = Distribution::constant(0.1); ///< ms; at least dt; a constant must be a whole number of steps
};

/// Synapses from population `pre` to population `post` (CSR by presynaptic neuron).
class Projection {
public:
    std::string name;
    std::uint32_t pre = 0, post = 0;  ///< population indices in the network
    Receptor receptor = Receptor::exc;

    std::vector<std::uint64_t> row_ptr;   ///< size n_pre + 1
    TargetIndices target;                 ///< postsynaptic index per synapse, sorted within a row
    std::vector<float> weight;            ///< weight per synapse
    std::uint16_t delay_steps = 1;        ///< the delay when `delays` is empty
    std::vector<std::uint16_t> delays;    ///< per-synapse delay in steps (empty: homogeneous)
    /// Plasticity acting on these synapses, in the order attached (Network::add_rule).
    std::vector<std::unique_ptr<SynapseRule>> rules;

    std::uint64_t size() const { return target.size(); }
    bool plastic() const { return !rules.empty(); }
    std::uint16_t max_delay() const;
    /// Bytes held by the synapse arrays and the state of the rules attached.
    std::size_t bytes() const;
    /// The synapses of presynaptic neuron i: [row_ptr[i], row_ptr[i+1]).
    std::pair<std::uint64_t, std::uint64_t> row(Index i) const { return {row_ptr[i], row_ptr[i + 1]}; }
};

/// Builds the synapses of a projection (parallel over rows, deterministic from the seed).
/// Throws Error for invalid rules, weights or delays; `where` names the projection in messages.
void build_projection(Projection& proj, Index n_pre, Index n_post, bool same_population, bool conductance_target,
                      const ConnectionRule& rule, const SynapseSpec& syn, double dt, std::uint32_t seed,
                      std::uint32_t proj_index, const std::string& where);

/// A projection built between views (subsets of neurons, in a given order) of its populations,
/// rewritten onto the populations' own indices: row i of `view` becomes row pre_view[i], target
/// j becomes post_view[j] (an empty view is the whole population); rows are sorted by target
/// again, weights and delays following; with `drop_self`, synapses whose pre and post neuron are
/// the same are removed (views of one population without autapses). The rules of connection,
/// weights and delays are those of the views, so they are drawn as for populations of the views'
/// sizes.
void remap_to_populations(Projection& proj, const Projection& view, const std::vector<Index>& pre_view, const std::vector<Index>& post_view,
                          Index n_pre, Index n_post, bool drop_self);

}  // namespace plastica
