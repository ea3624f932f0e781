// bcm_selectivity — a BCM neuron becomes selective to one of several input patterns
// (Bienenstock, Cooper & Munro 1982; sliding threshold theta = <y^2> / y0 as in Intrator &
// Cooper 1992; plasticity/hebbian.hpp).
//
// `patterns` random non-negative input patterns of `inputs` rates each (uniform in [0, 1], drawn
// from the seed) are presented one per sample in random order to a rectified linear neuron
// y = max(0, w . x) with weights in [-w_max, w_max]. Under dw = eta x y (y - theta) and
// tau_theta dtheta = (y^2 / y0 - theta) per sample, the only stable states answer one pattern
// (at y = patterns * y0) and not the others. Selectivity = 1 - mean(other responses) / largest
// response (Bienenstock et al.'s measure): 0 for equal responses, 1 for a single one.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include <Eigen/Dense>

#include "experiments/analysis_run.hpp"
#include "experiments/curves.hpp"
#include "plasticity/hebbian.hpp"
#include "sim/random.hpp"

namespace plastica {

namespace {

std::vector<ParamSpec> schema() {
    return {
        ParamSpec::integer("seed", 1, "", "seed of the patterns, their order and the initial weights").between(0, 4294967295.0),
        ParamSpec::integer("inputs", 20, "", "inputs per pattern").at_least(2),
        ParamSpec::integer("patterns", 4, "", "number of patterns").at_least(2),
        ParamSpec::integer("samples", 100000, "", "samples presented").at_least(1),
        ParamSpec::number("eta", 0.002, "", "learning rate").positive(),
        ParamSpec::number("y0", 1, "", "threshold scale: theta tracks <y^2> / y0").positive(),
        ParamSpec::number("tau_theta", 50, "samples", "time constant of the sliding threshold").positive(),
        ParamSpec::number("w_max", 10, "", "weight bounds [-w_max, w_max] (signed weights: net excitation or inhibition per input, as in BCM's analysis)").positive(),
        ParamSpec::number("w_init", 0.05, "", "initial weights uniform in [0, w_init]").positive(),
        ParamSpec::integer("record_every", 400, "", "samples between points of the response curves").at_least(1),
    };
}

void run(const Config& c, const RunOptions& opt, std::ostream& out, std::ostream& err, bool json) {
    run_analysis(find_experiment("bcm_selectivity"), c, opt, out, err, json, [&](H5File* file) {
        const auto n = c.integer_as<Eigen::Index>("inputs");
        const auto K = c.integer_as<Eigen::Index>("patterns");
        const auto seed = c.integer_as<std::uint32_t>("seed");
        const std::int64_t samples = c.integer("samples"), every = c.integer("record_every");
        Eigen::MatrixXd P(n, K);
        for (Eigen::Index k = 0; k < K; ++k) {
            RandomStream rng(seed, stream_id(StreamKind::dataset, 3), static_cast<std::uint64_t>(k), 0);
            for (Eigen::Index i = 0; i < n; ++i) P(i, k) = rng.uniform();
        }
        HebbianKernel::Params hp;
        hp.eta = c.number("eta");
        hp.y0 = c.number("y0");
        hp.tau_theta = c.number("tau_theta");
        hp.w_min = -c.number("w_max");
        hp.w_max = c.number("w_max");
        RateHebbian bcm(HebbianKernel(HebbianKernel::Kind::bcm, hp, "experiment 'bcm_selectivity'"), 1);
        Eigen::MatrixXd W(1, n);
        RandomStream wr(seed, stream_id(StreamKind::rate_init, 1), 0, 0);
        for (Eigen::Index i = 0; i < n; ++i) W(0, i) = c.number("w_init") * wr.uniform();
        auto responses = [&] { return Eigen::VectorXd((W * P).row(0).transpose().cwiseMax(0.0)); };
        auto selectivity = [](const Eigen::VectorXd& r) {
            const double m = r.maxCoeff();
            return m > 0 ? 1 - (r.sum() - m) / static_cast<double>(r.size() - 1) / m : 0.0;
        };
        Curve curve{"responses", "response to each pattern", "samples", "response y", {}, {}, false};
        std::vector<std::vector<double>> resp(static_cast<std::size_t>(K));
        std::vector<double> theta_curve;
        auto record = [&](std::int64_t s) {
            curve.x.push_back(static_cast<double>(s));
            const Eigen::VectorXd r = responses();
            for (Eigen::Index k = 0; k < K; ++k) resp[static_cast<std::size_t>(k)].push_back(r[k]);
            theta_curve.push_back(bcm.theta()[0]);
        };
        for (std::int64_t s = 0; s < samples; ++s) {
            if (s % every == 0) record(s);
            RandomStream rng(seed, stream_id(StreamKind::shuffle, 3), static_cast<std::uint64_t>(s), 0);
            const Eigen::VectorXd x = P.col(rng.below(static_cast<std::uint32_t>(K)));
            const Eigen::VectorXd y = (W * x).cwiseMax(0.0);
            bcm.update(W, x, y);
        }
        record(samples);
        for (Eigen::Index k = 0; k < K; ++k) curve.series.push_back({"pattern_" + std::to_string(k), resp[static_cast<std::size_t>(k)]});
        curve.series.push_back({"theta", theta_curve});
        write_curve(file, curve);
        const Eigen::VectorXd r0 = [&] {
            Eigen::VectorXd v(K);
            for (Eigen::Index k = 0; k < K; ++k) v[k] = resp[static_cast<std::size_t>(k)].front();
            return v;
        }();
        const Eigen::VectorXd r1 = responses();
        Eigen::Index winner = 0;
        r1.maxCoeff(&winner);
        if (file) file->write("/plastica/results/weights", std::vector<double>(W.data(), W.data() + n));
        // The winner's response fluctuates around the fixed point (patterns arrive in random
        // order): its mean over the last quarter of the run is the figure to compare.
        const auto& rw = resp[static_cast<std::size_t>(winner)];
        const std::size_t q0 = rw.size() - std::max<std::size_t>(1, rw.size() / 4);
        double mean_w = 0;
        for (std::size_t q = q0; q < rw.size(); ++q) mean_w += rw[q];
        mean_w /= static_cast<double>(rw.size() - q0);
        AnalysisResult res;
        res.title = "BCM neuron, " + std::to_string(K) + " patterns of " + std::to_string(n) + " inputs, " + std::to_string(samples) + " samples";
        std::ostringstream os;
        os << std::fixed << std::setprecision(3);
        os << "  responses at the start:";
        for (Eigen::Index k = 0; k < K; ++k) os << " " << r0[k];
        os << "  (selectivity " << selectivity(r0) << ")\n  responses at the end:  ";
        for (Eigen::Index k = 0; k < K; ++k) os << " " << r1[k];
        os << "  (selectivity " << selectivity(r1) << ")\n";
        os << "  selective to pattern " << winner << "; its response averaged over the last quarter " << mean_w
           << " (BCM fixed point: patterns x y0 = " << static_cast<double>(K) * hp.y0 << ")\n";
        res.analysis.text = os.str();
        res.analysis.json = {{"selectivity", selectivity(r1)}, {"selectivity_start", selectivity(r0)},
                             {"responses", std::vector<double>(r1.data(), r1.data() + K)}, {"winner", winner}, {"theta", bcm.theta()[0]},
                             {"winner_mean_response", mean_w}, {"fixed_point", static_cast<double>(K) * hp.y0}};
        return res;
    });
}

}  // namespace

Experiment bcm_selectivity_experiment() {
    return {"bcm_selectivity", "BCM neuron with a sliding threshold becomes selective to one of several patterns", schema, {}, run, {}};
}

}  // namespace plastica
