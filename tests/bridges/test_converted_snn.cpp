// ANN-to-SNN conversion: the IF neuron with reset by subtraction counts floor(a T) spikes for a
// constant input a per step (Rueckauer et al. 2017, eq. 5); the converted network keeps the
// MLP's accuracy within 2 points on a two-class Fashion-MNIST subset at 100 steps, and its
// accuracy rises with the number of steps.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/recorders.hpp"
#include "sim/simulator.hpp"
#include "bridges/comparison.hpp"
#include "bridges/learner.hpp"
#include "learner_tasks.hpp"
#include "models/if_delta_subtractive.hpp"
#include "models/neuron_population.hpp"

using namespace plastica;

TEST_CASE("if_delta_subtractive: constant input a per step gives floor(a T) spikes in T steps", "[bridges][models]") {
    // dyadic inputs, so that the floating-point sums are exact and the count is floor(a T) exactly
    const std::vector<double> a = {0.0, 0.015625, 0.25, 0.5, 0.734375, 0.9990234375, 1.0};
    Network net(1.0, 1);
    auto& pop = net.add(std::make_unique<NeuronPopulation<IfDeltaSubtractive>>("if", static_cast<Index>(a.size()), IfDeltaSubtractive::Params{}));
    Simulator sim(net, 1);
    SpikeRecorder rec("if");
    sim.add_monitor(rec);
    sim.prepare();  // the state exists from here on
    for (std::size_t i = 0; i < a.size(); ++i) pop.state_mut("i_step")[i] = a[i];
    sim.run(1000);
    std::vector<int> count(a.size(), 0);
    for (Index i : rec.ids()) ++count[i];
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO("a = " << a[i]);
        CHECK(count[i] == static_cast<int>(std::floor(a[i] * 1000 + 1e-9)));
    }
}

namespace {

/// A converted network trained on `t` and scored on its test set, with the details it reports.
struct Converted {
    Score score;
    double mlp = -1;                 ///< the MLP's own test accuracy
    std::vector<double> at_steps;    ///< accuracy after each of curve_steps and steps
};

Converted convert(const Task& t, int hidden, std::uint32_t seed, std::int64_t budget) {
    const auto& info = find_learner("converted_snn", "test");
    Config c(info.schema(), "test");
    c.set("converted_snn.hidden=" + std::to_string(hidden));
    auto l = info.make(c, {&t, seed, 2, budget});
    l->train(sample_order(t.train().size(), budget, seed));
    Converted r;
    r.score = score(l->predict(t.test()), t.test().labels, t.classes());
    for (const auto& [k, v] : l->details()) {
        if (k == "mlp_accuracy") r.mlp = v[0];
        if (k == "accuracy_at_steps") r.at_steps = v;
    }
    return r;
}

}  // namespace

TEST_CASE("converted_snn: within 2 points of its MLP on two Fashion-MNIST classes at 100 steps", "[bridges][learners]") {
    TaskOptions o;
    o.class_subset = {0, 1};  // T-shirt/top, Trouser
    o.train_samples = 4000;
    o.test_samples = 1000;
    const Task t = make_task("fashion_mnist", o);
    REQUIRE(t.classes() == 2);
    const Converted r = convert(t, 64, 1, 4000);
    const Score& s = r.score;
    const double mlp = r.mlp;
    const std::vector<double>& acc = r.at_steps;
    INFO("SNN " << s.accuracy << ", MLP " << mlp);
    CHECK(mlp > 0.9);
    CHECK(std::fabs(s.accuracy - mlp) <= 0.02);
    REQUIRE(acc.size() == 5);  // 5, 10, 20, 50, 100 steps
    CHECK(acc.back() == s.accuracy);
    CHECK(acc.front() < acc.back());
}

TEST_CASE("converted_snn: needs ReLU hidden units", "[bridges][learners][errors]") {
    TaskOptions o;
    o.train_samples = 10;
    const Task t = make_task("xor", o);
    const auto& info = find_learner("converted_snn", "test");
    Config c(info.schema(), "test");
    c.set("converted_snn.activation=tanh");
    CHECK_THROWS_WITH(info.make(c, {&t, 1, 1, 10}), Catch::Contains("converted_snn.activation") && Catch::Contains("ReLU"));
}

TEST_CASE("converted_snn: four Gaussian clusters above 95% at 100 steps, like its MLP", "[bridges][learners]") {
    // the task and budget of the gradient learners' test (tests/bridges/test_gradient_learners.cpp)
    const Converted r = convert(test::clusters_task(), 32, 3, 8000);
    INFO("SNN " << r.score.accuracy << ", MLP " << r.mlp);
    CHECK(r.score.accuracy > 0.95);
    CHECK(std::fabs(r.score.accuracy - r.mlp) <= 0.02);
}
