// The gradient-trained learners: a multilayer perceptron trained by backpropagation, and the same
// network trained by feedback alignment (Lillicrap et al. 2016, Nat. Commun. 7:13276), where each
// layer above the first sends its error down through a fixed random matrix B (drawn once, like
// the forward weights, U(-1/sqrt(in), 1/sqrt(in))) instead of the transpose of its weights. The
// weights' own gradients (dy x^T) are the same in both, so the difference between the two learners
// is only how the hidden layers learn of the error.
//
// Both take mini-batches from the harness's sample order (a last partial batch waits for the next
// piece, so the batches are the same however the order is cut), one optimizer step each.
// Cost: multiply-adds, 3 per weight per training sample (forward, the weight gradient and the
// error sent down), the usual count for a dense network.
#include "bridges/gradient_learners.hpp"

#include <cmath>

#include "models/rate/dense.hpp"
#include "models/rate/serialize.hpp"
#include "models/rate/trainer.hpp"
#include "sim/random.hpp"
#include "sim/settings.hpp"

namespace plastica {

namespace {

/// The MLP's settings, declared once (sim/settings.hpp): gradient_schema() and the constructor
/// read this table, under the learner's own prefix (backprop., feedback_alignment., converted_snn.).
struct Settings {
    std::string hidden, activation, optimizer;
    double lr;
    std::int64_t batch;
};

const std::vector<Setting<Settings>>& settings() {
    using S = Settings;
    static const std::vector<Setting<S>> t = {
        {ParamSpec::text("hidden", "256", {}, "hidden layer sizes, comma-separated"), &S::hidden},
        {ParamSpec::text("activation", "relu", {"relu", "tanh", "sigmoid"}, "hidden-layer activation"), &S::activation},
        {ParamSpec::text("optimizer", "adam", {"sgd", "rmsprop", "adam"}, "optimizer"), &S::optimizer},
        {ParamSpec::number("lr", 1e-3, "", "learning rate").positive(), &S::lr},
        {ParamSpec::integer("batch", 64, "", "mini-batch size").at_least(1), &S::batch},
    };
    return t;
}

class GradientLearner final : public Learner {
public:
    GradientLearner(std::string name, const Config& c, const LearnerSetup& s, bool feedback_alignment)
        : name_(std::move(name)), task_(s.task), fa_(feedback_alignment) {
        const std::string where = c.origin(key("hidden"));
        if (!task_->supervised) throw Error(where, "task", task_->name, name_ + " needs labelled training samples");
        const auto K = task_->classes();
        const Settings st = read_settings(settings(), c, name_ + ".");
        net_ = std::make_unique<rate::Network<float>>(
            task_->features(), rate::mlp_specs(rate::parse_hidden(st.hidden, where), st.activation, K, "none", 0, "pytorch"), s.seed, name_);
        rate::OptimizerSpec os;
        os.kind = st.optimizer;
        opt_ = std::make_unique<rate::Optimizer<float>>(os, net_->params(), name_);
        lr_ = st.lr;
        queue_.size = st.batch;
        if (fa_) draw_feedback(s.seed);
    }

    std::string name() const override { return name_; }
    rate::Network<float>& network() { return *net_; }

    void train(std::span<const Eigen::Index> samples) override {
        queue_.add(samples, [this](const std::vector<Eigen::Index>& batch) { step(batch); });
    }

    std::vector<int> predict(const Dataset& set) override {
        // a partial batch still waiting is not trained on: predictions after the same number of
        // samples are the same however the order was cut
        return predict_in_blocks(set, [this](const auto& x, int* out) {
            xb_ = x;
            rate::predict_classes(net_->forward(xb_, rate::Mode::eval), out);
        });
    }

    LearnerCost cost() const override { return {0, 3 * net_->forward_multiply_adds() * trained_}; }

    rate::Matrix<float> receptive_fields() const override {
        return static_cast<const rate::Dense<float>&>(net_->layer(0)).weight;
    }

    void save(H5File& f, const std::string& group) const override {
        rate::save_network(f, group + "/network", *net_, opt_.get());
        f.attr(group, "trained", static_cast<std::int64_t>(trained_));
        queue_.save(f, group);
        if (fa_)
            for (std::size_t i = 0; i < net_->layer_count(); ++i)
                if (auto* dl = dynamic_cast<rate::Dense<float>*>(&net_->layer(i)); dl && dl->feedback.size()) {
                    std::string path = group + "/feedback/";
                    path += std::to_string(i);
                    f.append_rows(path, dl->feedback.data(), static_cast<std::size_t>(dl->feedback.cols()), static_cast<std::size_t>(dl->feedback.rows()));
                }
    }

    void load(const H5Reader& f, const std::string& group) override {
        auto loaded = rate::load_network<float>(f.path(), group + "/network");
        if (loaded.net->inputs() != task_->features())
            throw Error(f.path(), "inputs", std::to_string(loaded.net->inputs()),
                        "the saved network does not match the task's " + std::to_string(task_->features()) + " input features");
        if (!loaded.opt) throw Error(f.path(), group + "/network/optimizer", "missing", "cannot resume training without the optimizer state");
        // the feedback matrices are a function of the seed; keep ours and check them against the file
        std::vector<rate::Matrix<float>> feedback;
        for (std::size_t i = 0; i < net_->layer_count(); ++i)
            if (auto* dl = dynamic_cast<rate::Dense<float>*>(&net_->layer(i))) feedback.push_back(dl->feedback);
        net_ = std::move(loaded.net);
        opt_ = std::move(loaded.opt);
        std::size_t k = 0;
        for (std::size_t i = 0; i < net_->layer_count(); ++i)
            if (auto* dl = dynamic_cast<rate::Dense<float>*>(&net_->layer(i))) {
                dl->feedback = feedback[k++];
                if (dl->feedback.size()) {
                    std::string path = group + "/feedback/";
                    path += std::to_string(i);
                    const auto v = f.read(path);
                    for (Eigen::Index e = 0; e < dl->feedback.size(); ++e)
                        if (static_cast<float>(v[static_cast<std::size_t>(e)]) != dl->feedback.data()[e])
                            throw Error(f.path(), path, "", "feedback matrices differ from this seed's: resume with the seed of the saved run");
                }
            }
        trained_ = static_cast<std::uint64_t>(f.attr_int(group, "trained"));
        queue_.load(f, group);
    }

private:
    std::string key(const char* k) const { return name_ + "." + k; }

    void draw_feedback(std::uint32_t seed) {
        // every dense layer but the first sends an error down
        bool first = true;
        for (std::size_t i = 0; i < net_->layer_count(); ++i) {
            auto* dl = dynamic_cast<rate::Dense<float>*>(&net_->layer(i));
            if (!dl) continue;
            if (first) {
                first = false;
                continue;
            }
            const double a = 1.0 / std::sqrt(static_cast<double>(dl->weight.cols()));
            dl->feedback.resize(dl->weight.rows(), dl->weight.cols());
            for (Eigen::Index e = 0; e < dl->feedback.size(); ++e) {
                RandomStream rng(seed, stream_id(StreamKind::feedback, static_cast<std::uint32_t>(i)), static_cast<std::uint64_t>(e), 0);
                dl->feedback.data()[e] = static_cast<float>(a * (2 * rng.uniform() - 1));
            }
        }
    }

    void step(const std::vector<Eigen::Index>& batch) {
        const Dataset& d = task_->train();
        const auto m = static_cast<Eigen::Index>(batch.size());
        xb_.resize(d.features(), m);
        lb_.resize(batch.size());
        for (Eigen::Index j = 0; j < m; ++j) {
            xb_.col(j) = d.x.col(batch[static_cast<std::size_t>(j)]);
            lb_[static_cast<std::size_t>(j)] = d.labels[static_cast<std::size_t>(batch[static_cast<std::size_t>(j)])];
        }
        const double loss = rate::train_step(*net_, *opt_, rate::LossKind::cross_entropy, xb_, lb_, lr_, grad_);
        if (!std::isfinite(loss)) throw Error(name_, "loss", to_text(loss), "diverged (lower " + key("lr") + ")");
        trained_ += static_cast<std::uint64_t>(m);
    }

    std::string name_;
    const Task* task_;
    bool fa_;
    std::unique_ptr<rate::Network<float>> net_;
    std::unique_ptr<rate::Optimizer<float>> opt_;
    double lr_ = 1e-3;
    MinibatchQueue queue_;
    std::uint64_t trained_ = 0;
    rate::Matrix<float> xb_, grad_;
    std::vector<int> lb_;
};

}  // namespace

std::vector<ParamSpec> gradient_schema(const std::string& n) { return settings_schema(settings(), n + "."); }

std::unique_ptr<Learner> make_gradient_learner(const std::string& name, const Config& c, const LearnerSetup& s, bool feedback_alignment) {
    return std::make_unique<GradientLearner>(name, c, s, feedback_alignment);
}

rate::Network<float>& gradient_network(Learner& l) { return dynamic_cast<GradientLearner&>(l).network(); }

LearnerInfo backprop_learner() {
    return {"backprop", "multilayer perceptron trained by backpropagation (rate network, Adam)", [] { return gradient_schema("backprop"); },
            [](const Config& c, const LearnerSetup& s) { return make_gradient_learner("backprop", c, s, false); }};
}

LearnerInfo feedback_alignment_learner() {
    return {"feedback_alignment", "the same perceptron, errors sent down through fixed random matrices (Lillicrap et al. 2016)",
            [] { return gradient_schema("feedback_alignment"); },
            [](const Config& c, const LearnerSetup& s) { return make_gradient_learner("feedback_alignment", c, s, true); }};
}

}  // namespace plastica
