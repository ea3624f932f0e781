#include "bridges/decoders.hpp"

#include <cmath>

#include "models/rate/loss.hpp"
#include "models/rate/network.hpp"
#include "models/rate/optimizer.hpp"
#include "models/rate/trainer.hpp"
#include "sim/check.hpp"

namespace plastica {

std::vector<int> spike_count_readout(const rate::Matrix<float>& counts) {
    std::vector<int> out(static_cast<std::size_t>(counts.cols()), -1);
    for (Eigen::Index j = 0; j < counts.cols(); ++j) {
        float best = 0;
        for (Eigen::Index k = 0; k < counts.rows(); ++k)
            if (counts(k, j) > best) best = counts(k, j), out[static_cast<std::size_t>(j)] = static_cast<int>(k);
    }
    return out;
}

void LabelAssignment::fit(const rate::Matrix<float>& counts, const std::vector<int>& labels, int classes) {
    classes_ = classes;
    Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(counts.rows(), classes);
    std::vector<double> seen(static_cast<std::size_t>(classes), 0);
    for (Eigen::Index j = 0; j < counts.cols(); ++j) {
        const int c = labels[static_cast<std::size_t>(j)];
        if (c < 0) continue;
        seen[static_cast<std::size_t>(c)] += 1;
        sum.col(c) += counts.col(j).cast<double>();
    }
    assignment_.assign(static_cast<std::size_t>(counts.rows()), -1);
    for (Eigen::Index i = 0; i < counts.rows(); ++i) {
        double best = 0;
        for (int c = 0; c < classes; ++c) {
            if (!seen[static_cast<std::size_t>(c)]) continue;
            const double m = sum(i, c) / seen[static_cast<std::size_t>(c)];
            if (m > best) best = m, assignment_[static_cast<std::size_t>(i)] = c;
        }
    }
}

std::vector<int> LabelAssignment::predict(const rate::Matrix<float>& counts) const {
    std::vector<int> members(static_cast<std::size_t>(classes_), 0);
    for (int a : assignment_)
        if (a >= 0) ++members[static_cast<std::size_t>(a)];
    std::vector<int> out(static_cast<std::size_t>(counts.cols()), -1);
    std::vector<double> mean(static_cast<std::size_t>(classes_));
    for (Eigen::Index j = 0; j < counts.cols(); ++j) {
        std::fill(mean.begin(), mean.end(), 0.0);
        for (std::size_t i = 0; i < assignment_.size(); ++i)
            if (assignment_[i] >= 0) mean[static_cast<std::size_t>(assignment_[i])] += counts(static_cast<Eigen::Index>(i), j);
        double best_v = 0;
        for (int c = 0; c < classes_; ++c) {
            if (!members[static_cast<std::size_t>(c)]) continue;
            const double m = mean[static_cast<std::size_t>(c)] / members[static_cast<std::size_t>(c)];
            if (out[static_cast<std::size_t>(j)] < 0 || m > best_v) out[static_cast<std::size_t>(j)] = c, best_v = m;
        }
    }
    return out;
}

LinearReadout::LinearReadout() = default;
LinearReadout::~LinearReadout() = default;

rate::Matrix<float> LinearReadout::standardised(const rate::Matrix<float>& counts) const {
    return (inv_sd_.asDiagonal() * (counts.colwise() - mean_)).eval();
}

double LinearReadout::fit(const rate::Matrix<float>& counts, const std::vector<int>& labels, int classes, const Options& o) {
    // the labelled samples only
    std::vector<Eigen::Index> keep;
    for (Eigen::Index j = 0; j < counts.cols(); ++j)
        if (labels[static_cast<std::size_t>(j)] >= 0) keep.push_back(j);
    if (keep.empty()) throw Error("linear readout", "samples", "0", "needs labelled samples to fit");
    rate::Matrix<float> x(counts.rows(), static_cast<Eigen::Index>(keep.size()));
    std::vector<int> y(keep.size());
    for (std::size_t q = 0; q < keep.size(); ++q) {
        x.col(static_cast<Eigen::Index>(q)) = counts.col(keep[q]);
        y[q] = labels[static_cast<std::size_t>(keep[q])];
    }
    mean_ = x.rowwise().mean();
    inv_sd_.resize(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double sd = std::sqrt((x.row(i).array() - mean_(i)).square().mean());
        inv_sd_(i) = sd > 0 ? static_cast<float>(1 / sd) : 1.0f;  // a silent neuron stays 0
    }
    x = standardised(x);
    net_ = std::make_unique<rate::Network<float>>(x.rows(), std::vector<rate::LayerSpec>{{"dense", classes, "pytorch", 0}}, o.seed, "linear readout");
    rate::Optimizer<float> opt(rate::OptimizerSpec{}, net_->params(), "linear readout");
    rate::TrainOptions t;
    t.epochs = o.epochs;
    t.seed = o.seed;
    t.classes = classes;
    t.schedule.lr = o.lr;
    const auto r = rate::train(*net_, opt, t, rate::SampleView{&x, &y}, std::nullopt, std::nullopt);
    return r.epochs.empty() ? 0.0 : r.epochs.back().train_accuracy;
}

std::vector<int> LinearReadout::predict(const rate::Matrix<float>& counts) const {
    if (!net_) throw Error("linear readout", "predict", "", "called before fit");
    std::vector<int> out(static_cast<std::size_t>(counts.cols()));
    rate::predict_classes(net_->forward(standardised(counts), rate::Mode::eval), out.data());
    return out;
}

}  // namespace plastica
