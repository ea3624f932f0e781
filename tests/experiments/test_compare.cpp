// The comparison harness end to end: the same seed gives the same table; a run stopped after
// some curve points and resumed gives the same results as one run straight through; bad input
// (unknown learner or task, a budget above the dataset without repeat, a state from other
// settings) is one line and exit code 2.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

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
    CHECK(stopped.out.find("stopped after 2") != std::string::npos);
    const auto resumed = table(compare(dir, {"--set", "resume=true"}));
    CHECK(resumed == straight);
    // a state from other settings is refused, not silently restarted
    const auto other = compare(dir, {"--set", "resume=true", "--backprop.lr", "0.02"});
    CHECK(other.code == 2);
    CHECK(test::one_line(other.err));
    CHECK(other.err.find("other settings") != std::string::npos);
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
