#include "models/rate/trainer.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/error.hpp"
#include "sim/random.hpp"

namespace plastica::rate {

std::vector<Eigen::Index> random_permutation(Eigen::Index n, std::uint32_t seed, std::uint32_t stream, std::uint64_t id) {
    std::vector<Eigen::Index> p(static_cast<std::size_t>(n));
    std::iota(p.begin(), p.end(), Eigen::Index{0});
    RandomStream rng(seed, stream, id, 0);
    for (Eigen::Index i = n - 1; i > 0; --i) std::swap(p[i], p[rng.below(static_cast<std::uint32_t>(i + 1))]);
    return p;
}

namespace {

void check_set(SampleView s, const char* name, Eigen::Index inputs, int classes) {
    if (!s.x || !s.labels) throw Error("training", name, "", "missing samples");
    if (static_cast<std::size_t>(s.x->cols()) != s.labels->size())
        throw Error("training", name, std::to_string(s.x->cols()) + " samples", std::to_string(s.labels->size()) + " labels");
    if (s.x->rows() != inputs)
        throw Error("training", name, std::to_string(s.x->rows()) + " features", "the network has " + std::to_string(inputs) + " inputs");
    for (int l : *s.labels)
        if (l < 0 || l >= classes) throw Error("training", std::string(name) + " label", std::to_string(l), "outside [0, " + std::to_string(classes) + ")");
}

}  // namespace

template <class T>
Evaluation evaluate(Network<T>& net, LossKind loss, SampleView set, int classes, Eigen::Index chunk) {
    Evaluation ev;
    const Eigen::Index n = set.size();
    ev.confusion = Eigen::MatrixXi::Zero(classes, classes);
    ev.predictions.resize(static_cast<std::size_t>(n));
    Matrix<T> xb;
    double total = 0;
    for (Eigen::Index c0 = 0; c0 < n; c0 += chunk) {
        const Eigen::Index m = std::min(chunk, n - c0);
        xb = set.x->middleCols(c0, m).template cast<T>();
        const Matrix<T>& y = net.forward(xb, Mode::eval);
        const int* lab = set.labels->data() + c0;
        total += loss_value(loss, y, lab) * static_cast<double>(m);
        predict_classes(y, ev.predictions.data() + c0);
        for (Eigen::Index b = 0; b < m; ++b) ++ev.confusion(lab[b], ev.predictions[static_cast<std::size_t>(c0 + b)]);
    }
    ev.loss = n ? total / static_cast<double>(n) : 0;
    ev.accuracy = n ? static_cast<double>(ev.confusion.trace()) / static_cast<double>(n) : 0;
    return ev;
}

template <class T>
double train_step(Network<T>& net, Optimizer<T>& opt, LossKind loss, const Matrix<T>& xb, const std::vector<int>& lb, double lr,
                  Matrix<T>& grad, std::int64_t* correct) {
    const Matrix<T>& y = net.forward(xb, Mode::train);
    const double l = loss_and_gradient(loss, y, lb.data(), grad);
    if (correct) {
        std::vector<int> pred(lb.size());
        predict_classes(y, pred.data());
        for (std::size_t j = 0; j < lb.size(); ++j) *correct += pred[j] == lb[j];
    }
    net.backward(grad);
    opt.step(net.params(), lr);
    return l;
}

template <class T>
TrainResult train(Network<T>& net, Optimizer<T>& opt, const TrainOptions& o, SampleView tr, std::optional<SampleView> val,
                  std::optional<SampleView> test, const std::function<void(const EpochRecord&)>& on_epoch) {
    check_set(tr, "training set", net.inputs(), o.classes);
    if (val) check_set(*val, "validation set", net.inputs(), o.classes);
    if (test) check_set(*test, "test set", net.inputs(), o.classes);
    if (o.batch < 1) throw Error("training", "batch", std::to_string(o.batch), "must be at least 1");
    if (o.patience > 0 && !val) throw Error("training", "patience", std::to_string(o.patience), "early stopping needs a validation set");
    const auto params = net.params();
    const Eigen::Index n = tr.size();
    const double nan = std::numeric_limits<double>::quiet_NaN();

    TrainResult res;
    double best = std::numeric_limits<double>::infinity();
    std::int64_t since_best = 0;
    std::vector<Matrix<T>> best_weights;
    Matrix<T> xb, grad;
    std::vector<int> lb;
    for (std::int64_t e = 0; e < o.epochs; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        EpochRecord r;
        r.epoch = e;
        r.lr = o.schedule.at(e);
        const auto order = epoch_order(n, o.seed, e);
        double loss_sum = 0;
        std::int64_t correct = 0;
        for (Eigen::Index b0 = 0; b0 < n; b0 += o.batch) {
            const Eigen::Index m = std::min(o.batch, n - b0);
            xb.resize(net.inputs(), m);
            lb.resize(static_cast<std::size_t>(m));
            for (Eigen::Index j = 0; j < m; ++j) {
                const Eigen::Index s = order[static_cast<std::size_t>(b0 + j)];
                xb.col(j) = tr.x->col(s).template cast<T>();
                lb[static_cast<std::size_t>(j)] = (*tr.labels)[static_cast<std::size_t>(s)];
            }
            loss_sum += train_step(net, opt, o.loss, xb, lb, r.lr, grad, &correct) * static_cast<double>(m);
        }
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        r.train_loss = loss_sum / static_cast<double>(n);
        if (!std::isfinite(r.train_loss))
            throw Error("training", "epoch " + std::to_string(e) + " loss", to_text(r.train_loss), "diverged (lower the learning rate)");
        r.train_accuracy = static_cast<double>(correct) / static_cast<double>(n);
        r.val_loss = r.val_accuracy = r.test_loss = r.test_accuracy = nan;
        if (val) {
            const Evaluation ev = evaluate(net, o.loss, *val, o.classes);
            r.val_loss = ev.loss;
            r.val_accuracy = ev.accuracy;
        }
        if (test) {
            const Evaluation ev = evaluate(net, o.loss, *test, o.classes);
            r.test_loss = ev.loss;
            r.test_accuracy = ev.accuracy;
        }
        res.epochs.push_back(r);
        if (on_epoch) on_epoch(r);
        if (o.patience > 0) {
            if (r.val_loss < best - o.min_delta) {
                best = r.val_loss;
                res.best_epoch = e;
                since_best = 0;
                best_weights.clear();
                for (const auto& p : params) best_weights.push_back(*p.value);
            } else if (++since_best >= o.patience) {
                res.stopped_early = true;
                break;
            }
        }
    }
    if (res.stopped_early)
        for (std::size_t i = 0; i < params.size(); ++i) *params[i].value = best_weights[i];
    return res;
}

template Evaluation evaluate<float>(Network<float>&, LossKind, SampleView, int, Eigen::Index);
template Evaluation evaluate<double>(Network<double>&, LossKind, SampleView, int, Eigen::Index);
template double train_step<float>(Network<float>&, Optimizer<float>&, LossKind, const Matrix<float>&, const std::vector<int>&, double,
                                  Matrix<float>&, std::int64_t*);
template double train_step<double>(Network<double>&, Optimizer<double>&, LossKind, const Matrix<double>&, const std::vector<int>&,
                                   double, Matrix<double>&, std::int64_t*);
template TrainResult train<float>(Network<float>&, Optimizer<float>&, const TrainOptions&, SampleView, std::optional<SampleView>,
                                  std::optional<SampleView>, const std::function<void(const EpochRecord&)>&);
template TrainResult train<double>(Network<double>&, Optimizer<double>&, const TrainOptions&, SampleView, std::optional<SampleView>,
                                   std::optional<SampleView>, const std::function<void(const EpochRecord&)>&);

}  // namespace plastica::rate
