#include "experiments/experiment.hpp"

#include "sim/error.hpp"

namespace plastica {

const std::vector<Experiment>& experiments() {
    static const std::vector<Experiment> all = {vogels_abbott_experiment(), brunel_experiment(), mlp_experiment(), stdp_window_experiment(), stdp_competition_experiment(), stp_synapse_experiment(), oja_pca_experiment(),
                                                    bcm_selectivity_experiment(), inhibitory_balance_experiment(),
                                                    reward_stdp_experiment(), firing_patterns_experiment(), fi_curve_experiment(), cobahh_experiment(), network_experiment(),
                                                    compare_experiment()};
    return all;
}

const Experiment& find_experiment(const std::string& name) {
    std::string known;
    for (const auto& e : experiments()) {
        if (e.name == name) return e;
        known += (known.empty() ? "" : ", ") + e.name;
    }
    throw Error("run", "experiment", name, "unknown experiment (known: " + known + ")");
}

std::vector<ParamSpec> common_spiking_schema(double duration_ms) {
    return {
        ParamSpec::number("dt", 0.1, "ms", "simulation step").positive(),
        ParamSpec::number("duration", duration_ms, "ms", "biological time to simulate").at_least(0),
        ParamSpec::integer("seed", 1, "", "seed of every random stream (--seed overrides)").between(0, 4294967295.0),
        ParamSpec::boolean("record.spikes", true, "write all spikes to <out>/<experiment>.h5 (SONATA layout)"),
        ParamSpec::number("stats.start", 0, "ms", "spikes before this time are left out of the summary statistics").at_least(0),
        ParamSpec::number("stats.synchrony_bin", 5, "ms", "bin width of the spike-count synchrony measure chi").positive(),
    };
}

}  // namespace plastica
