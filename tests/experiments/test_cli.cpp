// The `plastica` command line: exit codes, one-line errors, and output files that are right or
// clearly marked as not complete.
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "cli_helpers.hpp"
#include "experiments/experiment.hpp"
#include "experiments/plots.hpp"
#include "experiments/spiking_run.hpp"
#include "sim/hdf5.hpp"

using namespace plastica;
using plastica::test::cli;
using plastica::test::one_line;
namespace fs = std::filesystem;

namespace {
std::string read_str_attr(hid_t file, const char* obj, const char* name) {
    hid_t o = H5Oopen(file, obj, H5P_DEFAULT);
    hid_t a = H5Aopen(o, name, H5P_DEFAULT);
    hid_t t = H5Aget_type(a);
    char* s = nullptr;
    H5Aread(a, t, &s);
    std::string r = s ? s : "";
    H5free_memory(s);
    H5Tclose(t);
    H5Aclose(a);
    H5Oclose(o);
    return r;
}
}  // namespace

TEST_CASE("cli: list, help and experiment help", "[experiments][cli]") {
    auto r = cli({"list"});
    CHECK(r.code == 0);
    CHECK(r.out.find("vogels_abbott") != std::string::npos);
    CHECK(r.out.find("brunel") != std::string::npos);
    r = cli({"--help"});
    CHECK(r.code == 0);
    CHECK(r.out.find("run") != std::string::npos);
    r = cli({"run", "vogels_abbott", "--help"});
    CHECK(r.code == 0);
    CHECK(r.out.find("coba.w_exc") != std::string::npos);
    CHECK(r.out.find("nS") != std::string::npos);
    r = cli({"models"});
    for (const char* m : {"lif_cond_exp", "lif_curr_alpha", "lif_cond_exp_adaptive", "izhikevich", "adex_cond_exp", "hh_cond_exp", "hh_cond_exp_euler"})
        CHECK(r.out.find(std::string(m) + "\n") != std::string::npos);
    CHECK(r.out.find("regular_spiking") != std::string::npos);  // named sets listed with their model
    CHECK(r.out.find("initial_burst") != std::string::npos);
    CHECK(r.out.find("theta_plus = 0.05 mV") != std::string::npos);
}

TEST_CASE("cli: bad input exits 2 with one line naming the item", "[experiments][cli][errors]") {
    const fs::path dir = fs::temp_directory_path() / "plastica_cli_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        std::ofstream(dir / "bad.toml") << "model = \"coba\"\nduration = 10\ntau_mm = 3\n";
        std::ofstream(dir / "malformed.toml") << "model = \n";
        std::ofstream(dir / "neg.toml") << "[coba]\ntau_syn_exc = -5\n";
        std::ofstream(dir / "vth.toml") << "duration = 1\n[coba]\nv_th = -70\n";
        std::ofstream(dir / "delay.toml") << "duration = 1\n\n\ndelay = 0.15\n";
    }
    const std::string out = (dir / "out").string();
    struct Case {
        std::vector<std::string> args;
        std::string needle;
    };
    const std::vector<Case> cases = {
        {{"run", "nosuch"}, "experiment = nosuch: unknown experiment"},
        {{"run", "vogels_abbott", "--set", "tau_mm=3", "--out", out}, "tau_mm"},
        {{"run", "vogels_abbott", "--config", (dir / "bad.toml").string(), "--out", out}, "bad.toml:3: tau_mm"},
        {{"run", "vogels_abbott", "--config", (dir / "malformed.toml").string(), "--out", out}, "malformed.toml:1: malformed TOML"},
        {{"run", "vogels_abbott", "--config", (dir / "missing.toml").string(), "--out", out}, "cannot read the config file"},
        {{"run", "vogels_abbott", "--config", (dir / "neg.toml").string(), "--out", out}, "neg.toml:2: coba.tau_syn_exc = -5: must be > 0"},
        {{"run", "vogels_abbott", "--set", "dt=0", "--out", out}, "dt = 0: must be > 0"},
        {{"run", "vogels_abbott", "--set", "delay=0.05", "--set", "duration=1", "--out", out}, "delay = 0.05 ms"},
        {{"run", "vogels_abbott", "--set", "delay=0.15", "--set", "duration=1", "--out", out}, "not a whole number of steps"},
        {{"run", "vogels_abbott", "--set", "cuba.t_ref=-1", "--out", out}, "cuba.t_ref = -1: must be >= 0"},
        {{"run", "vogels_abbott", "--set", "coba.w_exc=nan", "--out", out}, "coba.w_exc = nan"},
        {{"run", "brunel", "--set", "epsilon=1.5", "--out", out}, "epsilon = 1.5: must be <= 1"},
        {{"run", "brunel", "--set", "eta=inf", "--out", out}, "eta = inf"},
        {{"run", "vogels_abbott", "--set", "model=hh", "--out", out}, "model = \"hh\": unknown choice"},
        // integers beyond the type they become, step counts beyond the clock, values shorter than a step
        {{"run", "vogels_abbott", "--set", "n=4294971296", "--out", out}, "n = 4294971296: is out of range"},
        {{"run", "brunel", "--set", "n_exc=-3", "--out", out}, "n_exc"},
        {{"run", "stdp_competition", "--set", "inputs=4294967297", "--out", out}, "inputs = 4294967297: is out of range"},
        {{"run", "reward_stdp", "--set", "n_exc=4294967296", "--out", out}, "n_exc = 4294967296: is out of range"},
        {{"run", "vogels_abbott", "--set", "duration=1e18", "--out", out}, "duration = 1e+18 ms: is too large"},
        {{"run", "vogels_abbott", "--set", "delay=1e308", "--set", "duration=1", "--out", out}, "delay = 1e+308 ms: is too large"},
        {{"run", "fi_curve", "--set", "dt=1e308", "--out", out}, "shorter than one step"},
        // networks that cannot fit in memory are refused before allocating, naming the size the user set
        {{"run", "vogels_abbott", "--set", "n=2147483648", "--out", out}, "n = 2147483648: makes synapses = about"},
        {{"run", "brunel", "--set", "n_exc=100000000", "--out", out}, "n_exc = 100000000: makes synapses"},
        // build errors name the key the user set and where
        {{"run", "vogels_abbott", "--config", (dir / "vth.toml").string(), "--out", out}, "vth.toml:3: coba.v_th = -70: makes v_reset = -60 invalid"},
        {{"run", "vogels_abbott", "--config", (dir / "delay.toml").string(), "--out", out}, "delay.toml:4: delay = 0.15 ms: is not a whole number"},
        {{"run", "vogels_abbott", "--config", dir.string(), "--out", out}, "is a directory"},
        // non-finite numbers: weights that overflow float32, initial values drawn infinite, a ratio by zero
        {{"run", "vogels_abbott", "--set", "coba.w_exc=1e308", "--set", "duration=1", "--out", out}, "coba.w_exc = 1e+308: weight gives inf"},
        {{"run", "vogels_abbott", "--set", "coba.v_init={dist=\"normal\",mean=1e308,sd=1e308}", "--set", "duration=1", "--out", out},
         "coba.v_init = { dist = \"normal\""},
        {{"run", "stdp_window", "--set", "w0=0", "--out", out}, "w0 = 0: must be > 0"},
        // short runs are refused when there would be nothing to analyse
        {{"run", "inhibitory_balance", "--set", "duration=200", "--out", out}, "duration = 200 ms: is shorter than one rate bin"},
        {{"run", "vogels_abbott", "--set", "stats.start=2000", "--out", out}, "stats.start = 2000 ms: lies after the end"},
        {{"run", "mlp", "--task", "fashion_mnist", "--train_samples", "70000", "--out", out}, "train_samples = 70000: exceeds the 60000 samples"},
        {{"run", "fi_curve", "--set", "model=if_delta_subtractive", "--out", out}, "unknown choice"},
        {{"run", "vogels_abbott", "--threads", "0"}, "threads"},
        {{"run", "vogels_abbott", "--bogus"}, "bogus"},
        {{"run"}, "missing experiment name"},
    };
    for (const auto& c : cases) {
        const auto r = cli(c.args);
        INFO(c.args.front() << " ... -> " << r.err);
        CHECK(r.code == 2);
        CHECK(one_line(r.err));
        CHECK(r.err.find(c.needle) != std::string::npos);
    }
    CHECK(!fs::exists(fs::path(out) / "vogels_abbott.h5"));  // nothing written for bad input
    // An output directory that cannot be created.
    std::ofstream(dir / "afile") << "x";
    auto r = cli({"run", "vogels_abbott", "--set", "duration=1", "--out", (dir / "afile" / "sub").string()});
    CHECK(r.code == 2);
    CHECK(one_line(r.err));
    CHECK(r.err.find("output directory") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("cli: a run writes SONATA spikes and a complete provenance", "[experiments][cli]") {
    const fs::path dir = fs::temp_directory_path() / "plastica_cli_run";
    fs::remove_all(dir);
    const auto r = cli({"run", "vogels_abbott", "--set", "duration=200", "--set", "n=1000", "--threads", "2", "--out", dir.string(), "--quiet"});
    // The plots beside the file (experiments/plot_run.py, matplotlib).
    CHECK(r.out.find("vogels_abbott_raster.png") != std::string::npos);
    for (const char* png : {"vogels_abbott_raster.png", "vogels_abbott_rates.png"}) {
        std::ifstream in(dir / png, std::ios::binary);
        char magic[8] = {};
        in.read(magic, 8);
        CHECK(std::string(magic + 1, 3) == "PNG");
    }
    REQUIRE(r.code == 0);
    CHECK(r.out.find("rate (Hz)") != std::string::npos);
    CHECK(r.out.find("synaptic events/s") != std::string::npos);
    hid_t f = H5Fopen((dir / "vogels_abbott.h5").string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(f >= 0);
    CHECK(read_str_attr(f, "/plastica/provenance", "status") == "complete");
    CHECK(read_str_attr(f, "/spikes/exc/timestamps", "units") == "ms");
    CHECK(read_str_attr(f, "/plastica/provenance", "config").find("model = \"coba\"") != std::string::npos);
    for (const char* pop : {"exc", "inh"}) {
        const std::string g = std::string("/spikes/") + pop;
        hid_t ts = H5Dopen2(f, (g + "/timestamps").c_str(), H5P_DEFAULT);
        hid_t ids = H5Dopen2(f, (g + "/node_ids").c_str(), H5P_DEFAULT);
        hid_t sp = H5Dget_space(ts);
        hsize_t n = 0;
        H5Sget_simple_extent_dims(sp, &n, nullptr);
        REQUIRE(n > 100);
        std::vector<double> t(n);
        std::vector<unsigned long long> id(n);
        H5Dread(ts, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, t.data());
        H5Dread(ids, H5T_NATIVE_ULLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, id.data());
        CHECK(std::is_sorted(t.begin(), t.end()));  // sorting = by_time
        CHECK(t.front() > 0);
        CHECK(t.back() <= 200.0);
        CHECK(*std::max_element(id.begin(), id.end()) < (std::string(pop) == "exc" ? 800u : 200u));
        // The SONATA enum attribute `sorting` reads as by_time (2).
        hid_t grp = H5Oopen(f, g.c_str(), H5P_DEFAULT);
        hid_t a = H5Aopen(grp, "sorting", H5P_DEFAULT);
        hid_t at = H5Aget_type(a);
        CHECK(H5Tget_class(at) == H5T_ENUM);
        unsigned char v = 0;
        H5Aread(a, H5T_NATIVE_UCHAR, &v);
        CHECK(v == 2);
        H5Tclose(at);
        H5Aclose(a);
        H5Oclose(grp);
        H5Sclose(sp);
        H5Dclose(ts);
        H5Dclose(ids);
    }
    H5Fclose(f);
    fs::remove_all(dir);
}

TEST_CASE("cli: every config in experiments/configs is valid for its experiment", "[experiments][cli]") {
    // A file is named <experiment>[_variant].toml.
    int checked = 0;
    for (const auto& f : fs::directory_iterator(PLASTICA_CONFIG_DIR)) {
        if (f.path().extension() != ".toml") continue;
        const std::string stem = f.path().stem().string();
        const Experiment* exp = nullptr;
        for (const auto& e : experiments())
            if (stem == e.name || stem.rfind(e.name + "_", 0) == 0) exp = &e;
        INFO(f.path());
        REQUIRE(exp);
        RunOptions opt;
        opt.config_file = f.path().string();
        CHECK_NOTHROW(load_config(*exp, opt));
        ++checked;
    }
    CHECK(checked >= 4);
}

TEST_CASE("cli: plotting a file that cannot be read leaves one line and no plots", "[experiments][cli]") {
    std::ostringstream err;
    CHECK(write_plots("/nonexistent/run.h5", err).empty());
    CHECK(one_line(err.str()));
    CHECK(err.str().find("no plots") != std::string::npos);
}

TEST_CASE("cli: help of an experiment lists the common options, cobahh's default model, one 'plastica:' per error line", "[experiments][cli]") {
    const auto h = cli({"run", "cobahh", "--help"});
    CHECK(h.code == 0);
    for (const char* opt : {"--out", "--threads", "--seed", "--config", "--no-plots", "--checkpoint-every", "--resume", "--overwrite"})
        CHECK(h.out.find(opt) != std::string::npos);
    CHECK(h.out.find("model                = \"cobahh\"") != std::string::npos);
    const auto e = cli({"run", "nosuch"});
    CHECK(e.err.find("plastica: error: plastica:") == std::string::npos);
    CHECK(e.err.rfind("plastica: error: run: experiment = nosuch", 0) == 0);
}

TEST_CASE("cli: brunel with STDP writes weight snapshots of a sample of exc->exc, with their unit", "[experiments][cli][plasticity]") {
    const fs::path dir = fs::temp_directory_path() / ("plastica_cli_brunel_stdp_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const auto r = cli({"run", "brunel", "--set", "stdp.enabled=true", "--set", "n_exc=1000", "--set", "duration=300", "--set",
                        "record.weights_interval=100", "--set", "record.weights_synapses=500", "--out", dir.string(), "--quiet", "--no-plots"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const H5Reader f((dir / "brunel.h5").string());
    std::vector<std::size_t> dims;
    const auto w = f.read("/plastica/weights/exc->exc/data", &dims);
    CHECK(dims == std::vector<std::size_t>{4, 500});  // 0, 100, 200, 300 ms
    CHECK(f.read("/plastica/weights/exc->exc/time") == std::vector<double>{0, 100, 200, 300});
    CHECK(f.attr_string("/plastica/weights/exc->exc", "unit") == "mV");
    CHECK(std::vector<double>(w.begin(), w.begin() + 500) != std::vector<double>(w.end() - 500, w.end()));  // STDP moved them
    fs::remove_all(dir);
}
