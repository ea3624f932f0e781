// hebbian_competitive — a layer of hidden units that learn by a local, unsupervised rule with
// competition between them, and a linear readout on top (Krotov & Hopfield 2019, "Unsupervised
// learning by competing hidden units", PNAS 116:7723).
//
// Rule (their eqs. 1-3, in the minibatch form of their published code): for input v and unit mu
// with weights W_mu, the unit's drive is I_mu = sum_i sign(W_mu,i) |W_mu,i|^(p-1) v_i. In each
// sample the unit with the largest drive is pushed toward the input (g = 1), the unit ranked k-th
// away from it (g = -delta, anti-Hebbian), the others do not learn (g = 0):
//     dW_mu,i = g(mu) (v_i - I_mu W_mu,i)        summed over the minibatch
// which drives every W_mu onto the unit sphere of the p-norm (the -I W term is Oja's
// normalisation generalised to p). The step is eps * dW / max|dW| (their normalisation of the
// update), eps decaying linearly from eps0 to 0 over the learner's budget.
//
// Readout: the hidden activity h_mu = max(I_mu, 0)^n computed on the input scaled to unit length
// (so h lies in [0, 1] for p = 2; n = 4.5 as in the paper) feeds a linear layer trained by
// cross-entropy with Adam on the same minibatches as the Hebbian layer, so the curve can be read
// at any point. (Krotov & Hopfield train the top layer after the first with their own loss; the
// online readout keeps one pass over the data and one learner interface.)
//
// Cost: multiply-adds per sample: hidden x features for the drive, as many for the update, and
// 3 x hidden x classes for the readout.
#include "bridges/hebbian_competitive.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/rate/dense.hpp"
#include "models/rate/loss.hpp"
#include "models/rate/serialize.hpp"
#include "models/rate/trainer.hpp"
#include "sim/random.hpp"
#include "sim/settings.hpp"

namespace plastica {

namespace {

using MatrixF = rate::Matrix<float>;

/// The learner's settings, declared once (key, default, unit, doc, bounds): schema() and the
/// constructor both read this table (sim/settings.hpp).
struct Settings {
    std::int64_t hidden, k, batch;
    double p, delta, eps, power, readout_lr;
};

const std::vector<Setting<Settings>>& settings() {
    using S = Settings;
    static const std::vector<Setting<S>> t = {
        {ParamSpec::integer("hidden", 2000, "", "hidden units").at_least(2), &S::hidden},
        {ParamSpec::number("p", 3, "", "Lebesgue norm p of the weights (2: Oja's sphere)").at_least(2), &S::p},
        {ParamSpec::integer("k", 7, "", "rank of the unit that is pushed away (anti-Hebbian); 1: none").at_least(1), &S::k},
        {ParamSpec::number("delta", 0.4, "", "strength of the anti-Hebbian push").at_least(0), &S::delta},
        {ParamSpec::number("eps", 0.02, "", "initial learning rate (decays linearly to 0 over the budget)").positive(), &S::eps},
        {ParamSpec::integer("batch", 100, "", "minibatch size").at_least(1), &S::batch},
        {ParamSpec::number("readout.power", 4.5, "", "readout features max(I, 0)^n: the power n").positive(), &S::power},
        {ParamSpec::number("readout.lr", 3e-3, "", "readout learning rate (Adam)").positive(), &S::readout_lr},
    };
    return t;
}

class HebbianCompetitive final : public Learner {
public:
    HebbianCompetitive(const Config& c, const LearnerSetup& s) : task_(s.task), budget_(s.budget) {
        const std::string where = c.origin("hebbian_competitive.hidden");
        const Settings st = read_settings(settings(), c, "hebbian_competitive.");
        hidden_ = st.hidden;
        p_ = st.p;
        k_ = st.k;
        delta_ = st.delta;
        eps0_ = st.eps;
        queue_.size = st.batch;
        power_ = st.power;
        if (k_ > hidden_) throw Error(where, "hebbian_competitive.k", std::to_string(k_), "must not exceed hidden = " + std::to_string(hidden_));
        // W ~ N(0, 1), as their code
        w_.resize(hidden_, task_->features());
        for (Eigen::Index e = 0; e < w_.size(); ++e) {
            RandomStream rng(s.seed, stream_id(StreamKind::rate_init, 0x100), static_cast<std::uint64_t>(e), 0);
            w_.data()[e] = static_cast<float>(rng.normal());
        }
        readout_ = std::make_unique<rate::Network<float>>(hidden_, std::vector<rate::LayerSpec>{{"dense", task_->classes(), "pytorch", 0}}, s.seed,
                                                          "hebbian_competitive readout");
        rate::OptimizerSpec os;
        opt_ = std::make_unique<rate::Optimizer<float>>(os, readout_->params(), "hebbian_competitive readout");
        readout_lr_ = st.readout_lr;
    }

    std::string name() const override { return "hebbian_competitive"; }

    void train(std::span<const Eigen::Index> samples) override {
        queue_.add(samples, [this](const std::vector<Eigen::Index>& batch) { step(batch); });
    }

    std::vector<int> predict(const Dataset& set) override {
        MatrixF h;
        return predict_in_blocks(set, [&](const auto& x, int* out) {
            features(x, h);
            rate::predict_classes(readout_->forward(h, rate::Mode::eval), out);
        });
    }

    LearnerCost cost() const override {
        const auto per = static_cast<std::uint64_t>(2 * w_.size() + 3 * hidden_ * task_->classes());
        return {0, per * trained_};
    }

    MatrixF receptive_fields() const override { return w_; }

    void save(H5File& f, const std::string& group) const override {
        const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> w = w_;
        f.append_rows(group + "/weights", w.data(), static_cast<std::size_t>(w.rows()), static_cast<std::size_t>(w.cols()));
        rate::save_network(f, group + "/readout", *readout_, opt_.get());
        f.attr(group, "trained", static_cast<std::int64_t>(trained_));
        queue_.save(f, group);
    }

    void load(const H5Reader& f, const std::string& group) override {
        std::vector<std::size_t> dims;
        const auto w = f.read(group + "/weights", &dims);
        if (dims.size() != 2 || static_cast<Eigen::Index>(dims[1]) != task_->features())
            throw Error(f.path(), group + "/weights", dims.size() == 2 ? std::to_string(dims[1]) : "?",
                        "the saved layer does not match the task's " + std::to_string(task_->features()) + " input features");
        if (static_cast<Eigen::Index>(dims[0]) != hidden_)
            throw Error(f.path(), "hebbian_competitive.hidden", std::to_string(dims[0]), "the saved layer has another number of units");
        for (Eigen::Index r = 0; r < w_.rows(); ++r)
            for (Eigen::Index c = 0; c < w_.cols(); ++c) w_(r, c) = static_cast<float>(w[static_cast<std::size_t>(r * w_.cols() + c)]);
        auto loaded = rate::load_network<float>(f.path(), group + "/readout");
        readout_ = std::move(loaded.net);
        opt_ = std::move(loaded.opt);
        trained_ = static_cast<std::uint64_t>(f.attr_int(group, "trained"));
        queue_.load(f, group);
    }

private:
    /// sign(W) |W|^(p-1), the weights through which the drive is computed.
    MatrixF drive_weights() const {
        if (p_ == 2) return w_;
        return w_.unaryExpr([this](float x) { return std::copysign(std::pow(std::fabs(x), static_cast<float>(p_ - 1)), x); });
    }

    /// Readout features of the columns of x: max(I, 0)^n on unit-length inputs.
    void features(const Eigen::Ref<const MatrixF>& x, MatrixF& h) const {
        MatrixF xn = x;
        for (Eigen::Index j = 0; j < xn.cols(); ++j) {
            const float n = xn.col(j).norm();
            if (n > 0) xn.col(j) /= n;
        }
        h.noalias() = drive_weights() * xn;
        const auto pw = static_cast<float>(power_);
        h = h.unaryExpr([pw](float v) { return v > 0 ? std::pow(v, pw) : 0.0f; });
    }

    void step(const std::vector<Eigen::Index>& batch) {
        const Dataset& d = task_->train();
        const auto m = static_cast<Eigen::Index>(batch.size());
        MatrixF v(d.features(), m);
        std::vector<int> labels(batch.size());
        for (Eigen::Index j = 0; j < m; ++j) {
            v.col(j) = d.x.col(batch[static_cast<std::size_t>(j)]);
            labels[static_cast<std::size_t>(j)] = d.labels[static_cast<std::size_t>(batch[static_cast<std::size_t>(j)])];
        }
        // Hebbian layer: drives, ranks, g, update (Krotov & Hopfield's code, eqs. 1-3)
        const MatrixF drive = drive_weights() * v;  // hidden x m
        MatrixF g = MatrixF::Zero(hidden_, m);
        std::vector<Eigen::Index> rank(static_cast<std::size_t>(hidden_));
        for (Eigen::Index j = 0; j < m; ++j) {
            std::iota(rank.begin(), rank.end(), Eigen::Index{0});
            // the k largest drives, largest first; ties broken by unit index (deterministic)
            std::partial_sort(rank.begin(), rank.begin() + k_, rank.end(), [&](Eigen::Index a, Eigen::Index b) {
                return drive(a, j) != drive(b, j) ? drive(a, j) > drive(b, j) : a < b;
            });
            g(rank[0], j) = 1.0f;
            if (k_ > 1) g(rank[static_cast<std::size_t>(k_ - 1)], j) = static_cast<float>(-delta_);
        }
        const Eigen::VectorXf xx = (g.array() * drive.array()).rowwise().sum();
        MatrixF ds = g * v.transpose();
        ds -= xx.asDiagonal() * w_;
        const float nc = std::max(ds.cwiseAbs().maxCoeff(), 1e-30f);
        const double progress = budget_ > 0 ? std::min(1.0, static_cast<double>(trained_) / static_cast<double>(budget_)) : 0.0;
        w_ += static_cast<float>(eps0_ * (1 - progress)) * ds / nc;
        // readout: one Adam step on the same samples' features
        MatrixF h, grad;
        features(v, h);
        const double loss = rate::train_step(*readout_, *opt_, rate::LossKind::cross_entropy, h, labels, readout_lr_, grad);
        if (!std::isfinite(loss)) throw Error("hebbian_competitive", "readout loss", to_text(loss), "diverged (lower hebbian_competitive.readout.lr)");
        trained_ += static_cast<std::uint64_t>(m);
    }

    const Task* task_;
    std::int64_t budget_;
    Eigen::Index hidden_ = 0;  // these from settings(), in the constructor
    double p_ = 0, delta_ = 0, eps0_ = 0, power_ = 0, readout_lr_ = 0;
    std::int64_t k_ = 0;
    MinibatchQueue queue_;
    MatrixF w_;
    std::unique_ptr<rate::Network<float>> readout_;
    std::unique_ptr<rate::Optimizer<float>> opt_;
    std::uint64_t trained_ = 0;
};

std::vector<ParamSpec> schema() { return settings_schema(settings(), "hebbian_competitive."); }

}  // namespace

LearnerInfo hebbian_competitive_learner() {
    return {"hebbian_competitive", "competing hidden units, local unsupervised rule, linear readout (Krotov & Hopfield 2019)", schema,
            [](const Config& c, const LearnerSetup& s) { return std::make_unique<HebbianCompetitive>(c, s); }};
}

}  // namespace plastica
