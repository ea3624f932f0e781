// fi_curve end to end: the LIF curve against its closed form, the rheobase against the analytic
// threshold current, any registered model by name, and bad input.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <tuple>

#include "cli_helpers.hpp"

using namespace plastica;

namespace {

nlohmann::json fi(std::vector<std::string> sets, const std::string& tag) {
    const auto dir = (std::filesystem::temp_directory_path() / ("plastica_test_fi_" + tag)).string();
    std::filesystem::remove_all(dir);  // a folder holding an earlier run is refused
    std::vector<std::string> args = {"run", "fi_curve", "--out", dir, "--json", "--quiet", "--no-plots"};
    for (auto& s : sets) args.insert(args.end(), {"--set", s});
    const auto r = test::cli(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    return nlohmann::json::parse(r.out)["results"];
}

}  // namespace

TEST_CASE("fi_curve: lif_curr_exp rates and rheobase equal the closed form", "[experiments][models]") {
    // NEST iaf_psc_exp defaults: tau_m 10 ms, C 250 pF, threshold 15 mV above rest, t_ref 2 ms,
    // so the rheobase is C (v_th - E_L) / tau_m = 375 pA and, above it, the interval is
    // t_ref + tau_m ln(RI / (RI - 15 mV)); on the grid each free interval is rounded up to whole
    // steps (the spike is seen at the end of the step that crosses).
    const auto r = fi({}, "lif");
    CHECK(r["rheobase"].get<double>() == Approx(375).margin(0.11));
    const auto cur = r["currents"].get<std::vector<double>>(), rate = r["rates_hz"].get<std::vector<double>>();
    const double dt = 0.1, window = 1000;  // ms counted: duration 1200 - transient 200
    int compared = 0;
    for (std::size_t k = 0; k < cur.size(); ++k) {
        const double ri = 10.0 / 250.0 * cur[k];
        if (ri <= 15.0 * 1.02) {
            if (ri < 15.0) CHECK(rate[k] == 0);
            continue;
        }
        const double steps = 20 + std::ceil(10 * std::log(ri / (ri - 15)) / dt);
        CHECK(std::fabs(rate[k] - 1000 / (steps * dt)) <= 1000 / window + 1e-9);
        ++compared;
    }
    CHECK(compared > 20);
}

TEST_CASE("fi_curve: any registered model by name (Izhikevich: rest lost at I = 4)", "[experiments][models]") {
    // Regular spiking: 0.04 v^2 + (5 - b) v + 140 + I has a double root at I = 4, where the resting
    // state disappears; the cell may fire a little below it (bistable with the reset c, d).
    const auto r = fi({"model=izhikevich"}, "izh");
    CHECK(r["rheobase"].get<double>() > 3.5);
    CHECK(r["rheobase"].get<double>() <= 4.01);
    CHECK(r["rates_hz"].get<std::vector<double>>().back() > 20);
}

TEST_CASE("fi_curve: a named parameter set by name (Izhikevich LTS loses rest at I = 1.02)", "[experiments][models]") {
    // Low-threshold spiking (b = 0.25): 0.04 v^2 + (5 - b) v + 140 + I has its double root at
    // I = (5 - b)^2 / 0.16 - 140 = 1.016, against 4 for the default regular-spiking set.
    const auto r = fi({"model=izhikevich", "preset=low_threshold_spiking"}, "izh_lts");
    CHECK(r["rheobase"].get<double>() > 0.5);
    CHECK(r["rheobase"].get<double>() <= 1.016 + 0.01);
    // an explicit parameter still overrides the set: b = 0.2 is regular spiking's threshold again
    const auto o = fi({"model=izhikevich", "preset=low_threshold_spiking", "izhikevich.b=0.2"}, "izh_lts_b");
    CHECK(o["rheobase"].get<double>() > 3.5);
    CHECK(o["rheobase"].get<double>() <= 4.01);
}

TEST_CASE("fi_curve: unknown model and an empty current range are errors naming the key", "[experiments][errors]") {
    const auto dir = (std::filesystem::temp_directory_path() / "plastica_test_fi_err").string();
    // (a set name unknown to the model; a model without named sets)
    const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
        {"model=hodgkin", "current.min=0", "model"}, {"model=lif_curr_exp", "current.max=-1", "current.max"},
        {"model=izhikevich", "preset=chatty", "chatty"}, {"model=lif_curr_exp", "preset=tonic", "preset"}};
    for (const auto& [model, set, key] : cases) {
        const auto r = test::cli({"run", "fi_curve", "--set", model, "--set", set, "--out", dir});
        INFO(r.err);
        CHECK(r.code == 2);
        CHECK(test::one_line(r.err));
        CHECK(r.err.find(key) != std::string::npos);
    }
}
