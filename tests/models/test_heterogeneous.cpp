// Heterogeneous populations: parameters per neuron (PyNN and NEST allow them). A neuron of a
// heterogeneous population must behave exactly as the same neuron in a homogeneous population
// with its value: same inputs, same spikes, bit for bit, at any thread count.
#include <catch2/catch.hpp>

#include "../helpers.hpp"
#include "models/poisson_source.hpp"
#include "models/registry.hpp"
#include "sim/error.hpp"

using namespace plastica;

namespace {
constexpr Index kCells = 37;

/// The parameter varied per neuron: the injected current where the model has one (every model
/// but if_delta_subtractive), else the threshold.
std::string varied(const std::string& model) {
    for (const auto& p : neuron_model_params(model))
        if (p.name == "i_e") return "i_e";
    return "v_th";
}

/// Values of the varied parameter: three levels, neuron i takes level i % 3.
std::vector<double> levels(const std::string& model) {
    const std::string p = varied(model);
    if (p == "v_th") return {0.5, 1.0, 2.0};
    const double scale = model == "izhikevich" ? 0.02 : 1.0;
    return {0.0, 60.0 * scale, 150.0 * scale};
}

/// 37 cells of `model` under Poisson input; `values` sets the varied parameter (1 or 37 values).
test::Spikes run(const std::string& model, const std::vector<double>& values, int threads) {
    Network net(0.1, 5);
    net.add(std::make_unique<PoissonSource>("in", 40, std::vector<double>{50.0}));
    auto& cells = net.add(make_population(model, "cells", kCells, {}));
    cells.set_parameter(varied(model), values);
    const std::string unit = cells.weight_unit();
    const double w = unit == "nS" ? 2.0 : unit == "pA" ? 150.0 : unit == "mV" ? 2.0 : 0.04;
    net.connect("in", "cells", ConnectionRule::fixed_probability(0.3), {Receptor::exc, Distribution::constant(w), Distribution::constant(0.5)});
    return test::run_and_record(net, "cells", 300, threads);
}
}  // namespace

TEST_CASE("every neuron model: a heterogeneous population equals homogeneous ones neuron by neuron", "[models][heterogeneous]") {
    for (const auto& model : neuron_model_names()) {
        INFO("model " << model);
        const auto lv = levels(model);
        std::vector<double> per(kCells);
        for (Index i = 0; i < kCells; ++i) per[i] = lv[i % 3];
        const auto mixed = run(model, per, 1);
        REQUIRE(mixed.steps.size() > 8);
        CHECK(run(model, per, 3) == mixed);  // heterogeneous path bit-identical across threads
        for (std::size_t l = 0; l < lv.size(); ++l) {
            const auto homo = run(model, {lv[l]}, 2);
            test::Spikes expect;  // the homogeneous run's spikes of the neurons at this level
            test::Spikes got;
            for (std::size_t e = 0; e < homo.ids.size(); ++e)
                if (homo.ids[e] % 3 == l) expect.steps.push_back(homo.steps[e]), expect.ids.push_back(homo.ids[e]);
            for (std::size_t e = 0; e < mixed.ids.size(); ++e)
                if (mixed.ids[e] % 3 == l) got.steps.push_back(mixed.steps[e]), got.ids.push_back(mixed.ids[e]);
            INFO("level " << lv[l]);
            CHECK(got == expect);
        }
    }
}

TEST_CASE("set_parameter: one value equals the constructor's; arrays are read back; bad input is one clear error", "[models][heterogeneous]") {
    Network a(0.1, 3), b(0.1, 3);
    a.add(make_population("lif_curr_exp", "cells", 10, {{"i_e", 400.0}}));
    auto& pb = b.add(make_population("lif_curr_exp", "cells", 10, {}));
    pb.set_parameter("i_e", {400.0});
    CHECK(test::run_and_record(a, "cells", 100, 1) == test::run_and_record(b, "cells", 100, 1));

    std::vector<double> v(10);
    for (int i = 0; i < 10; ++i) v[i] = 10.0 * (i + 1);
    pb.set_parameter("tau_m", v);
    CHECK(pb.parameter("tau_m")[3] == 40.0);
    CHECK(pb.parameter("i_e") == std::vector<double>(10, 400.0));
    v[0] = 0;  // neuron 0 with tau_m = 0: refused, naming the neuron, and nothing changes
    CHECK_THROWS_WITH(pb.set_parameter("tau_m", v), Catch::Contains("neuron 0") && Catch::Contains("tau_m"));
    CHECK(pb.parameter("tau_m")[0] == 10.0);
    CHECK_THROWS_WITH(pb.set_parameter("tau_m", {1.0, 2.0}), Catch::Contains("needs one value for all neurons or one per neuron (10)"));
    CHECK_THROWS_WITH(pb.set_parameter("tau_mm", {1.0}), Catch::Contains("unknown parameter") && Catch::Contains("tau_m"));
    CHECK_THROWS_WITH(pb.set_initial_values("v", {1.0}), Catch::Contains("one initial value per neuron (10)"));
    CHECK_THROWS_WITH(pb.set_initial_values("x", std::vector<double>(10, 0.0)), Catch::Contains("no state variable"));
}

TEST_CASE("set_parameter between runs: the next step uses the new value; initial values per neuron survive reset", "[models][heterogeneous]") {
    // A DC step made of two runs: i_e = 0 then 500 pA from 50 ms. The membrane follows the
    // analytic charging curve from t = 50 ms: V(t) = E_L + R I (1 - exp(-(t - 50)/tau_m)).
    Network net(0.1, 1);
    auto& cells = net.add(make_population("lif_curr_exp", "cells", 2, {{"v_th", 100.0}}));
    cells.set_initial_values("v", {-70.0, -60.0});
    Simulator sim(net, 1);
    sim.run(50);
    const double* v = cells.state("v");
    CHECK(v[0] == Approx(-70.0));
    CHECK(v[1] == Approx(-70.0 + 10.0 * std::exp(-5.0)).epsilon(1e-12));
    cells.set_parameter("i_e", {500.0});
    sim.run(20);
    const double r = 10.0 / 250.0 * 1e3;  // tau_m / C_m in MOhm (mV/nA)
    CHECK(v[0] == Approx(-70.0 + r * 0.5 * (1 - std::exp(-2.0))).epsilon(1e-10));
    net.reset();
    CHECK(cells.state("v")[1] == -60.0);
}
