// The Hebbian competitive learner (Krotov & Hopfield 2019): one minibatch update equals the rule
// written out in plain loops; learned weights settle on the unit sphere of the p-norm (the rule's
// fixed point); with its readout it separates Gaussian clusters.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "bridges/comparison.hpp"
#include "bridges/learner.hpp"
#include "learner_tasks.hpp"

using namespace plastica;

namespace {


std::unique_ptr<Learner> make(const Task& t, std::vector<std::string> sets, std::int64_t budget) {
    const auto& info = find_learner("hebbian_competitive", "test");
    Config c(info.schema(), "test");
    for (const auto& s : sets) c.set(s);
    return info.make(c, {&t, 3, 1, budget});
}

}  // namespace

TEST_CASE("hebbian_competitive: one minibatch equals the rule written out (p = 3, k = 2)", "[bridges][learners]") {
    const Task t = test::clusters_task();
    const std::int64_t budget = 1000;
    auto l = make(t, {"hebbian_competitive.hidden=5", "hebbian_competitive.k=2", "hebbian_competitive.p=3", "hebbian_competitive.batch=4",
                      "hebbian_competitive.eps=0.05"}, budget);
    const Eigen::MatrixXd w0 = l->receptive_fields().cast<double>();
    const std::vector<Eigen::Index> batch = {3, 17, 250, 999};
    l->train(batch);
    const Eigen::MatrixXd w1 = l->receptive_fields().cast<double>();
    // the rule, from the paper's equations
    Eigen::MatrixXd ds = Eigen::MatrixXd::Zero(5, 10);
    for (Eigen::Index s : batch) {
        Eigen::VectorXd v = t.train().x.col(s).cast<double>(), drive(5);
        for (int mu = 0; mu < 5; ++mu) {
            drive(mu) = 0;
            for (int i = 0; i < 10; ++i) drive(mu) += (w0(mu, i) < 0 ? -1 : 1) * w0(mu, i) * w0(mu, i) * v(i);
        }
        int first = 0;
        for (int mu = 1; mu < 5; ++mu)
            if (drive(mu) > drive(first)) first = mu;
        int second = first == 0 ? 1 : 0;
        for (int mu = 0; mu < 5; ++mu)
            if (mu != first && drive(mu) > drive(second)) second = mu;
        for (int i = 0; i < 10; ++i) {
            ds(first, i) += v(i) - drive(first) * w0(first, i);
            ds(second, i) += -0.4 * (v(i) - drive(second) * w0(second, i));
        }
    }
    const Eigen::MatrixXd expect = w0 + 0.05 * ds / ds.cwiseAbs().maxCoeff();  // eps at the start of the budget
    CHECK((w1 - expect).cwiseAbs().maxCoeff() < 1e-5);
}

TEST_CASE("hebbian_competitive: with pure competition (k = 1) the winning units settle on the unit p-sphere, clusters above 95%",
          "[bridges][learners]") {
    // With k = 1 only the winner of a sample moves, so a unit that moved is one that won; the
    // rule's fixed point is sum_i |W_i|^p = 1 (Krotov & Hopfield 2019, eq. 3 and after).
    const Task t = test::clusters_task();
    const std::int64_t budget = 100000;
    auto l = make(t, {"hebbian_competitive.hidden=40", "hebbian_competitive.k=1", "hebbian_competitive.p=3", "hebbian_competitive.readout.lr=0.01",
                      "hebbian_competitive.readout.power=2", "hebbian_competitive.batch=10", "hebbian_competitive.eps=0.05"}, budget);
    const Eigen::MatrixXd w0 = l->receptive_fields().cast<double>();
    l->train(sample_order(t.train().size(), budget, 3));
    const Eigen::MatrixXd w = l->receptive_fields().cast<double>();
    int moved = 0, on_sphere = 0;
    for (Eigen::Index mu = 0; mu < w.rows(); ++mu) {
        if ((w.row(mu) - w0.row(mu)).norm() < 0.5) continue;  // a unit that (almost) never won
        ++moved;
        const double norm = std::pow(w.row(mu).array().abs().pow(3).sum(), 1.0 / 3.0);
        on_sphere += std::fabs(norm - 1) < 0.05;
    }
    INFO(moved << " units moved, " << on_sphere << " on the sphere");
    CHECK(moved >= 4);
    CHECK(on_sphere >= moved * 9 / 10);
    const Score s = score(l->predict(t.test()), t.test().labels, t.classes());
    CHECK(s.accuracy > 0.95);
}
