// `plastica run mlp`: the XOR and Fashion-MNIST runs end to end (summary, HDF5 learning curves,
// confusion matrix, a saved network that predicts what the run reported), and bad input.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "bridges/dataset.hpp"
#include "cli_helpers.hpp"
#include "models/rate/serialize.hpp"
#include "sim/hdf5.hpp"

using namespace plastica;
using plastica::test::cli;
using plastica::test::one_line;
namespace fs = std::filesystem;

namespace {
fs::path out_dir(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("plastica_mlp_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    return d;
}
}  // namespace

TEST_CASE("mlp on XOR: 100% accuracy, learning curves and network in the HDF5 file", "[experiments][mlp]") {
    const fs::path dir = out_dir("xor");
    const auto r = cli({"run", "mlp", "--task", "xor", "--out", dir.string(), "--quiet"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.out.find("test accuracy          1.0000") != std::string::npos);
    CHECK(r.out.find("MLP 2-4-1") != std::string::npos);
    CHECK(fs::file_size(dir / "mlp_learning_curves.png") > 1000);
    CHECK(fs::file_size(dir / "mlp_confusion.png") > 1000);
    const H5Reader h((dir / "mlp.h5").string());
    CHECK(h.attr_string("/plastica/provenance", "status") == "complete");
    std::vector<std::size_t> dims;
    const auto acc = h.read("/training/test_accuracy", &dims);
    CHECK(dims == std::vector<std::size_t>{2000});
    CHECK(acc.back() == 1.0);
    const auto conf = h.read("/evaluation/confusion", &dims);
    CHECK(dims == std::vector<std::size_t>{2, 2});
    CHECK(conf == std::vector<double>{2, 0, 0, 2});
    // The saved network predicts XOR.
    auto net = rate::load_network<float>((dir / "mlp.h5").string());
    rate::Matrix<float> x(2, 4);
    x << 0, 0, 1, 1, 0, 1, 0, 1;
    const rate::Matrix<float> y = net.net->forward(x, rate::Mode::eval);
    CHECK(y(0, 0) < 0.5f);
    CHECK(y(0, 1) > 0.5f);
    CHECK(y(0, 2) > 0.5f);
    CHECK(y(0, 3) < 0.5f);
    fs::remove_all(dir);
}

TEST_CASE("mlp: bad input exits 2 with one line naming the item", "[experiments][mlp][errors]") {
    const fs::path dir = out_dir("bad");
    auto fails = [&](std::vector<std::string> args, const std::string& what) {
        args.insert(args.begin(), {"run", "mlp"});
        args.insert(args.end(), {"--out", dir.string(), "--quiet"});
        const auto r = cli(args);
        INFO(r.err);
        CHECK(r.code == 2);
        CHECK(one_line(r.err));
        CHECK(r.err.find(what) != std::string::npos);
    };
    fails({"--task", "mnist3d"}, "task");
    fails({"--epoch", "3"}, "epoch");
    fails({"--task", "xor", "--hidden", "4,x"}, "hidden = 4,x");
    fails({"--task", "xor", "--momentum", "0", "--nesterov", "true"}, "nesterov");
    fails({"--data_dir", "/nonexistent/fmnist"}, "/nonexistent/fmnist");
    fails({"--task", "idx", "--train_images", "/tmp/a.idx"}, "train_images");
    fails({"--task", "xor", "--patience", "3"}, "patience");
    fails({"--task", "xor", "--loss", "cross_entropy", "--output", "sigmoid"}, "output");
    fails({"--task", "xor", "--lr", "-1"}, "lr");
    fails({"--task"}, "task");
    CHECK(!fs::exists(dir / "mlp.h5"));
    fs::remove_all(dir);
}

TEST_CASE("mlp on a 10,000-sample Fashion-MNIST subset: above 0.82 after 5 epochs", "[experiments][mlp][data]") {
    // CI's bounded check of the Fashion-MNIST pipeline (the full 60,000-sample run is the slow
    // test below). 784-256-10 ReLU, Adam 1e-3, batch 64 on the first 10,000 training images,
    // tested on all 10,000 test images: measured 0.840 (seed 1); the bound leaves room for seeds
    // and thread counts (results are bit-identical across the latter) but not for a broken net.
    if (!fs::exists(kFashionMnistDir)) FAIL("install Debian's dataset-fashion-mnist (experiments/deps.sh does)");
    const fs::path dir = out_dir("fmnist_subset");
    const auto r = cli({"run", "mlp", "--train_samples", "10000", "--epochs", "5", "--threads", "2", "--out", dir.string(), "--quiet", "--json", "--no-plots"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["train_samples"] == 10000);
    CHECK(j["test_samples"] == 10000);
    CHECK(j["test_accuracy"].get<double>() > 0.82);
    fs::remove_all(dir);
}

TEST_CASE("mlp on Fashion-MNIST: test accuracy at least 0.87 after 5 epochs", "[experiments][mlp][data][slow]") {
    if (!fs::exists(kFashionMnistDir)) FAIL("install Debian's dataset-fashion-mnist (experiments/deps.sh does)");
    const fs::path dir = out_dir("fmnist");
    const auto r = cli({"run", "mlp", "--epochs", "5", "--threads", "2", "--out", dir.string(), "--quiet", "--json", "--no-plots"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["test_accuracy"].get<double>() >= 0.87);
    fs::remove_all(dir);
}
