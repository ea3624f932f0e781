// The comparison harness end to end: the same seed gives the same table; a run stopped after
// some curve points and resumed gives the same results as one run straight through; bad input
// (unknown learner or task, a budget above the dataset without repeat, a state from other
// settings) is one line and exit code 2.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"
#include "sim/hdf5.hpp"

using namespace plastica;

namespace {

const std::vector<std::string> kTask = {"--task", "clusters", "--dims", "10", "--train_samples", "1500", "--test_samples", "500",
                                        "--learners", "backprop,feedback_alignment", "--budget", "3000", "--repeat", "true",
                                        "--curve.points", "4", "--backprop.hidden", "16", "--feedback_alignment.hidden", "16",
                                        "--backprop.lr", "0.01", "--feedback_alignment.lr", "0.01"};

test::CliResult compare(const std::string& dir, std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"run", "compare", "--out", dir, "--json", "--quiet", "--no-plots"};
    args.insert(args.end(), kTask.begin(), kTask.end());
    args.insert(args.end(), more.begin(), more.end());
    return test::cli(args);
}

/// The table without wall times.
nlohmann::json table(const test::CliResult& r) {
    INFO(r.err);
    REQUIRE(r.code == 0);
    auto j = nlohmann::json::parse(r.out)["results"]["learners"];
    for (auto& l : j) {
        l.erase("seconds");
        for (auto& p : l["curve"]) p.erase("seconds");
    }
    return j;
}

}  // namespace

TEST_CASE("compare: same seed, same table, both learners above 95% on clusters", "[experiments][bridges]") {
    const auto dir = (std::filesystem::temp_directory_path() / "plastica_test_compare").string();
    std::filesystem::remove_all(dir);
    const auto a = table(compare(dir)), b = table(compare(dir, {"--threads", "1", "--overwrite"}));
    CHECK(a == b);
    REQUIRE(a.size() == 2);
    for (const auto& l : a) {
        INFO(l["name"]);
        CHECK(l["test_accuracy"].get<double>() > 0.95);
        CHECK(l["curve"].size() == 4);
        CHECK(l["curve"].back()["samples"] == 3000);
    }
    CHECK(std::filesystem::exists(dir + "/compare.h5"));
    CHECK(std::filesystem::exists(dir + "/compare.json"));
    CHECK(std::filesystem::exists(dir + "/compare_state/backprop.h5"));
    const auto c = table(compare(dir, {"--seed", "2", "--overwrite"}));
    CHECK(c != a);
}

TEST_CASE("compare: stopped after two curve points and resumed, the same results as straight through", "[experiments][bridges]") {
    const auto dir = (std::filesystem::temp_directory_path() / "plastica_test_compare_resume").string();
    std::filesystem::remove_all(dir);
    const auto straight = table(compare(dir));
    std::filesystem::remove_all(dir);
    const auto stopped = compare(dir, {"--curve.stop_after", "2"});
    INFO(stopped.err);
    REQUIRE(stopped.code == 0);
    const std::string checkpoint = dir + "/compare.checkpoint.h5";
    const auto said = nlohmann::json::parse(stopped.out);
    CHECK(said["stopped"] == "stopped after 2 curve point(s) (curve.stop_after)");
    CHECK(said["resume"] == checkpoint);
    CHECK(H5Reader(dir + "/compare.h5").attr_string("/plastica/provenance", "status") == "stopped after 2 curve point(s) (curve.stop_after)");
    // the stopped run's results are not replaced by a new run without --overwrite
    const auto again = compare(dir);
    CHECK(again.code == 2);
    CHECK(again.err.find("already holds a run of compare") != std::string::npos);
    // a state from other settings is refused with the key that differs, not silently restarted
    const auto other = test::cli({"run", "compare", "--out", dir, "--resume", checkpoint, "--backprop.lr", "0.02", "--quiet", "--no-plots"});
    CHECK(other.code == 2);
    CHECK(test::one_line(other.err));
    CHECK(other.err.find("backprop.lr = 0.02: differs from the checkpoint's 0.01") != std::string::npos);
    // --resume takes the whole config from the checkpoint, as a spiking run's, and continues the
    // output in the checkpoint's folder
    const auto resumed = table(test::cli({"run", "compare", "--resume", checkpoint, "--json", "--quiet", "--no-plots"}));
    CHECK(resumed == straight);
    const H5Reader f(dir + "/compare.h5");
    CHECK(f.attr_string("/plastica/provenance", "status") == "complete");
    CHECK(f.attr_string("/plastica/provenance", "resumed_from") == checkpoint);
    const auto done = test::cli({"run", "compare", "--out", dir, "--resume", checkpoint, "--quiet", "--no-plots"});
    CHECK(done.code == 2);
    CHECK(done.err.find("belongs to a comparison that completed") != std::string::npos);
    // --overwrite starts afresh and removes the earlier run's states with its files
    std::filesystem::create_directories(dir + "/compare_state/stale");
    REQUIRE(compare(dir, {"--overwrite", "--learners", "backprop"}).code == 0);
    CHECK(!std::filesystem::exists(dir + "/compare_state/stale"));
    CHECK(!std::filesystem::exists(dir + "/compare_state/feedback_alignment.h5"));
}

TEST_CASE("compare: unknown learner or task, a budget above the data without repeat: one-line errors", "[experiments][bridges][errors]") {
    const auto dir = (std::filesystem::temp_directory_path() / "plastica_test_compare_err").string();
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--learners", "backprop,hopfield"}, "hopfield"},
        {{"--task", "cifar"}, "cifar"},
        {{"--repeat", "false"}, "budget"},
        {{"--learners", "backprop,backprop"}, "twice"},
    };
    for (const auto& [more, key] : cases) {
        const auto r = compare(dir, more);
        INFO(r.err);
        CHECK(r.code == 2);
        CHECK(test::one_line(r.err));
        CHECK(r.err.find(key) != std::string::npos);
    }
}
