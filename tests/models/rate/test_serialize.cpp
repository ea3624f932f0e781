// Save and load: a loaded network predicts exactly what the saved one did, and training resumes
// from the saved optimizer state with the same result as training on without a break.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>

#include "bridges/synthetic.hpp"
#include "models/rate/serialize.hpp"
#include "models/rate/trainer.hpp"

using namespace plastica;
using namespace rate;

TEST_CASE("save and load a network with its optimizer state", "[rate][serialize]") {
    const auto path = (std::filesystem::temp_directory_path() / ("plastica_net_" + std::to_string(::getpid()) + ".h5")).string();
    const DataSplits d = gaussian_clusters(300, 100, 3, 6, 0.4, 2);
    Network<float> net(6, mlp_specs({12, 8}, "relu", 3, "none", 0.25, "he_uniform"), 3);
    Optimizer<float> opt(OptimizerSpec{}, net.params());
    TrainOptions o;
    o.classes = 3;
    o.epochs = 2;
    train(net, opt, o, d.train.view(), std::nullopt, std::nullopt);
    {
        H5File f(path);
        save_network(f, "/network", net, &opt);
    }
    LoadedNetwork<float> back = load_network<float>(path);
    REQUIRE(back.opt);
    CHECK(back.opt->steps == opt.steps);
    const Matrix<float> y0 = net.forward(d.test.x, Mode::eval);
    const Matrix<float> y1 = back.net->forward(d.test.x, Mode::eval);
    CHECK(y0 == y1);  // bit for bit
    // One more epoch (epoch index 2) on both: identical weights.
    o.epochs = 1;
    auto resume = [&](Network<float>& n, Optimizer<float>& p) {
        TrainOptions r = o;
        r.seed = 9;
        train(n, p, r, d.train.view(), std::nullopt, std::nullopt);
    };
    resume(net, opt);
    resume(*back.net, *back.opt);
    auto a = net.params(), b = back.net->params();
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(*a[i].value == *b[i].value);

    CHECK_THROWS_WITH(load_network<double>(path), Catch::Contains("precision = float32"));
    CHECK_THROWS_WITH(load_network<float>(path, "/elsewhere"), Catch::Contains("no saved network at /elsewhere"));
    CHECK_THROWS_WITH(load_network<float>(path + ".missing"), Catch::Contains("not an HDF5 file"));
    std::filesystem::remove(path);
}
