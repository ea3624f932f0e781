#include "plasticity/registry.hpp"

#include <functional>

#include "plasticity/hebbian.hpp"
#include "plasticity/homeostasis.hpp"
#include "plasticity/inhibitory_stdp.hpp"
#include "plasticity/rate_hebbian_rule.hpp"
#include "plasticity/reward_stdp.hpp"
#include "plasticity/short_term.hpp"
#include "plasticity/stdp.hpp"
#include "plasticity/triplet_stdp.hpp"

namespace plastica {

namespace {

/// A Hebbian kernel on spike-rate estimates (RateHebbianRule): the kernel's parameters plus the
/// rate estimate's time constant and the sweep interval, declared here once.
struct RateHebbianParams : HebbianKernel::Params {
    double tau_rate = 100;  ///< time constant of the rate estimates (ms)
    double interval = 1;    ///< time between weight sweeps (ms)
};
const std::vector<ParamField<RateHebbianParams>>& rate_hebbian_fields() {
    static const auto f = extend_fields<RateHebbianParams>(
        HebbianKernel::fields(),
        {{"tau_rate", &RateHebbianParams::tau_rate, "ms", "time constant of the pre- and postsynaptic rate estimates", Constraint::positive},
         {"interval", &RateHebbianParams::interval, "ms", "time between weight sweeps (a whole number of steps)", Constraint::positive}});
    return f;
}

/// One rule the registry can build: its name, doc, parameter table and constructor.
struct RuleEntry {
    std::string name, doc;
    std::function<std::vector<ParamInfo>()> params;
    std::function<std::unique_ptr<SynapseRule>(const std::map<std::string, double>&, const std::string&)> make;
};

template <class P>
const std::vector<FlagField<P>>& no_flags() {
    static const std::vector<FlagField<P>> none;
    return none;
}

/// An entry over Params `P` with the tables `fields()` and `flags()` and the constructor `build`.
template <class P, class Fields, class Flags, class Build>
RuleEntry entry(std::string name, std::string doc, Fields fields, Flags flags, Build build) {
    RuleEntry e{std::move(name), std::move(doc), nullptr, nullptr};
    e.params = [fields, flags] {
        static const P d{};  // static: GCC 12 misreads a local through the member pointers as uninitialised
        auto out = param_info(fields(), d);
        for (const auto& f : flags()) out.push_back({f.name, "0/1", f.doc, d.*(f.member) ? 1.0 : 0.0});
        return out;
    };
    e.make = [fields, flags, build, rule = e.name](const std::map<std::string, double>& params, const std::string& where) {
        P p{};
        apply_params(fields(), flags(), p, params, where + " rule '" + rule + "'");
        return std::unique_ptr<SynapseRule>(build(p));
    };
    return e;
}

template <class K>
RuleEntry kernel_entry(std::string doc) {
    using P = typename K::Params;
    auto flags = [] () -> const std::vector<FlagField<P>>& {
        if constexpr (requires { K::flags(); }) return K::flags();
        else return no_flags<P>();
    };
    return entry<P>(K::name, std::move(doc), &K::fields, flags, [](const P& p) { return new TraceRule<K>(p); });
}

RuleEntry rate_hebbian_entry(const char* name, HebbianKernel::Kind kind, std::string doc) {
    return entry<RateHebbianParams>(name, std::move(doc), &rate_hebbian_fields, &no_flags<RateHebbianParams>, [kind](const RateHebbianParams& p) {
        return new RateHebbianRule(kind, p, p.tau_rate, p.interval);
    });
}

const std::vector<RuleEntry>& rules() {
    using TM = TsodyksMarkramRule;
    using RS = RewardStdpRule;
    using SN = SynapticNormalizationRule;
    using SS = SynapticScalingRule;
    static const std::vector<RuleEntry> r = {
        kernel_entry<PairStdp>("pair-based STDP with Guetig weight dependence (Song, Miller & Abbott 2000; Guetig et al. 2003)"),
        kernel_entry<TripletStdp>("triplet STDP (Pfister & Gerstner 2006, minimal model)"),
        kernel_entry<InhibitoryStdp>("symmetric inhibitory STDP toward a target rate (Vogels et al. 2011); projections onto the inhibitory receptor"),
        entry<TM::Params>(TM::kName, "short-term depression and facilitation (Tsodyks & Markram 1997; Markram, Wang & Tsodyks 1998)", &TM::fields,
                          &no_flags<TM::Params>, [](const TM::Params& p) { return new TM(p); }),
        entry<RS::Params>(RS::kName, "dopamine-modulated STDP with eligibility traces (Izhikevich 2007); rewards given by the caller", &RS::fields,
                          &no_flags<RS::Params>, [](const RS::Params& p) { return new RS(p); }),
        rate_hebbian_entry("hebb", HebbianKernel::Kind::hebb, "plain Hebbian rule on rate estimates, dw/dt = eta (x y - gamma w)"),
        rate_hebbian_entry("oja", HebbianKernel::Kind::oja, "Oja's rule on rate estimates, dw/dt = eta y (x - y w) (Oja 1982)"),
        rate_hebbian_entry("bcm", HebbianKernel::Kind::bcm, "BCM rule on rate estimates with a sliding threshold (Bienenstock, Cooper & Munro 1982)"),
        entry<SN::Params>("synaptic_normalization", "rescales each neuron's incoming weights to a fixed sum or norm (von der Malsburg 1973; Diehl & Cook 2015)",
                          &SN::fields, &SN::flags, [](const SN::Params& p) { return new SN(p); }),
        entry<SS::Params>("synaptic_scaling", "multiplicative scaling toward a target rate (Turrigiano et al. 1998; van Rossum et al. 2000)", &SS::fields,
                          &no_flags<SS::Params>, [](const SS::Params& p) { return new SS(p); }),
    };
    return r;
}

const RuleEntry& find(const std::string& rule, const std::string& where) {
    for (const auto& e : rules())
        if (e.name == rule) return e;
    std::string known;
    for (const auto& e : rules()) known += (known.empty() ? "" : ", ") + e.name;
    throw Error(where, "rule", rule, "unknown plasticity rule (known: " + known + ")");
}

}  // namespace

std::vector<std::string> plasticity_rule_names() {
    std::vector<std::string> out;
    for (const auto& e : rules()) out.push_back(e.name);
    return out;
}

std::string plasticity_rule_doc(const std::string& rule) { return find(rule, "rules").doc; }

std::vector<ParamInfo> plasticity_rule_params(const std::string& rule) { return find(rule, "rules").params(); }

std::unique_ptr<SynapseRule> make_plasticity_rule(const std::string& rule, const std::map<std::string, double>& params,
                                                  const std::string& where) {
    return find(rule, where).make(params, where);
}

}  // namespace plastica
