// reward_stdp — credit assignment by reward-modulated STDP (Izhikevich 2007, Cerebral Cortex
// 17:2443, Fig. 1): one synapse among many is singled out because its firing pattern is what
// gets rewarded, although the reward comes seconds later (the distal reward problem).
//
// Izhikevich's network: 800 regular-spiking and 200 fast-spiking Izhikevich neurons, 1 ms steps;
// each excitatory neuron projects to 100 random neurons (here 80 excitatory + 20 inhibitory,
// no autapses or multapses) with delays of 1-20 ms and initial weight 1 mV, each inhibitory neuron
// to 100 excitatory neurons with delay 1 ms and weight -1 mV; random "thalamic" input kicks a
// neuron by 20 mV at 1 Hz per neuron (Izhikevich picks exactly one neuron per ms; here
// independent Poisson trains of the same rate). Every excitatory synapse carries RewardStdpRule
// (eligibility tau_c = 1 s, dopamine tau_d = 200 ms, bounds 0 and 4 mV). One excitatory synapse
// n1 -> n2 is chosen; each time n2 fires within `window` ms after n1 (emission times, as the
// rule pairs them) a reward is scheduled 1-3 s later (uniform, from the seed). A reward also
// reinforces whatever else happens to be eligible then, but only the chosen synapse is
// consistently eligible when rewards arrive: its weight climbs to w_max while the others, whose
// eligibility averages to a depression (a_minus > a_plus), stay low.
// Izhikevich's code adds a small tonic dopamine (0.002 per 10 ms); the rule here has none, so
// unrewarded synapses change only when a reward finds them eligible.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <sstream>

#include "experiments/curves.hpp"
#include "experiments/experiment.hpp"
#include "experiments/model_config.hpp"
#include "models/izhikevich.hpp"
#include "plasticity/reward_stdp.hpp"
#include "sim/network_spec.hpp"
#include "sim/random.hpp"
#include "sim/weight_recorder.hpp"

namespace plastica {

namespace {

std::vector<ParamSpec> schema() {
    auto s = common_spiking_schema(3600000);
    for (auto& p : s)
        if (p.key == "dt") p.default_value = 1.0;
    const std::vector<ParamSpec> more = {
        ParamSpec::integer("n_exc", 800, "", "excitatory (regular-spiking) neurons").at_least(2),
        ParamSpec::integer("n_inh", 200, "", "inhibitory (fast-spiking) neurons").at_least(1),
        ParamSpec::integer("k_exc_exc", 80, "", "excitatory targets of an excitatory neuron").at_least(1),
        ParamSpec::integer("k_exc_inh", 20, "", "inhibitory targets of an excitatory neuron").at_least(1),
        ParamSpec::integer("k_inh_exc", 100, "", "excitatory targets of an inhibitory neuron").at_least(1),
        ParamSpec::number("w_exc_init", 1.0, "mV", "initial excitatory weight").at_least(0),
        ParamSpec::number("w_inh", -1.0, "mV", "inhibitory weight"),
        ParamSpec::number("delay_exc_max", 20, "ms", "excitatory delays uniform on whole steps from dt to this").positive(),
        ParamSpec::number("delay_inh", 1, "ms", "inhibitory delay").positive(),
        ParamSpec::number("input_rate", 1, "Hz", "random input kicks per neuron").at_least(0),
        ParamSpec::number("input_weight", 20, "mV", "size of an input kick"),
        ParamSpec::number("window", 10, "ms", "n2 must fire within this time after n1 for a reward").positive(),
        ParamSpec::number("reward", 0.005, "", "dopamine per reward").positive(),
        ParamSpec::number("reward_delay_min", 1000, "ms", "shortest delay of a reward").at_least(0),
        ParamSpec::number("reward_delay_max", 3000, "ms", "longest delay of a reward").at_least(0),
        ParamSpec::number("rstdp.a_plus", 1.0, "", "eligibility increment of a causal pair").at_least(0),
        ParamSpec::number("rstdp.a_minus", 1.5, "", "eligibility decrement of an acausal pair").at_least(0),
        ParamSpec::number("rstdp.tau_c", 1000, "ms", "eligibility time constant").positive(),
        ParamSpec::number("rstdp.tau_d", 200, "ms", "dopamine time constant").positive(),
        ParamSpec::number("rstdp.w_max", 4, "mV", "upper weight bound (lower: 0)").positive(),
        ParamSpec::number("record.weights_interval", 10000, "ms", "interval of the weight snapshots").positive(),
    };
    s.insert(s.end(), more.begin(), more.end());
    const auto e = model_schema<Izhikevich>("exc", Izhikevich::preset("regular_spiking", "reward_stdp"));
    const auto i = model_schema<Izhikevich>("inh", Izhikevich::preset("fast_spiking", "reward_stdp"));
    s.insert(s.end(), e.begin(), e.end());
    s.insert(s.end(), i.begin(), i.end());
    return s;
}

/// Watches n1 and n2 and schedules a reward after each n1 -> n2 coincidence.
class RewardTeacher : public Monitor {
public:
    RewardTeacher(std::vector<RewardStdpRule*> rules, Index n1, Index n2, Step window, Step dmin, Step dmax, double amount, std::uint32_t seed)
        : rules_(std::move(rules)), n1_(n1), n2_(n2), window_(window), dmin_(dmin), dmax_(dmax), amount_(amount), seed_(seed) {}
    void on_spikes(Step t, const StepSpikes& s) override {
        s.for_each(0, [&](Index i) {
            if (i == n1_) last_n1_ = t;
        });
        s.for_each(0, [&](Index i) {
            if (i == n2_ && last_n1_ >= 0 && t - last_n1_ <= window_ && t > last_n1_) {
                RandomStream rng(seed_, stream_id(StreamKind::user, 77), static_cast<std::uint64_t>(rewards_), 0);
                const Step d = dmin_ + static_cast<Step>(rng.below(static_cast<std::uint32_t>(dmax_ - dmin_ + 1)));
                for (RewardStdpRule* r : rules_) r->schedule_reward(t + std::max<Step>(1, d), amount_);
                ++rewards_;
            }
        });
    }
    std::uint64_t rewards() const { return rewards_; }
    void io_state(StateIO& io) override {
        io.value("last_n1", last_n1_);
        io.value("rewards", rewards_);
    }

private:
    std::vector<RewardStdpRule*> rules_;
    Index n1_, n2_;
    Step window_, dmin_, dmax_;
    double amount_;
    std::uint32_t seed_;
    Step last_n1_ = -1;
    std::uint64_t rewards_ = 0;
};

SpikingSetup build(const Config& c) {
    SpikingSetup out;
    const double dt = c.number("dt");
    NetworkSpec spec;
    spec.dt = dt;
    spec.seed = c.integer_as<std::uint32_t>("seed");
    const auto n_exc = c.integer_as<Index>("n_exc"), n_inh = c.integer_as<Index>("n_inh");
    for (const auto& [name, size] : {std::pair{"exc", n_exc}, std::pair{"inh", n_inh}}) {
        PopulationSpec p;
        p.name = name;
        p.model = Izhikevich::name;
        p.size = size;
        p.params = model_param_values(c, name, p.model);
        p.drives = {{c.number("input_rate"), c.number("input_weight"), Receptor::exc}};
        spec.populations.push_back(std::move(p));
    }
    auto k = [&](const char* key) { return c.integer_as<std::uint64_t>(key); };
    if (k("k_exc_exc") >= static_cast<std::uint64_t>(n_exc) || k("k_exc_inh") > static_cast<std::uint64_t>(n_inh) ||
        k("k_inh_exc") > static_cast<std::uint64_t>(n_exc))
        throw Error(c.origin("k_exc_exc"), "k_exc_exc", std::to_string(k("k_exc_exc")), "out-degrees must fit the target populations (no autapses or multapses)");
    // whole-step delays uniform on {dt, 2 dt, ..., delay_exc_max}: uniform on [dt/2, max + dt/2), rounded
    const double dmax = c.number("delay_exc_max");
    const Distribution d_exc = Distribution::uniform(0.5 * dt, dmax + 0.5 * dt).clipped(dt, dmax);
    const Distribution w_exc = Distribution::constant(c.number("w_exc_init"));
    RewardStdpRule::Params rp;
    rp.a_plus = c.number("rstdp.a_plus");
    rp.a_minus = c.number("rstdp.a_minus");
    rp.tau_c = c.number("rstdp.tau_c");
    rp.tau_d = c.number("rstdp.tau_d");
    rp.w_min = 0;
    rp.w_max = c.number("rstdp.w_max");
    const PlasticitySpec rstdp{RewardStdpRule::kName, param_values(RewardStdpRule::fields(), {}, rp)};
    spec.projections.push_back({"exc", "exc", "", ConnectionRule::fixed_outdegree(k("k_exc_exc"), false, false), {Receptor::exc, w_exc, d_exc}, {rstdp}, "", {}, {}});
    spec.projections.push_back({"exc", "inh", "", ConnectionRule::fixed_outdegree(k("k_exc_inh"), false, false), {Receptor::exc, w_exc, d_exc}, {rstdp}, "", {}, {}});
    spec.projections.push_back({"inh", "exc", "", ConnectionRule::fixed_outdegree(k("k_inh_exc"), false, false),
                                {Receptor::inh, Distribution::constant(c.number("w_inh")), Distribution::constant(c.number("delay_inh"))}, {}, "", {}, {}});
    out.net = build_network(spec);
    Network& net = *out.net;
    // the rules the teacher rewards: the ones just built by name
    auto& rule_ee = dynamic_cast<RewardStdpRule&>(*net.projection("exc->exc").rules.at(0));
    auto& rule_ei = dynamic_cast<RewardStdpRule&>(*net.projection("exc->inh").rules.at(0));
    const Projection& ee = net.projection("exc->exc");
    if (c.number("reward_delay_max") < c.number("reward_delay_min"))
        throw Error(c.origin("reward_delay_max"), "reward_delay_max", to_text(c.number("reward_delay_max")), "is below reward_delay_min");
    // the chosen synapse: the first synapse of excitatory neuron 0 (its target is random)
    const std::uint64_t chosen = ee.row_ptr[0];
    const Index n1 = 0, n2 = ee.target[chosen];
    auto teacher = std::make_shared<RewardTeacher>(std::vector<RewardStdpRule*>{&rule_ee, &rule_ei}, n1, n2,
                                                   interval_steps(c.origin("window"), "window", c.number("window"), dt),
                                                   steps_of(c.origin("reward_delay_min"), "reward_delay_min", c.number("reward_delay_min"), dt),
                                                   steps_of(c.origin("reward_delay_max"), "reward_delay_max", c.number("reward_delay_max"), dt),
                                                   c.number("reward"), c.integer_as<std::uint32_t>("seed"));
    // the chosen synapse and every 97th other one, over time
    std::vector<std::uint64_t> sample = {chosen};
    for (std::uint64_t s = 1; s < ee.size(); s += 97) sample.push_back(s);
    auto weights = std::make_shared<WeightRecorder>("exc->exc", c.number("record.weights_interval"), sample, nullptr, true);
    out.monitors = {teacher, weights};
    out.weights = {{"exc->exc", c.number("record.weights_interval"), sample}};
    out.duration_ms = c.number("duration");
    out.stats_start_ms = c.number("stats.start");
    out.synchrony_bin_ms = c.number("stats.synchrony_bin");
    if (c.boolean("record.spikes")) out.recorded = {"exc", "inh"};
    out.title = "Reward-modulated STDP (Izhikevich 2007): " + std::to_string(n_exc) + " RS + " + std::to_string(n_inh) +
                " FS Izhikevich neurons; rewarded synapse exc " + std::to_string(n1) + " -> exc " + std::to_string(n2) +
                " (delay " + to_text(ee.delays.empty() ? ee.delay_steps * dt : ee.delays[chosen] * dt) + " ms)";
    const double w_max = rp.w_max;
    out.analyse = [teacher, weights, chosen, w_max, n1, n2](Network& net, H5File* file) {
        const auto& w = net.projection("exc->exc").weight;
        std::vector<float> others(w.begin(), w.end());
        others.erase(others.begin() + static_cast<std::ptrdiff_t>(chosen));
        std::sort(others.begin(), others.end());
        const double mean = std::accumulate(others.begin(), others.end(), 0.0) / static_cast<double>(others.size());
        const double p99 = others[static_cast<std::size_t>(0.99 * static_cast<double>(others.size() - 1))];
        const std::size_t above = static_cast<std::size_t>(others.end() - std::upper_bound(others.begin(), others.end(), w[chosen]));
        Curve curve{"rewarded_synapse", "weight of the rewarded synapse and of the others", "time (s)", "weight (mV)", {}, {}, false};
        const std::size_t m = weights->synapses().size();
        std::vector<double> wc, wm;
        for (std::size_t r = 0; r < weights->times_ms().size(); ++r) {
            curve.x.push_back(weights->times_ms()[r] * 1e-3);
            wc.push_back(weights->weights()[r * m]);
            double sum = 0;
            for (std::size_t q = 1; q < m; ++q) sum += weights->weights()[r * m + q];
            wm.push_back(sum / static_cast<double>(m - 1));
        }
        curve.series = {{"rewarded_synapse", wc}, {"mean_of_sampled_others", wm}};
        write_curve(file, curve);
        Analysis a;
        std::ostringstream os;
        os << std::fixed << std::setprecision(3);
        os << "  rewards given: " << teacher->rewards() << "\n";
        os << "  rewarded synapse: " << w[chosen] << " mV (w_max " << w_max << "); others: mean " << mean << ", 99th percentile " << p99
           << ", " << above << " of " << others.size() << " above it\n";
        a.text = os.str();
        a.json = {{"rewards", teacher->rewards()}, {"n1", n1}, {"n2", n2}, {"rewarded_weight", w[chosen]}, {"others_mean", mean}, {"others_p99", p99},
                  {"others_above", above}, {"w_max", w_max}};
        return a;
    };
    return out;
}

}  // namespace

Experiment reward_stdp_experiment() {
    return {"reward_stdp", "Izhikevich 2007: reward-modulated STDP singles out the synapse whose firing pattern is rewarded", schema, build, {}, {}};
}

}  // namespace plastica
