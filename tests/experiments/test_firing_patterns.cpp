// firing_patterns end to end: every AdEx set of Naud et al. 2008 is recognised as the pattern it
// is named after, and the Izhikevich 2003 classes that the interval measures can tell apart.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

using namespace plastica;

TEST_CASE("firing_patterns: each named AdEx and Izhikevich set shows its pattern", "[experiments][models]") {
    const auto dir = (std::filesystem::temp_directory_path() / "plastica_test_firing_patterns").string();
    std::filesystem::remove_all(dir);  // a folder holding an earlier run is refused
    const auto r = test::cli({"run", "firing_patterns", "--out", dir, "--json", "--quiet", "--no-plots"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto res = nlohmann::json::parse(r.out)["results"];
    INFO(res.dump(1));
    for (const char* set : {"tonic", "adapting", "initial_burst", "bursting", "delayed_accelerating", "delayed_bursting", "transient", "irregular"})
        CHECK(res[std::string("adex_") + set]["class"] == set);
    CHECK(res["izhikevich_regular_spiking"]["class"] == "adapting");
    CHECK(res["izhikevich_intrinsically_bursting"]["class"] == "initial_burst");
    CHECK(res["izhikevich_chattering"]["class"] == "bursting");
    CHECK(res["izhikevich_thalamo_cortical"]["class"] == "tonic");
    // their presets say: no adaptation (Izhikevich 2003, Fig. 2)
    CHECK(res["izhikevich_fast_spiking"]["class"] == "tonic");
    CHECK(res["izhikevich_resonator"]["class"] == "tonic");
    CHECK(res["izhikevich_low_threshold_spiking"]["class"] == "adapting");
    CHECK(res["adex_adapting"]["adaptation_index"].get<double>() > 0.05);  // Naud et al.'s A
    REQUIRE(std::filesystem::exists(std::filesystem::path(dir) / "firing_patterns.h5"));
}
