// Reproducibility: one seed gives bit-identical spikes at any thread count; other seeds differ.
#include <catch2/catch.hpp>

#include "../helpers.hpp"
#include "experiments/experiment.hpp"
#include "sim/config.hpp"

using namespace plastica;

namespace {
test::Spikes run_experiment(const std::string& name, std::vector<std::string> sets, int threads) {
    const Experiment& e = find_experiment(name);
    Config cfg(e.schema());
    for (const auto& s : sets) cfg.set(s);
    SpikingSetup setup = e.build(cfg);
    return test::run_and_record(*setup.net, "exc", setup.duration_ms, threads);
}
}  // namespace

TEST_CASE("COBA: one seed gives bit-identical spikes at 1, 2 and 3 threads", "[sim][determinism]") {
    const std::vector<std::string> sets = {"n=2000", "duration=300"};
    const auto one = run_experiment("vogels_abbott", sets, 1);
    REQUIRE(one.steps.size() > 1000);
    CHECK(run_experiment("vogels_abbott", sets, 2) == one);
    CHECK(run_experiment("vogels_abbott", sets, 3) == one);
    auto other = sets;
    other.push_back("seed=2");
    CHECK(!(run_experiment("vogels_abbott", other, 2) == one));
}

TEST_CASE("Brunel with Poisson drive: bit-identical spikes at 1 and 2 threads", "[sim][determinism]") {
    const std::vector<std::string> sets = {"n_exc=2000", "epsilon=0.1", "duration=200"};
    const auto one = run_experiment("brunel", sets, 1);
    REQUIRE(one.steps.size() > 1000);
    CHECK(run_experiment("brunel", sets, 2) == one);
    auto other = sets;
    other.push_back("seed=9");
    CHECK(!(run_experiment("brunel", other, 1) == one));
}
