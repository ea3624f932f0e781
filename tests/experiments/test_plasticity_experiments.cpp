// The plasticity experiments end to end through the command line: stdp_window reproduces the
// rule's equations; stdp_competition ends bimodal with a regulated output rate.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"
#include "sim/hdf5.hpp"

using namespace plastica;

namespace {

nlohmann::json run_json(const std::string& exp, std::vector<std::string> sets, const std::string& tag) {
    const auto dir = (std::filesystem::temp_directory_path() / ("plastica_test_" + tag)).string();
    std::filesystem::remove_all(dir);  // a folder holding an earlier run is refused
    std::vector<std::string> args = {"run", exp, "--out", dir, "--json", "--quiet", "--no-plots", "--threads", "2"};
    for (auto& s : sets) args.insert(args.end(), {"--set", s});
    const auto r = test::cli(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("stdp_window: simulated window equals the rule's equations, triplet frequency dependence", "[experiments][plasticity]") {
    // Short protocols: 5 pairs per lag and per frequency (the 0.1 Hz condition still runs 40 s).
    const std::vector<std::string> small = {"lag.step=10", "pairs=5", "frequency.pairs=5"};
    const auto pair = run_json("stdp_window", small, "stdp_window_pair")["results"];
    REQUIRE(pair["window"]["lag_ms"].size() == 21);
    REQUIRE(pair["window"]["max_abs_error"].get<double>() < 1e-6);
    // the window's shape: potentiation for positive lags, depression for negative ones
    const auto dw = pair["window"]["dw_rel"].get<std::vector<double>>();
    REQUIRE(dw[0] < 0);
    REQUIRE(dw[10] > 0);
    REQUIRE(dw[20] > 0);
    // 5 pairs at lag 0 with a_plus = 0.005 and w0 = 0.5: 5 * 0.005 / 0.5
    REQUIRE(dw[10] == Approx(0.05).epsilon(1e-5));

    // 15 pairs per frequency (Sjöström et al.'s protocol): the triplet term needs a few pairs to build up.
    const auto tri = run_json("stdp_window", {"lag.step=10", "pairs=5", "frequency.pairs=15", "rule=triplet_stdp"},
                              "stdp_window_triplet")["results"];
    REQUIRE(tri["window"]["max_abs_error"].get<double>() < 1e-6);
    const auto f = tri["frequency"];
    const auto plus = f["dw_rel_plus"].get<std::vector<double>>(), minus = f["dw_rel_minus"].get<std::vector<double>>();
    const auto eplus = f["dw_rel_plus_expected"].get<std::vector<double>>();
    for (std::size_t q = 0; q < plus.size(); ++q) REQUIRE(plus[q] == Approx(eplus[q]).epsilon(1e-5).margin(1e-7));
    // Sjöström et al. 2001 as the visual-cortex triplet model reproduces it (Pfister & Gerstner
    // 2006, Fig. 4): at 0.1 Hz no potentiation for +10 ms and depression for -10 ms; at 50 Hz
    // potentiation for both lags (measured: +0.0000 / -0.078 at 0.1 Hz, +0.085 / +0.072 at 50 Hz).
    REQUIRE(std::fabs(plus[0]) < 1e-4);
    REQUIRE(minus[0] < -0.05);
    REQUIRE(plus[4] > 0.05);
    REQUIRE(minus[4] > 0.05);
    REQUIRE(minus[2] < 0);  // still depression at 20 Hz
}

TEST_CASE("stdp_window: a lag step off the time grid is an error naming the key", "[experiments][plasticity][errors]") {
    const auto r = test::cli({"run", "stdp_window", "--set", "lag.step=0.25", "--out",
                              (std::filesystem::temp_directory_path() / "plastica_test_stdp_window_err").string()});
    REQUIRE(r.code == 2);
    REQUIRE(test::one_line(r.err));
    REQUIRE(r.err.find("lag.step") != std::string::npos);
}

TEST_CASE("stdp_competition: bimodal weights and a regulated output rate after 600 s", "[experiments][plasticity][slow]") {
    // Song, Miller & Abbott 2000 (experiments/stdp_competition.cpp): measured 0.85 of the weights
    // within 20% of a bound after 600 s, output rate falling from about 40 Hz to about 20 Hz.
    const auto j = run_json("stdp_competition", {"record.spikes=false"}, "stdp_competition");
    const auto& r = j["results"];
    INFO(r.dump());
    REQUIRE(r["fraction_near_bounds"].get<double>() > 0.8);
    REQUIRE(r["near_w_min"].get<int>() > 200);  // both modes populated: bimodal, not a runaway
    REQUIRE(r["near_w_max"].get<int>() > 200);
    const auto rate = r["output_rate_hz"].get<std::vector<double>>();
    REQUIRE(rate.back() < 0.75 * rate.front());
    REQUIRE(rate.back() > 5);
}

TEST_CASE("stp_synapse: every PSC amplitude equals the Tsodyks-Markram recursion", "[experiments][plasticity]") {
    const auto r = run_json("stp_synapse", {"rate=40", "spikes=8"}, "stp_synapse")["results"];
    REQUIRE(r["max_rel_error"].get<double>() < 1e-6);
    const auto dep = r["depressing"]["amplitudes_pa"].get<std::vector<double>>();
    const auto fac = r["facilitating"]["amplitudes_pa"].get<std::vector<double>>();
    REQUIRE(dep.size() == 9);  // 8 train spikes and the probe
    REQUIRE(dep.front() == Approx(100 * 0.5).epsilon(1e-9));   // first spike: w U
    REQUIRE(dep[7] < 0.4 * dep.front());                        // depressed at 40 Hz
    REQUIRE(dep[8] > dep[7]);                                   // recovering by the probe
    REQUIRE(fac[7] > 2 * fac.front());                          // facilitated
}

TEST_CASE("oja_pca: the weight vector aligns with Eigen's first principal component", "[experiments][plasticity]") {
    const auto r = run_json("oja_pca", {}, "oja_pca")["results"];
    INFO(r.dump());
    REQUIRE(r["cosine"].get<double>() > 0.99);  // measured 0.997
    REQUIRE(r["weight_norm"].get<double>() == Approx(1.0).margin(0.02));
    REQUIRE(r["cosine_curve"].front().get<double>() < 0.5);  // it had to learn it
}

TEST_CASE("bcm_selectivity: the neuron answers one pattern only", "[experiments][plasticity]") {
    const auto r = run_json("bcm_selectivity", {}, "bcm_selectivity")["results"];
    INFO(r.dump());
    REQUIRE(r["selectivity_start"].get<double>() < 0.3);
    REQUIRE(r["selectivity"].get<double>() > 0.9);
    // the winner's response fluctuates around the BCM fixed point patterns * y0 = 4
    REQUIRE(r["winner_mean_response"].get<double>() == Approx(4.0).epsilon(0.35));
}

TEST_CASE("inhibitory_balance: inhibitory STDP brings the excitatory rate down toward rho0", "[experiments][plasticity][slow]") {
    // Vogels et al. 2011 (experiments/inhibitory_balance.cpp). Measured: 17 Hz in the first
    // second, 4.0 Hz on the plateau for rho0 = 3 Hz, and Brian2 on the same network reaches the
    // same plateau (4.05 Hz; experiments/compare/inhibitory_balance_brian2.py): in a recurrent
    // network the rule's fixed point lies above rho0. Asserted here: the runaway excitation is
    // removed, the plateau is Brian2's within 10%, and inhibition is the larger current.
    const auto r = run_json("inhibitory_balance", {"record.spikes=false"}, "inhibitory_balance")["results"];
    INFO(r.dump());
    const auto rate = r["rate_hz"].get<std::vector<double>>();
    REQUIRE(rate.front() > 10);
    REQUIRE(r["late_rate_hz"].get<double>() == Approx(4.05).epsilon(0.1));
    REQUIRE(-r["i_inh_pa"].get<double>() > r["i_exc_pa"].get<double>());
}

TEST_CASE("inhibitory_balance single_cell protocol: the rate settles within 10% of rho0", "[experiments][plasticity][slow]") {
    // Vogels et al. 2011 Fig. 1-2 with unstructured inputs (experiments/inhibitory_balance.cpp):
    // pre and post nearly independent, so the rule's fixed point is rho0. Measured: 32 Hz in the
    // first second, 3.04 Hz over the last quarter (seed 1).
    const auto r = run_json("inhibitory_balance", {"protocol=single_cell", "istdp.eta=0.01", "record.spikes=false"},
                            "inhibitory_balance_single")["results"];
    INFO(r.dump());
    REQUIRE(r["rate_hz"].get<std::vector<double>>().front() > 10);
    REQUIRE(r["late_rate_hz"].get<double>() == Approx(r["rho0"].get<double>()).epsilon(0.1));
    REQUIRE(-r["i_inh_pa"].get<double>() > r["i_exc_pa"].get<double>());
}

TEST_CASE("reward_stdp: the rewarded synapse is singled out within the documented hour", "[experiments][plasticity][slow]") {
    // Izhikevich 2007 Fig. 1 (experiments/reward_stdp.cpp). Measured at seeds 1, 2, 3: 26, 32, 23
    // rewards; the rewarded synapse at 3.80, 3.83, 3.90 mV (w_max 4) with 0, 1, 0 of the other
    // 63,999 excitatory synapses above it; the others' mean falls from 1 to about 0.84 mV.
    const auto j = run_json("reward_stdp", {}, "reward_stdp");
    const auto& r = j["results"];
    INFO(r.dump());
    REQUIRE(r["rewards"].get<int>() >= 10);
    REQUIRE(r["rewarded_weight"].get<double>() > 0.85 * r["w_max"].get<double>());
    REQUIRE(r["others_above"].get<int>() <= 6);  // the top 0.01%
    REQUIRE(r["others_mean"].get<double>() < 1.0);
    // The teacher rewarded exactly the n1 -> n2 coincidences of the recorded spikes (n2 firing
    // within 10 ms after n1's latest spike), counted here independently from the SONATA file.
    const H5Reader f((std::filesystem::temp_directory_path() / "plastica_test_reward_stdp" / "reward_stdp.h5").string());
    const auto ids = f.read("/spikes/exc/node_ids"), ts = f.read("/spikes/exc/timestamps");
    const auto n1 = r["n1"].get<double>(), n2 = r["n2"].get<double>();
    double last_n1 = -1e9;
    int coincidences = 0;
    std::vector<std::pair<double, double>> spikes;  // (time, id) of n1 and n2, n1 first at equal times
    for (std::size_t k = 0; k < ids.size(); ++k)
        if (ids[k] == n1 || ids[k] == n2) spikes.push_back({ts[k], ids[k] == n1 ? 0 : 1});
    std::sort(spikes.begin(), spikes.end());
    for (const auto& [t, which] : spikes) {
        if (which == 0) last_n1 = t;
        else if (t - last_n1 > 0.5 && t - last_n1 <= 10.5) ++coincidences;
    }
    REQUIRE(coincidences == r["rewards"].get<int>());
}

TEST_CASE("reward_stdp: impossible out-degrees and reversed reward delays are errors naming the key", "[experiments][plasticity][errors]") {
    const auto dir = (std::filesystem::temp_directory_path() / "plastica_test_reward_stdp_err").string();
    for (const auto& [set, key] : {std::pair{"k_exc_exc=800", "k_exc_exc"}, std::pair{"reward_delay_min=4000", "reward_delay_max"}}) {
        const auto r = test::cli({"run", "reward_stdp", "--set", set, "--out", dir});
        INFO(r.err);
        REQUIRE(r.code == 2);
        REQUIRE(test::one_line(r.err));
        REQUIRE(r.err.find(key) != std::string::npos);
    }
}
