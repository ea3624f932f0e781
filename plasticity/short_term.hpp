#pragma once
// Short-term plasticity: the Tsodyks-Markram model of depression and facilitation (Tsodyks &
// Markram 1997, PNAS 94:719; Markram, Wang & Tsodyks 1998, PNAS 95:5323; in the event-driven form
// of Tsodyks, Pawelzik & Markram 1998 and NEST's tsodyks2_synapse).
//
// Each presynaptic neuron carries the fraction of available resources x and the utilisation u.
// At its n-th spike, an interval dt after the previous one,
//   x_n = 1 + (x_{n-1} - u_{n-1} x_{n-1} - 1) exp(-dt / tau_rec)     (recovery after the last use)
//   u_n = U + u_{n-1} (1 - U) exp(-dt / tau_facil)                    (u_n = U when tau_facil = 0)
// and the spike is transmitted with weight  w u_n x_n  on every synapse of the row; before the
// first spike x = 1 and u = U, so the first spike transmits w U. tau_facil = 0 gives a purely
// depressing synapse, a small U with a long tau_facil a facilitating one. The state lives per
// presynaptic neuron (the projection's synapses share U, tau_rec, tau_facil), is written by the
// neuron's owner thread when it fires, and scales the row in delivery (SynapseRule::efficacy).
#include <string>
#include <vector>

#include "models/params.hpp"
#include "sim/projection.hpp"

namespace plastica {

/// Tsodyks-Markram short-term plasticity of a projection.
class TsodyksMarkramRule final : public SynapseRule {
public:
    // name, default, unit, constraint, doc: the one declaration of each parameter (models/params.hpp)
    #define PLASTICA_TSODYKS_MARKRAM_RULE_PARAMS(X) \
        X(u, 0.5, "", positive, "utilisation of synaptic efficacy U, in (0, 1]") \
        X(tau_rec, 800, "ms", positive, "recovery time constant of resources") \
        X(tau_facil, 0, "ms", non_negative, "facilitation time constant (0: none)")
    struct Params {
        PLASTICA_TSODYKS_MARKRAM_RULE_PARAMS(PLASTICA_PARAM_MEMBER)
    };
    static const std::vector<ParamField<Params>>& fields() {
        static const std::vector<ParamField<Params>> f = {PLASTICA_TSODYKS_MARKRAM_RULE_PARAMS(PLASTICA_PARAM_FIELD)};
        return f;
    }
    static constexpr const char* kName = "tsodyks_markram";

    explicit TsodyksMarkramRule(const Params& p);
    std::string name() const override { return kName; }
    const Params& params() const { return p_; }

    void attach(Projection& proj, const Population& pre, const Population& post, double dt) override;
    void pre_fired(Step t, const SpikeList& fired) override;
    const double* efficacy() const override { return eff_.data(); }
    std::size_t bytes() const override;
    void io_state(StateIO& io) override;
    Step latest_step() const override;

    /// State of presynaptic neuron i after its last spike: resources x, utilisation u, and the
    /// factor u x that spike was transmitted with.
    double resources(Index i) const { return x_[i]; }
    double utilisation(Index i) const { return u_[i]; }
    double last_efficacy(Index i) const { return eff_[i]; }

private:
    Params p_;
    double dt_ = 0.1;
    std::vector<double> x_, u_, eff_;
    std::vector<Step> last_;
};

}  // namespace plastica
