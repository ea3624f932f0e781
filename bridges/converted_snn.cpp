// converted_snn — a multilayer perceptron trained by backprop, converted to a spiking network and
// run in the spiking engine (Diehl et al. 2015, IJCNN; Rueckauer et al. 2017, Front. Neurosci.
// 11:682).
//
// Training is the backprop learner's (keys converted_snn.hidden, .lr, ...; ReLU hidden units).
// Conversion, at each prediction, from the network as trained so far:
//   * every dense layer becomes a population of if_delta_subtractive neurons (non-leaky IF, reset
//     by subtraction, threshold 1), connected all-to-all with the layer's weights;
//   * data-based normalisation (Rueckauer et al. 2017, sec. 2.2, the robust form of Diehl et al.
//     2015): lambda_l is the `percentile` of layer l's ReLU activations over `norm_samples`
//     training samples, and W_l <- W_l lambda_(l-1) / lambda_l, b_l <- b_l / lambda_l, so that no
//     unit needs to fire above one spike per step;
//   * the input is analog (Rueckauer et al. 2017, sec. 2.1): the first layer receives
//     (W_1 x + b_1) / lambda_1 as a constant per-step input, the biases of later layers likewise;
//   * each sample runs for `steps` steps from rest (potentials zeroed, nothing in flight); the
//     class is the output unit with the most spikes, ties broken by the membrane potential (which
//     integrates the output layer's input, so a silent output layer still answers).
// The prediction's accuracy is also read at intermediate step counts (`curve_steps`), the
// accuracy-against-time curve of the conversion (details: steps, accuracy_at_steps; and the
// MLP's own accuracy on the same set, mlp_accuracy).
//
// Cost: the MLP's training multiply-adds; the spiking network's synaptic events per sample are in
// the details (snn_synaptic_events_per_sample).
#include "bridges/converted_snn.hpp"

#include <algorithm>
#include <cmath>

#include "bridges/gradient_learners.hpp"
#include "models/if_delta_subtractive.hpp"
#include "models/neuron_population.hpp"
#include "models/rate/dense.hpp"
#include "models/rate/loss.hpp"
#include "sim/monitor.hpp"
#include "sim/network.hpp"
#include "sim/settings.hpp"
#include "sim/simulator.hpp"

namespace plastica {

namespace {

/// Spikes per neuron of one population.
class SpikeCounter final : public Monitor {
public:
    explicit SpikeCounter(std::uint32_t pop, Index n) : pop_(pop), counts_(n, 0) {}
    void on_spikes(Step, const StepSpikes& s) override {
        s.for_each(pop_, [&](Index i) { ++counts_[i]; });
    }
    std::vector<std::uint32_t>& counts() { return counts_; }

private:
    std::uint32_t pop_;
    std::vector<std::uint32_t> counts_;
};

std::vector<std::int64_t> parse_steps(const std::string& text, const std::string& origin, std::int64_t steps) {
    auto out = parse_int_list(text, origin, "converted_snn.curve_steps", 1, steps, "a comma-separated list of step counts in [1, steps]");
    out.push_back(steps);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// The conversion's own settings, declared once (sim/settings.hpp); the MLP's are gradient_schema's.
struct Settings {
    std::int64_t steps;
    std::string curve_steps;
    double percentile;
    std::int64_t norm_samples;
};

const std::vector<Setting<Settings>>& settings() {
    using S = Settings;
    static const std::vector<Setting<S>> t = {
        {ParamSpec::integer("steps", 100, "steps", "simulation steps per sample").at_least(1), &S::steps},
        {ParamSpec::text("curve_steps", "5,10,20,50", {}, "also read the answer after these step counts (accuracy against time)"), &S::curve_steps},
        {ParamSpec::number("percentile", 99.9, "%", "data-based normalisation: percentile of the activations").between(50, 100), &S::percentile},
        {ParamSpec::integer("norm_samples", 10000, "", "training samples the normalisation looks at").at_least(1), &S::norm_samples},
    };
    return t;
}

class ConvertedSnn final : public Learner {
public:
    ConvertedSnn(const Config& c, const LearnerSetup& s) : task_(s.task), threads_(s.threads) {
        mlp_ = make_gradient_learner("converted_snn", c, s, false);
        if (c.text("converted_snn.activation") != "relu")
            throw Error(c.origin("converted_snn.activation"), "converted_snn.activation", c.text("converted_snn.activation"),
                        "conversion needs ReLU hidden units (a spike rate cannot be negative)");
        const Settings st = read_settings(settings(), c, "converted_snn.");
        steps_ = st.steps;
        percentile_ = st.percentile;
        norm_samples_ = st.norm_samples;
        curve_steps_ = parse_steps(st.curve_steps, c.origin("converted_snn.curve_steps"), steps_);
    }

    std::string name() const override { return "converted_snn"; }
    void train(std::span<const Eigen::Index> samples) override { mlp_->train(samples); }
    LearnerCost cost() const override { return mlp_->cost(); }
    rate::Matrix<float> receptive_fields() const override { return mlp_->receptive_fields(); }
    void save(H5File& f, const std::string& group) const override { mlp_->save(f, group); }
    void load(const H5Reader& f, const std::string& group) override { mlp_->load(f, group); }
    std::vector<std::pair<std::string, std::vector<double>>> details() const override { return details_; }

    std::vector<int> predict(const Dataset& set) override {
        rate::Network<float>& net = gradient_network(*mlp_);
        std::vector<const rate::Dense<float>*> dense;
        for (std::size_t i = 0; i < net.layer_count(); ++i)
            if (const auto* d = dynamic_cast<const rate::Dense<float>*>(&net.layer(i))) dense.push_back(d);
        const auto lambda = scales(dense);
        // the spiking network: one population per dense layer
        Network snn(1.0, 1);
        for (std::size_t l = 0; l < dense.size(); ++l) {
            std::string name = "layer";
            name += std::to_string(l + 1);
            snn.add(std::make_unique<NeuronPopulation<IfDeltaSubtractive>>(name, static_cast<Index>(dense[l]->weight.rows()),
                                                                           IfDeltaSubtractive::Params{}));
        }
        for (std::size_t l = 1; l < dense.size(); ++l) {
            SynapseSpec syn;
            syn.delay = Distribution::constant(1.0);
            Projection& p = snn.connect(snn.population(l - 1).name(), snn.population(l).name(), ConnectionRule::all_to_all(), syn);
            const auto& w = dense[l]->weight;  // post x pre
            const double scale = lambda[l - 1] / lambda[l];
            for (Index i = 0; i < static_cast<Index>(w.cols()); ++i) {
                const auto [s0, s1] = p.row(i);
                for (std::uint64_t s = s0; s < s1; ++s) p.weight[s] = static_cast<float>(w(static_cast<Eigen::Index>(p.target[s]), i) * scale);
            }
        }
        const std::size_t L = dense.size();
        SpikeCounter counter(static_cast<std::uint32_t>(L - 1), static_cast<Index>(dense.back()->weight.rows()));
        Simulator sim(snn, threads_);
        sim.add_monitor(counter);
        sim.prepare();
        // biases of the later layers: constant per-step inputs
        for (std::size_t l = 1; l < L; ++l) {
            double* ib = static_cast<NeuronPopulation<IfDeltaSubtractive>&>(snn.population(l)).state_mut("i_step");
            for (Eigen::Index j = 0; j < dense[l]->bias.rows(); ++j) ib[j] = dense[l]->bias(j, 0) / lambda[l];
        }
        auto& first = static_cast<NeuronPopulation<IfDeltaSubtractive>&>(snn.population(0));
        auto& last = static_cast<NeuronPopulation<IfDeltaSubtractive>&>(snn.population(L - 1));
        const Eigen::Index K = dense.back()->weight.rows();
        std::vector<std::vector<int>> at_steps(curve_steps_.size(), std::vector<int>(static_cast<std::size_t>(set.size())));
        const std::uint64_t events0 = sim.synaptic_events();
        for (Eigen::Index j = 0; j < set.size(); ++j) {
            // from rest: potentials zero, nothing in flight
            for (std::size_t l = 0; l < L; ++l) {
                auto& pop = static_cast<NeuronPopulation<IfDeltaSubtractive>&>(snn.population(l));
                std::fill_n(pop.state_mut("v"), pop.size(), 0.0);
                pop.input().clear();
            }
            const Eigen::VectorXf drive = dense[0]->weight * set.x.col(j) + dense[0]->bias.col(0);
            double* ib = first.state_mut("i_step");
            for (Eigen::Index u = 0; u < drive.size(); ++u) ib[u] = drive(u) / lambda[0];
            std::fill(counter.counts().begin(), counter.counts().end(), 0u);
            std::int64_t done = 0;
            for (std::size_t c = 0; c < curve_steps_.size(); ++c) {
                sim.run(static_cast<double>(curve_steps_[c] - done));
                done = curve_steps_[c];
                const double* v = last.state("v");
                int best = 0;
                for (Eigen::Index k = 1; k < K; ++k) {
                    const auto a = counter.counts()[static_cast<std::size_t>(k)], b = counter.counts()[static_cast<std::size_t>(best)];
                    if (a > b || (a == b && v[k] > v[best])) best = static_cast<int>(k);
                }
                at_steps[c][static_cast<std::size_t>(j)] = best;
            }
        }
        const double events = static_cast<double>(sim.synaptic_events() - events0);
        details_.clear();
        if (!set.labels.empty() && set.size() > 0) {
            std::vector<double> steps, acc;
            for (std::size_t c = 0; c < curve_steps_.size(); ++c) {
                steps.push_back(static_cast<double>(curve_steps_[c]));
                acc.push_back(score(at_steps[c], set.labels, task_->classes()).accuracy);
            }
            details_.push_back({"steps", steps});
            details_.push_back({"accuracy_at_steps", acc});
            details_.push_back({"mlp_accuracy", {score(mlp_->predict(set), set.labels, task_->classes()).accuracy}});
            details_.push_back({"snn_synaptic_events_per_sample", {events / static_cast<double>(set.size())}});
            details_.push_back({"lambda", lambda});
        }
        return at_steps.back();
    }

private:
    /// lambda_l: the `percentile` of layer l's positive activations over the normalisation samples
    /// (the first norm_samples of the training set); 1 where a layer is never active.
    std::vector<double> scales(const std::vector<const rate::Dense<float>*>& dense) const {
        const Dataset& d = task_->train();
        const Eigen::Index n = std::min<Eigen::Index>(norm_samples_, d.size());
        std::vector<double> lambda;
        rate::Matrix<float> a = d.x.leftCols(n);
        for (const auto* l : dense) {
            rate::Matrix<float> z = l->weight * a;
            z.colwise() += l->bias.col(0);
            a = z.cwiseMax(0.0f);
            std::vector<float> pos;
            for (Eigen::Index e = 0; e < a.size(); ++e)
                if (a.data()[e] > 0) pos.push_back(a.data()[e]);
            double lam = 1;
            if (!pos.empty()) {
                const auto k = static_cast<std::size_t>(std::min<double>(static_cast<double>(pos.size() - 1), percentile_ / 100 * static_cast<double>(pos.size())));
                std::nth_element(pos.begin(), pos.begin() + static_cast<std::ptrdiff_t>(k), pos.end());
                lam = pos[k];
            }
            lambda.push_back(lam);
        }
        return lambda;
    }

    const Task* task_;
    int threads_;
    std::unique_ptr<Learner> mlp_;
    std::int64_t steps_ = 0;  // these from settings(), in the constructor
    double percentile_ = 0;
    std::int64_t norm_samples_ = 0;
    std::vector<std::int64_t> curve_steps_;
    std::vector<std::pair<std::string, std::vector<double>>> details_;
};

std::vector<ParamSpec> schema() {
    auto s = gradient_schema("converted_snn");
    const auto own = settings_schema(settings(), "converted_snn.");
    s.insert(s.end(), own.begin(), own.end());
    return s;
}

}  // namespace

LearnerInfo converted_snn_learner() {
    return {"converted_snn", "the backprop MLP converted to spiking IF neurons (data-based normalisation), run in the engine", schema,
            [](const Config& c, const LearnerSetup& s) { return std::make_unique<ConvertedSnn>(c, s); }};
}

}  // namespace plastica
