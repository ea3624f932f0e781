// Recorders written to HDF5: the SONATA report layout for sampled state, across segment flushes.
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "models/lif_curr_exp.hpp"
#include "models/neuron_population.hpp"
#include "sim/recorders.hpp"
#include "sim/simulator.hpp"

using namespace plastica;

namespace {
template <class T>
std::vector<T> read_all(hid_t f, const char* path, hid_t type, std::vector<hsize_t>& dims) {
    hid_t d = H5Dopen2(f, path, H5P_DEFAULT);
    hid_t sp = H5Dget_space(d);
    dims.assign(static_cast<std::size_t>(H5Sget_simple_extent_ndims(sp)), 0);
    H5Sget_simple_extent_dims(sp, dims.data(), nullptr);
    std::size_t n = 1;
    for (auto x : dims) n *= x;
    std::vector<T> v(n);
    H5Dread(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Sclose(sp);
    H5Dclose(d);
    return v;
}
}  // namespace

TEST_CASE("state recorder: SONATA report in HDF5 equals the samples in memory", "[sim][recorders]") {
    const auto path = (std::filesystem::temp_directory_path() / "plastica_report_test.h5").string();
    LifCurrExp::Params p;
    p.i_e = 300;
    p.v_th = 1e9;
    {
        H5File file(path);
        Network net(0.1, 1);
        net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("n", 5, p));
        StateRecorder rec("n", "v", {4, 1}, 1.0, &file);
        Simulator sim(net, 2);
        sim.add_monitor(rec);
        sim.run(250);  // three segments of 100 ms: appends across flushes
        REQUIRE(rec.times_ms().size() == 250);
        hid_t f = file.id();
        std::vector<hsize_t> dims;
        const auto data = read_all<float>(f, "/report/n/data", H5T_NATIVE_FLOAT, dims);
        REQUIRE(dims == std::vector<hsize_t>{250, 2});
        for (std::size_t e = 0; e < data.size(); ++e) REQUIRE(data[e] == static_cast<float>(rec.values()[e]));
        const double R = p.tau_m / p.c_m;
        CHECK(data[2 * 99] == Approx(p.e_l + R * p.i_e * (1 - std::exp(-100.0 / p.tau_m))).epsilon(1e-6));
        const auto ids = read_all<unsigned long long>(f, "/report/n/mapping/node_ids", H5T_NATIVE_ULLONG, dims);
        CHECK(ids == std::vector<unsigned long long>{1, 4});  // sorted
        const auto ptr = read_all<unsigned long long>(f, "/report/n/mapping/index_pointer", H5T_NATIVE_ULLONG, dims);
        CHECK(ptr == std::vector<unsigned long long>{0, 1, 2});
        const auto time = read_all<double>(f, "/report/n/mapping/time", H5T_NATIVE_DOUBLE, dims);
        CHECK(time == std::vector<double>{1.0, 251.0, 1.0});
    }
    std::filesystem::remove(path);
}

TEST_CASE("state recorder: bad variables, neurons and intervals are errors", "[sim][recorders][errors]") {
    auto attach = [](StateRecorder r) {  // attached as in a run: after the network is prepared
        Network net(0.1, 1);
        net.add(std::make_unique<NeuronPopulation<LifCurrExp>>("n", 5, LifCurrExp::Params{}));
        Simulator sim(net, 1);
        sim.add_monitor(r);
        sim.run(1);
    };
    CHECK_THROWS_WITH(attach(StateRecorder("n", "w", {0}, 1.0)), Catch::Contains("variable = w: unknown state variable"));
    CHECK_THROWS_WITH(attach(StateRecorder("n", "v", {}, 1.0)), Catch::Contains("needs at least one neuron"));
    CHECK_THROWS_WITH(attach(StateRecorder("n", "v", {5}, 1.0)), Catch::Contains("neurons = 5: index out of range"));
    CHECK_THROWS_WITH(attach(StateRecorder("n", "v", {0}, 0.05)), Catch::Contains("interval = 0.05 ms"));
    CHECK_THROWS_WITH(attach(StateRecorder("m", "v", {0}, 1.0)), Catch::Contains("population = m"));
}
