// stdp_window — the STDP window and, for the triplet rule, the frequency dependence of pairing.
//
// Each condition is one presynaptic spike source and one lif_delta neuron whose spikes are
// forced by a teacher source (100 mV, so they fall exactly where the protocol puts them), joined
// by one plastic synapse of weight w0 (0.5 mV: too small to move the post spikes). All
// conditions run side by side in one network.
//   Window: `pairs` pre/post pairs at `pair_rate` (Bi & Poo 1998: 60 pairs at 1 Hz) for each lag
//   t_post - t_pre in [-lag.max, lag.max] in steps of lag.step.
//   Frequency dependence (Sjöström, Turrigiano & Nelson 2001; Pfister & Gerstner 2006, Fig. 4):
//   `frequency.pairs` pairs at 0.1, 10, 20, 40 and 50 Hz with lags +frequency.lag and
//   -frequency.lag. The pair rule predicts depression at high rates for negative lags; the
//   triplet rule (visual cortex sets) turns both into potentiation above about 20 Hz.
// The summary lists the simulated weight change beside the change the rule's equations give
// when evaluated by explicit sums over the protocol's spikes (plasticity/explicit_sums.hpp).
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "experiments/curves.hpp"
#include "experiments/experiment.hpp"
#include "experiments/plasticity_config.hpp"
#include "models/lif_delta.hpp"
#include "plasticity/explicit_sums.hpp"
#include "sim/network_spec.hpp"

namespace plastica {

namespace {

constexpr double kFrequencies[] = {0.1, 10, 20, 40, 50};

std::vector<ParamSpec> schema() {
    std::vector<ParamSpec> s;
    for (auto& p : common_spiking_schema(0))
        if (p.key != "duration" && p.key != "stats.start") s.push_back(p);
    const std::vector<ParamSpec> more = {
        ParamSpec::text("rule", "stdp", {"stdp", "triplet_stdp"}, "the plasticity rule: pair STDP or triplet STDP"),
        ParamSpec::number("w0", 0.5, "mV", "initial weight of every plastic synapse (triplet_stdp preset: 1, as the published amplitudes are relative changes of a weight of 1)").at_least(0),
        ParamSpec::number("lag.max", 100, "ms", "largest |t_post - t_pre| of the window").positive(),
        ParamSpec::number("lag.step", 2, "ms", "spacing of the lags (a whole number of steps)").positive(),
        ParamSpec::integer("pairs", 60, "", "pairs per lag").at_least(1),
        ParamSpec::number("pair_rate", 1, "Hz", "pairing frequency of the window protocol").positive(),
        ParamSpec::boolean("frequency.enabled", true, "also run the frequency-dependence protocol"),
        ParamSpec::integer("frequency.pairs", 60, "", "pairs per frequency").at_least(1),
        ParamSpec::number("frequency.lag", 10, "ms", "|t_post - t_pre| of the frequency protocol").positive(),
    };
    s.insert(s.end(), more.begin(), more.end());
    PairStdp::Params d;
    const auto st = stdp_schema("stdp", d);
    s.insert(s.end(), st.begin(), st.end());
    const auto tr = triplet_schema("triplet", "visual_cortex_all_to_all");
    s.insert(s.end(), tr.begin(), tr.end());
    return s;
}

/// One condition: the spike times of its pre and post neuron.
struct Condition {
    double lag = 0, rate = 0;
    std::vector<double> pre, post;
};

Condition protocol(double lag, double rate, std::int64_t pairs, double t0, double dt) {
    Condition c{lag, rate, {}, {}};
    const double period = 1000.0 / rate;
    for (std::int64_t k = 0; k < pairs; ++k) {
        // on the step grid: protocol times are rounded to whole steps once, here
        const double a = std::round((t0 + static_cast<double>(k) * period) / dt) * dt;
        c.pre.push_back(a);
        c.post.push_back(std::round((a + lag) / dt) * dt);
    }
    return c;
}

SpikingSetup build(const Config& c) {
    SpikingSetup out;
    const double dt = c.number("dt");
    const std::string rule = c.text("rule");
    const double w0 = c.number("w0"), lag_max = c.number("lag.max");
    if (!(w0 > 0)) throw Error(c.origin("w0"), "w0", to_text(w0), "must be > 0: the window is reported as the relative change dw / w0");
    steps_of(c.origin("lag.step"), "lag.step", c.number("lag.step"), dt);  // whole steps, or an error
    steps_of(c.origin("frequency.lag"), "frequency.lag", c.number("frequency.lag"), dt);
    const Step n_lag = static_cast<Step>(std::floor(lag_max / c.number("lag.step") + 1e-9));
    const double t0 = std::max(lag_max, c.number("frequency.lag")) + 10;

    auto conds = std::make_shared<std::vector<Condition>>();
    for (Step k = -n_lag; k <= n_lag; ++k)
        conds->push_back(protocol(static_cast<double>(k) * c.number("lag.step"), c.number("pair_rate"), c.integer("pairs"), t0, dt));
    const std::size_t n_window = conds->size();
    if (c.boolean("frequency.enabled"))
        for (double f : kFrequencies)
            for (double sgn : {1.0, -1.0})
                conds->push_back(protocol(sgn * c.number("frequency.lag"), f, c.integer("frequency.pairs"), t0, dt));

    std::vector<std::vector<double>> pre, teacher;
    double end = 0;
    for (const auto& cd : *conds) {
        pre.push_back(cd.pre);
        teacher.push_back({});
        for (double t : cd.post) teacher.back().push_back(t - dt);
        end = std::max({end, cd.pre.back(), cd.post.back()});
    }
    const auto n = static_cast<Index>(conds->size());
    const PairStdp::Params sp = stdp_params(c, "stdp");
    const TripletStdp::Params tp = triplet_params(c, "triplet");
    NetworkSpec spec;
    spec.dt = dt;
    spec.seed = c.integer_as<std::uint32_t>("seed");
    PopulationSpec pre_pop, teacher_pop, post;
    pre_pop.name = "pre";
    teacher_pop.name = "teacher";
    pre_pop.model = teacher_pop.model = "spike_source_array";
    pre_pop.spike_times_ms = pre;
    teacher_pop.spike_times_ms = teacher;
    pre_pop.size = teacher_pop.size = n;
    post.name = "post";
    post.model = LifDelta::name;
    post.size = n;
    spec.populations = {pre_pop, teacher_pop, post};
    spec.projections.push_back({"teacher", "post", "", ConnectionRule::one_to_one(), {Receptor::exc, Distribution::constant(100), Distribution::constant(dt)}, {}, "", {}, {}});
    const PlasticitySpec learning = rule == "stdp" ? PlasticitySpec{PairStdp::name, param_values(PairStdp::fields(), PairStdp::flags(), sp)}
                                                   : PlasticitySpec{TripletStdp::name, param_values(TripletStdp::fields(), TripletStdp::flags(), tp)};
    spec.projections.push_back({"pre", "post", "", ConnectionRule::one_to_one(), {Receptor::exc, Distribution::constant(w0), Distribution::constant(dt)},
                                {learning}, "", {}, {}});
    out.net = build_network(spec);

    out.duration_ms = std::ceil((end + 10) / dt) * dt;
    out.stats_start_ms = 0;
    out.synchrony_bin_ms = c.number("stats.synchrony_bin");
    if (c.boolean("record.spikes")) out.recorded = {"pre", "post"};
    out.title = std::string(rule == "stdp" ? "Pair STDP" : "Triplet STDP (" + c.text("triplet.parameter_set") + ")") +
                " window: " + std::to_string(n_window) + " lags x " + std::to_string(c.integer("pairs")) + " pairs" +
                (conds->size() > n_window ? ", frequency protocol at 0.1-50 Hz" : "");

    out.analyse = [conds, n_window, w0, rule, sp, tp](Network& net, H5File* file) {
        const Projection& pr = net.projection("pre->post");
        auto expected = [&](const Condition& cd) {
            const float w = rule == "stdp" ? explicit_sums::pair_stdp(sp, static_cast<float>(w0), cd.pre, cd.post)
                                           : explicit_sums::triplet_stdp(tp, static_cast<float>(w0), cd.pre, cd.post);
            return (w - w0) / w0;
        };
        Analysis a;
        std::ostringstream os;
        os << std::fixed;
        Curve window{"stdp_window", "weight change after the pairing protocol", "t_post - t_pre (ms)", "relative weight change dw / w0", {}, {}, false};
        std::vector<double> sim, ref;
        double max_err = 0;
        for (std::size_t q = 0; q < n_window; ++q) {
            const double got = (pr.weight[q] - w0) / w0, want = expected((*conds)[q]);
            window.x.push_back((*conds)[q].lag);
            sim.push_back(got);
            ref.push_back(want);
            max_err = std::max(max_err, std::fabs(got - want));
        }
        window.series = {{"simulated", sim}, {"expected_explicit_sums", ref}};
        write_curve(file, window);
        os << "  window (relative weight change dw/w0 after the pairs; expected: the rule's equations by explicit sums)\n";
        os << "    lag (ms)   simulated    expected\n";
        for (std::size_t q = 0; q < n_window; q += std::max<std::size_t>(1, n_window / 10))
            os << "    " << std::setw(8) << std::setprecision(1) << window.x[q] << std::setw(12) << std::setprecision(5)
               << sim[q] << std::setw(12) << ref[q] << "\n";
        os << "    largest |simulated - expected| over " << n_window << " lags: " << std::scientific << std::setprecision(2)
           << max_err << std::fixed << "\n";
        a.json["window"] = {{"lag_ms", window.x}, {"dw_rel", sim}, {"dw_rel_expected", ref}, {"max_abs_error", max_err}};

        if (conds->size() > n_window) {
            Curve freq{"frequency_dependence", "pairing frequency dependence (Sjostrom et al. 2001)", "pairing frequency (Hz)",
                       "relative weight change dw / w0", {}, {}, true};
            std::vector<double> plus, minus, eplus, eminus;
            for (std::size_t q = n_window; q < conds->size(); q += 2) {
                freq.x.push_back((*conds)[q].rate);
                plus.push_back((pr.weight[q] - w0) / w0);
                minus.push_back((pr.weight[q + 1] - w0) / w0);
                eplus.push_back(expected((*conds)[q]));
                eminus.push_back(expected((*conds)[q + 1]));
            }
            const double lag = (*conds)[n_window].lag;
            const std::string lp = "lag_plus_" + to_text(lag) + "ms", lm = "lag_minus_" + to_text(lag) + "ms";
            freq.series = {{lp, plus}, {lm, minus}, {"expected_" + lp, eplus}, {"expected_" + lm, eminus}};
            write_curve(file, freq);
            os << "  frequency dependence (dw/w0 at lags +" << std::setprecision(0) << lag << " / -" << lag << " ms)\n";
            os << "    rate (Hz)   +lag sim    +lag expected   -lag sim    -lag expected\n";
            for (std::size_t q = 0; q < freq.x.size(); ++q)
                os << "    " << std::setw(9) << std::setprecision(1) << freq.x[q] << std::setprecision(5) << std::setw(11) << plus[q]
                   << std::setw(15) << eplus[q] << std::setw(12) << minus[q] << std::setw(16) << eminus[q] << "\n";
            a.json["frequency"] = {{"rate_hz", freq.x}, {"dw_rel_plus", plus}, {"dw_rel_minus", minus},
                                   {"dw_rel_plus_expected", eplus}, {"dw_rel_minus_expected", eminus}};
        }
        a.text = os.str();
        return a;
    };
    return out;
}

}  // namespace

Experiment stdp_window_experiment() {
    // The triplet sets' amplitudes are changes of a weight of 1 (Pfister & Gerstner 2006).
    auto preset = [](const Config& c) { return c.text("rule") == "triplet_stdp" ? std::string("w0 = 1.0\n") : std::string(); };
    return {"stdp_window", "STDP window and pairing-frequency dependence (pair or triplet rule) vs the rule's equations", schema, build, {}, preset};
}

}  // namespace plastica
