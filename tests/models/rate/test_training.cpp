// Training end to end on the synthetic tasks, and reproducibility from the seed.
#include <catch2/catch.hpp>
#include <tbb/task_arena.h>

#include "bridges/synthetic.hpp"
#include "models/rate/trainer.hpp"

using namespace plastica;
using namespace rate;

namespace {
template <class T>
TrainResult fit(Network<T>& net, const DataSplits& d, const OptimizerSpec& os, TrainOptions o) {
    Optimizer<T> opt(os, net.params());
    return train(net, opt, o, d.train.view(), std::nullopt, d.test.view());
}
}  // namespace

TEST_CASE("XOR: a 2-4-1 network reaches 100% accuracy", "[rate][training]") {
    const DataSplits d = xor_task();
    Network<double> net(2, mlp_specs({4}, "tanh", 1, "sigmoid", 0, "xavier_uniform"), 1);
    OptimizerSpec os;
    os.kind = "sgd";
    os.momentum = 0.9;
    TrainOptions o;
    o.epochs = 2000;
    o.batch = 4;
    o.loss = LossKind::mse;
    o.schedule.lr = 0.5;
    const auto r = fit(net, d, os, o);
    CHECK(r.epochs.back().test_accuracy == 1.0);
    CHECK(r.epochs.back().train_loss < 0.01);
    CHECK(r.epochs.front().train_loss > 0.1);  // it learned: chance level starts near 0.25
}

TEST_CASE("two spirals: above 95% test accuracy", "[rate][training]") {
    const DataSplits d = two_spirals(2000, 1000, 1.5, 0.0, 3);
    Network<float> net(2, mlp_specs({64, 64}, "relu", 2, "none", 0, "he_uniform"), 2);
    TrainOptions o;
    o.epochs = 150;
    o.batch = 32;
    o.schedule.lr = 3e-3;
    const auto r = fit(net, d, OptimizerSpec{}, o);
    INFO("test accuracy " << r.epochs.back().test_accuracy);
    CHECK(r.epochs.back().test_accuracy > 0.95);
}

TEST_CASE("Gaussian clusters: above 95%, and early stopping restores the best epoch", "[rate][training]") {
    DataSplits d = gaussian_clusters(1500, 500, 4, 5, 0.2, 7);
    split_validation(d, 0.2, 7);
    CHECK(d.train.size() == 1200);
    CHECK(d.validation.size() == 300);
    Network<float> net(5, mlp_specs({16}, "relu", 4, "none", 0, "he_uniform"), 4);
    Optimizer<float> opt(OptimizerSpec{}, net.params());
    TrainOptions o;
    o.classes = 4;
    o.epochs = 400;
    o.schedule.lr = 0.05;  // large enough to overfit noisily, so the validation loss turns up
    o.patience = 5;
    const auto r = train(net, opt, o, d.train.view(), d.validation.view(), d.test.view());
    CHECK(r.stopped_early);
    CHECK(r.epochs.size() < 400);
    const Evaluation val = evaluate(net, o.loss, d.validation.view(), 4);
    CHECK(val.loss == Approx(r.epochs[static_cast<std::size_t>(r.best_epoch)].val_loss).epsilon(1e-6));
    CHECK(evaluate(net, o.loss, d.test.view(), 4).accuracy > 0.95);
}

TEST_CASE("same seed, same weights at 1 and 2 threads, another seed differs", "[rate][training][determinism]") {
    const DataSplits d = gaussian_clusters(600, 100, 3, 300, 1.0, 9);  // 300 features: several row blocks
    auto run = [&](int threads, std::uint32_t seed) {
        tbb::task_arena arena(threads);
        Network<float> net(300, mlp_specs({200, 70}, "relu", 3, "none", 0.2, "he_uniform"), seed);
        arena.execute([&] {
            Optimizer<float> opt(OptimizerSpec{}, net.params());
            TrainOptions o;
            o.classes = 3;
            o.epochs = 2;
            o.seed = seed;
            train(net, opt, o, d.train.view(), std::nullopt, std::nullopt);
        });
        std::vector<Matrix<float>> w;
        for (auto& p : net.params()) w.push_back(*p.value);
        return w;
    };
    const auto a = run(1, 5), b = run(2, 5), c = run(1, 6);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i] == b[i]);
    CHECK(a[0] != c[0]);
}
