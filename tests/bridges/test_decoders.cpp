// Decoders from spike counts to classes: the spike-count readout, Diehl & Cook's label
// assignment worked by hand, and the linear readout on counts a linear rule separates.
#include <catch2/catch.hpp>

#include "bridges/decoders.hpp"
#include "sim/random.hpp"

using namespace plastica;

TEST_CASE("spike_count_readout: the most active output neuron, ties to the lower class, silence is -1", "[bridges][decoders]") {
    rate::Matrix<float> c(3, 4);
    c << 1, 0, 2, 0,  //
        5, 0, 2, 0,   //
        2, 3, 1, 0;
    CHECK(spike_count_readout(c) == std::vector<int>{1, 2, 0, -1});
}

TEST_CASE("LabelAssignment: classes by highest mean response, samples by highest mean of the assigned neurons", "[bridges][decoders]") {
    // 4 neurons, 2 classes, 4 labelled samples (and one unlabelled, skipped)
    rate::Matrix<float> fit(4, 5);
    fit << 4, 2, 0, 0, 99,  // neuron 0: class 0 mean 3, class 1 mean 0      -> 0
        0, 0, 1, 3, 99,     // neuron 1: class 0 mean 0, class 1 mean 2      -> 1
        1, 1, 2, 2, 99,     // neuron 2: 1 against 2                         -> 1
        0, 0, 0, 0, 99;     // neuron 3: never fired in a labelled sample    -> unassigned
    const std::vector<int> labels = {0, 0, 1, 1, -1};
    LabelAssignment a;
    a.fit(fit, labels, 2);
    CHECK(a.assignment() == std::vector<int>{0, 1, 1, -1});
    rate::Matrix<float> test(4, 3);
    test << 3, 1, 0,  // class 0 mean: neuron 0 alone
        1, 2, 0,      // class 1 mean: (neurons 1 + 2) / 2
        1, 4, 0,      //
        9, 9, 9;      // unassigned: ignored
    // sample 0: 3 against 1 -> 0; sample 1: 1 against 3 -> 1; sample 2: 0 against 0 -> the lower class
    CHECK(a.predict(test) == std::vector<int>{0, 1, 0});
}

TEST_CASE("LinearReadout: separable counts are learned exactly, a silent neuron does no harm", "[bridges][decoders]") {
    // class c: neuron c fires about 20 spikes, the others about 2 (overlap below 1e-4); neuron 3 never fires
    const int n = 600;
    rate::Matrix<float> counts = rate::Matrix<float>::Zero(4, n);
    std::vector<int> labels(n);
    for (int j = 0; j < n; ++j) {
        RandomStream rng(3, 0, static_cast<std::uint64_t>(j), 0);
        labels[static_cast<std::size_t>(j)] = static_cast<int>(rng.below(3));
        for (int i = 0; i < 3; ++i) counts(i, j) = static_cast<float>(rng.poisson(i == labels[static_cast<std::size_t>(j)] ? 20.0 : 2.0));
    }
    LinearReadout r;
    LinearReadout::Options o;
    const double train_accuracy = r.fit(counts, labels, 3, o);
    CHECK(train_accuracy > 0.99);
    const auto p = r.predict(counts);
    int right = 0;
    for (int j = 0; j < n; ++j) right += p[static_cast<std::size_t>(j)] == labels[static_cast<std::size_t>(j)];
    CHECK(right > 0.99 * n);
    LinearReadout unfitted;
    CHECK_THROWS_WITH(unfitted.predict(counts), Catch::Contains("before fit"));
}
