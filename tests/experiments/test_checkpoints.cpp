// Nothing lost through the command line: --checkpoint-every and --resume continue a run bit for
// bit in the same output file (also after a run was killed past its last checkpoint), SIGINT
// stops a run with a checkpoint and exit 130, a running output folder is locked, and a finished
// run is never overwritten without --overwrite.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_helpers.hpp"
#include "experiments/run_file.hpp"
#include "sim/hdf5.hpp"

using namespace plastica;
namespace fs = std::filesystem;

namespace {

std::string fresh(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("plastica_ckpt_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    return d.string();
}

/// Every dataset of the spike and weight groups of a run's file, as numbers.
std::map<std::string, std::vector<double>> data_of(const std::string& file, const std::vector<std::string>& datasets) {
    const H5Reader r(file);
    std::map<std::string, std::vector<double>> out;
    for (const auto& d : datasets) out[d] = r.read(d);
    return out;
}

test::CliResult run(std::vector<std::string> args) {
    args.insert(args.end(), {"--quiet", "--no-plots", "--json"});
    return test::cli(args);
}

}  // namespace

TEST_CASE("cli checkpoints: --checkpoint-every and --resume continue the same file bit for bit", "[experiments][checkpoint]") {
    const std::string a = fresh("a"), b = fresh("b");
    const std::vector<std::string> va = {"run", "vogels_abbott", "--set", "n=1000", "--threads", "2"};
    auto with = [&](std::vector<std::string> more) {
        std::vector<std::string> v = va;
        v.insert(v.end(), more.begin(), more.end());
        return v;
    };
    // Straight: 300 ms.
    const auto s = run(with({"--set", "duration=300", "--out", b}));
    REQUIRE(s.code == 0);
    // Checkpoints every 100 ms of a run that went on to 250 ms: its file holds spikes past the last
    // checkpoint (200 ms), as a run killed after it would.
    const auto k = run(with({"--set", "duration=250", "--checkpoint-every", "100", "--out", a}));
    REQUIRE(k.code == 0);
    const std::string ckpt = a + "/vogels_abbott.checkpoint.h5";
    REQUIRE(fs::exists(ckpt));
    REQUIRE(H5Reader(ckpt).attr_int("/plastica/checkpoint", "step") == 2000);
    // Resumed at one thread with a longer duration: the file is cut back to 200 ms and continued.
    const auto r = run({"run", "vogels_abbott", "--resume", ckpt, "--set", "duration=300", "--threads", "1", "--out", a});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const std::vector<std::string> sets = {"/spikes/exc/timestamps", "/spikes/exc/node_ids", "/spikes/inh/timestamps", "/spikes/inh/node_ids"};
    const auto da = data_of(a + "/vogels_abbott.h5", sets), db = data_of(b + "/vogels_abbott.h5", sets);
    REQUIRE(da.at("/spikes/exc/timestamps").size() > 1000);
    REQUIRE(da == db);
    // the summary covers the whole run, as the straight run's
    const auto ja = nlohmann::json::parse(r.out), jb = nlohmann::json::parse(s.out);
    CHECK(ja["populations"] == jb["populations"]);
    CHECK(ja["synaptic_events"] == jb["synaptic_events"]);
    const H5Reader f(a + "/vogels_abbott.h5");
    CHECK(f.attr_string("/plastica/provenance", "status") == "complete");
    CHECK(f.attr_string("/plastica/provenance", "resumed_from") == ckpt);
    // a resumed run may change only its duration
    const auto bad = test::cli({"run", "vogels_abbott", "--resume", ckpt, "--set", "n=2000", "--out", a});
    CHECK(bad.code == 2);
    CHECK(test::one_line(bad.err));
    CHECK(bad.err.find("n = 2000: differs from the checkpoint's 1000") != std::string::npos);
    // a checkpoint of another experiment, a missing file
    const auto other = test::cli({"run", "brunel", "--resume", ckpt, "--out", a});
    CHECK(other.code == 2);
    CHECK(other.err.find("is a checkpoint of 'vogels_abbott', not of 'brunel'") != std::string::npos);
    const auto missing = test::cli({"run", "brunel", "--resume", a + "/none.h5", "--out", a});
    CHECK(missing.code == 2);
    CHECK(test::one_line(missing.err));
    CHECK(missing.err.find("none.h5") != std::string::npos);
    // experiments without a step-clock network refuse the flags
    const auto mlp = test::cli({"run", "mlp", "--task", "xor", "--checkpoint-every", "10", "--out", a});
    CHECK(mlp.code == 2);
    CHECK(mlp.err.find("does not take checkpoints") != std::string::npos);
    fs::remove_all(a);
    fs::remove_all(b);
}

TEST_CASE("cli checkpoints: a plastic network with its weight snapshots and the experiment's monitor resumes bit for bit", "[experiments][checkpoint][plasticity]") {
    const std::string a = fresh("ra"), b = fresh("rb");
    const std::vector<std::string> small = {"--set", "n_exc=400", "--set", "n_inh=100", "--set", "k_exc_exc=50", "--set", "k_exc_inh=10",
                                            "--set", "k_inh_exc=50", "--set", "record.weights_interval=100", "--threads", "2"};
    auto args = [&](const std::string& dir, std::vector<std::string> more) {
        std::vector<std::string> v = {"run", "reward_stdp", "--out", dir};
        v.insert(v.end(), small.begin(), small.end());
        v.insert(v.end(), more.begin(), more.end());
        return v;
    };
    REQUIRE(run(args(b, {"--set", "duration=600"})).code == 0);
    REQUIRE(run(args(a, {"--set", "duration=300", "--checkpoint-every", "300"})).code == 0);
    const auto r = run({"run", "reward_stdp", "--resume", a + "/reward_stdp.checkpoint.h5", "--set", "duration=600", "--out", a, "--threads", "1"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const std::vector<std::string> sets = {"/spikes/exc/timestamps", "/spikes/exc/node_ids", "/plastica/weights/exc->exc/data",
                                           "/plastica/weights/exc->exc/time"};
    const auto da = data_of(a + "/reward_stdp.h5", sets), db = data_of(b + "/reward_stdp.h5", sets);
    REQUIRE(da.at("/plastica/weights/exc->exc/time").size() == 7);  // 0, 100, ..., 600 ms
    REQUIRE(da == db);
    fs::remove_all(a);
    fs::remove_all(b);
}

TEST_CASE("cli: SIGINT stops a run at a step boundary with a checkpoint and exit 130, resuming finishes it bit for bit", "[experiments][checkpoint][signals]") {
    const std::string a = fresh("sig"), b = fresh("sigb");
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execl(PLASTICA_BINARY, PLASTICA_BINARY, "run", "vogels_abbott", "--set", "n=1000", "--set", "duration=1000000", "--threads", "1",
                "--no-plots", "--out", a.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // wait until the run is under way (its file exists; HDF5 locks it against readers), then interrupt it
    const std::string file = a + "/vogels_abbott.h5";
    for (int i = 0; i < 600 && !fs::exists(file); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 130);
    const std::string ckpt = a + "/vogels_abbott.checkpoint.h5";
    REQUIRE(fs::exists(ckpt));
    const double t_ms = H5Reader(ckpt).read("/plastica/checkpoint/state/clock/step").at(0) * 0.1;
    const std::string st = H5Reader(file).attr_string("/plastica/provenance", "status");
    INFO(st);
    REQUIRE(st.rfind("interrupted at t = ", 0) == 0);
    // finish it a little later than it stopped and compare with a straight run
    const std::string total = "duration=" + std::to_string(static_cast<long long>(t_ms) + 50);
    const auto r = run({"run", "vogels_abbott", "--resume", ckpt, "--set", total, "--out", a});
    INFO(r.err);
    REQUIRE(r.code == 0);
    REQUIRE(run({"run", "vogels_abbott", "--set", "n=1000", "--set", total, "--out", b}).code == 0);
    const std::vector<std::string> sets = {"/spikes/exc/timestamps", "/spikes/exc/node_ids", "/spikes/inh/timestamps", "/spikes/inh/node_ids"};
    REQUIRE(data_of(file, sets) == data_of(b + "/vogels_abbott.h5", sets));
    fs::remove_all(a);
    fs::remove_all(b);
}

TEST_CASE("cli: a locked output folder and a finished run are refused, --overwrite clears the earlier run's files", "[experiments][cli][errors]") {
    const std::string a = fresh("lock");
    const std::vector<std::string> quick = {"run", "vogels_abbott", "--set", "n=500", "--set", "duration=20", "--out", a, "--quiet", "--no-plots"};
    {
        fs::create_directories(a);
        OutputLock held(a, "vogels_abbott");  // as a running run holds it
        const auto r = test::cli(quick);
        CHECK(r.code == 2);
        CHECK(test::one_line(r.err));
        CHECK(r.err.find("another Plastica run is writing") != std::string::npos);
        CHECK(!fs::exists(a + "/vogels_abbott.h5"));
    }
    REQUIRE(test::cli(quick).code == 0);
    std::ofstream(a + "/vogels_abbott_raster.png") << "old";
    std::ofstream(a + "/unrelated.txt") << "mine";
    const auto again = test::cli(quick);
    CHECK(again.code == 2);
    CHECK(test::one_line(again.err));
    CHECK(again.err.find("already holds a run of vogels_abbott") != std::string::npos);
    CHECK(again.err.find("status: complete") != std::string::npos);
    std::vector<std::string> over = quick;
    over.push_back("--overwrite");
    REQUIRE(test::cli(over).code == 0);
    CHECK(!fs::exists(a + "/vogels_abbott_raster.png"));  // the earlier run's plot is gone
    CHECK(fs::exists(a + "/unrelated.txt"));
    CHECK(H5Reader(a + "/vogels_abbott.h5").attr_string("/plastica/provenance", "status") == "complete");
    fs::remove_all(a);
}

TEST_CASE("cli: a full disk ends the run with one line, exit 1, and a file that is readable and says why", "[experiments][cli][errors]") {
    // On a 4 MiB tmpfs where the machine allows mounting (CI runs as root); elsewhere the same
    // check is made to fail by a reserve larger than any disk (PLASTICA_DISK_RESERVE_BYTES).
    const std::string mnt = fresh("full");
    fs::create_directories(mnt);
    const bool mounted = ::geteuid() == 0 && std::system(("mount -t tmpfs -o size=4m tmpfs " + mnt + " 2>/dev/null").c_str()) == 0;
    if (!mounted) WARN("no tmpfs (not root or mounting not allowed): injecting the full disk instead");
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int out = ::open((mnt + ".stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(out, 2);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        if (!mounted) ::setenv("PLASTICA_DISK_RESERVE_BYTES", "1e30", 1);
        ::execl(PLASTICA_BINARY, PLASTICA_BINARY, "run", "vogels_abbott", "--set", "duration=20000", "--threads", "2", "--no-plots", "--quiet",
                "--out", (mnt + "/o").c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::ifstream in(mnt + ".stderr");
    const std::string err((std::istreambuf_iterator<char>(in)), {});
    INFO(err);
    REQUIRE(WIFEXITED(status));  // never a crash
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(test::one_line(err));
    CHECK(err.find("the disk is full") != std::string::npos);
    {
        const H5Reader f(mnt + "/o/vogels_abbott.h5");
        const std::string st = f.attr_string("/plastica/provenance", "status");
        CHECK(st.rfind("failed: ", 0) == 0);
        CHECK(st.find("the disk is full") != std::string::npos);
        if (mounted) CHECK(f.read("/spikes/exc/timestamps").size() > 1000);  // everything up to the last flush
    }
    if (mounted) CHECK(std::system(("umount " + mnt).c_str()) == 0);
    fs::remove_all(mnt);
    fs::remove(mnt + ".stderr");
}
