// Dataset helpers: normalisation with training statistics, validation splits.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "bridges/synthetic.hpp"

using namespace plastica;

TEST_CASE("standardize: training features get mean 0 and sd 1, the test set uses the training statistics", "[bridges][dataset]") {
    DataSplits d = gaussian_clusters(2000, 500, 3, 4, 0.5, 3);
    const Eigen::VectorXd train_mean = d.train.x.cast<double>().rowwise().mean();
    const double test_before = d.test.x(0, 0);
    normalise(d, Normalisation::standardize);
    const Eigen::MatrixXd x = d.train.x.cast<double>();
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double m = x.row(i).mean();
        const double sd = std::sqrt((x.row(i).array() - m).square().mean());
        CHECK(std::abs(m) < 1e-5);
        CHECK(sd == Approx(1.0).epsilon(1e-5));
    }
    // The test value moved by the training mean, not by its own.
    const Eigen::MatrixXd raw = gaussian_clusters(2000, 500, 3, 4, 0.5, 3).train.x.cast<double>();
    const double sd0 = std::sqrt((raw.row(0).array() - train_mean(0)).square().mean());
    CHECK(d.test.x(0, 0) == Approx((test_before - train_mean(0)) / sd0).epsilon(1e-5));
}

TEST_CASE("split_validation: disjoint, complete and reproducible", "[bridges][dataset]") {
    auto split = [](std::uint32_t seed) {
        DataSplits d = gaussian_clusters(1000, 10, 2, 1, 0.1, 1);
        split_validation(d, 0.25, seed);
        return d;
    };
    const DataSplits a = split(4);
    REQUIRE(a.train.size() == 750);
    REQUIRE(a.validation.size() == 250);
    // Every original sample is in exactly one part (the 1-D values are distinct draws).
    std::vector<float> all(a.train.x.data(), a.train.x.data() + 750);
    all.insert(all.end(), a.validation.x.data(), a.validation.x.data() + 250);
    std::sort(all.begin(), all.end());
    const DataSplits whole = gaussian_clusters(1000, 10, 2, 1, 0.1, 1);
    std::vector<float> orig(whole.train.x.data(), whole.train.x.data() + 1000);
    std::sort(orig.begin(), orig.end());
    CHECK(all == orig);
    CHECK(split(4).validation.x == a.validation.x);
    CHECK(split(5).validation.x != a.validation.x);
    DataSplits bad = split(4);
    CHECK_THROWS_WITH(split_validation(bad, 0.95, 1), Catch::Contains("validation = 0.95"));
}
