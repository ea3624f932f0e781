// Tasks and the metric: the bars problem's construction, scaling to [0, 1], Fashion-MNIST
// subsets, the score's accuracy, per-class accuracy and confusion matrix, and bad input.
#include <catch2/catch.hpp>
#include <cmath>

#include "bridges/task.hpp"

using namespace plastica;

TEST_CASE("bars: single bars in the test set, each bar on with probability 1/n in training", "[bridges][task]") {
    const DataSplits d = bars_task(8, 4000, 3);
    REQUIRE(d.test.size() == 16);
    REQUIRE(d.train.features() == 64);
    for (Eigen::Index b = 0; b < 16; ++b) {
        CHECK(d.test.x.col(b).sum() == 8);  // one bar of 8 pixels
        CHECK(d.test.labels[static_cast<std::size_t>(b)] == b);
    }
    CHECK(d.test.x(0 * 8 + 5, 0) == 1);  // bar 0 is row 0
    CHECK(d.test.x(5 * 8 + 0, 8) == 1);  // bar 8 is column 0
    // pixel (r, c) is off only when row r and column c are both off: P(on) = 1 - (7/8)^2
    const double on = d.train.x.cast<double>().mean(), p = 1 - std::pow(7.0 / 8.0, 2);
    const double sd = std::sqrt(p * (1 - p) / (64.0 * 4000.0)) * 8;  // pixels of one image are correlated
    CHECK(std::fabs(on - p) < 4 * sd);
    CHECK(bars_task(8, 10, 3).train.x == bars_task(8, 10, 3).train.x);
    CHECK_FALSE(bars_task(8, 10, 4).train.x == bars_task(8, 10, 3).train.x);
}

TEST_CASE("make_task: every task's features lie in [0, 1], sizes as asked", "[bridges][task]") {
    TaskOptions o;
    o.train_samples = 500;
    o.test_samples = 100;
    for (const std::string name : {"xor", "clusters", "bars", "fashion_mnist"}) {
        INFO(name);
        const Task t = make_task(name, o);
        CHECK(t.train().x.minCoeff() >= 0);
        CHECK(t.train().x.maxCoeff() <= 1);
        CHECK(t.test().x.minCoeff() >= 0);
        CHECK(t.test().x.maxCoeff() <= 1);
        CHECK(t.supervised == (name != "bars"));
        if (name == "fashion_mnist") {
            CHECK(t.train().size() == 500);
            CHECK(t.test().size() == 100);
            CHECK(t.features() == 784);
            CHECK(t.classes() == 10);
            CHECK(t.train().x.maxCoeff() == 1.0f);  // 255 / 255
        }
    }
}

TEST_CASE("make_task: unknown names and half-given files are errors naming the key", "[bridges][task][errors]") {
    CHECK_THROWS_WITH(make_task("cifar", {}), Catch::Contains("task") && Catch::Contains("cifar") && Catch::Contains("fashion_mnist"));
    TaskOptions o;
    o.train_images = "/nonexistent";
    CHECK_THROWS_WITH(make_task("idx", o), Catch::Contains("train_images"));
    o = {};
    o.data_dir = "/nonexistent";
    CHECK_THROWS_WITH(make_task("fashion_mnist", o), Catch::Contains("/nonexistent"));
}

TEST_CASE("score: accuracy, per-class accuracy and confusion matrix by hand", "[bridges][task]") {
    const std::vector<int> labels = {0, 0, 1, 1, 1, 2}, predicted = {0, 1, 1, 1, -1, 0};
    const Score s = score(predicted, labels, 4);
    CHECK(s.accuracy == Approx(3.0 / 6.0));
    CHECK(s.per_class[0] == Approx(0.5));
    CHECK(s.per_class[1] == Approx(2.0 / 3.0));
    CHECK(s.per_class[2] == 0);
    CHECK(std::isnan(s.per_class[3]));
    CHECK(s.confusion(0, 0) == 1);
    CHECK(s.confusion(0, 1) == 1);
    CHECK(s.confusion(1, 1) == 2);
    CHECK(s.confusion(2, 0) == 1);
    CHECK(s.confusion.sum() == 5);  // the unanswered sample is outside the matrix
    CHECK_THROWS_WITH(score({0}, labels, 4), Catch::Contains("predictions"));
    CHECK_THROWS_WITH(score({0, 0, 0, 0, 0, 7}, labels, 4), Catch::Contains("prediction") && Catch::Contains("7"));
}

TEST_CASE("class_subset: keeps the named classes, relabelled in order, with their names", "[bridges][task]") {
    TaskOptions o;
    o.class_subset = {9, 1};
    const Task t = make_task("fashion_mnist", o);
    CHECK(t.classes() == 2);
    CHECK(t.train().size() == 12000);  // 6,000 per class
    CHECK(t.test().size() == 2000);
    CHECK(t.train().class_names == std::vector<std::string>{"Ankle boot", "Trouser"});
    const Task all = make_task("fashion_mnist", {});
    std::size_t k = 0;
    for (Eigen::Index j = 0; j < all.train().size() && k < 50; ++j) {
        const int l = all.train().labels[static_cast<std::size_t>(j)];
        if (l != 9 && l != 1) continue;
        CHECK(t.train().labels[k] == (l == 9 ? 0 : 1));
        CHECK(t.train().x.col(static_cast<Eigen::Index>(k)) == all.train().x.col(j));
        ++k;
    }
    o.class_subset = {0, 10};
    CHECK_THROWS_WITH(make_task("fashion_mnist", o), Catch::Contains("class_subset") && Catch::Contains("10"));
}
