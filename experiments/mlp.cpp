// mlp — a multilayer perceptron trained by backpropagation (models/rate/) on a classification
// task: Fashion-MNIST (default; Debian's dataset-fashion-mnist), any IDX dataset (MNIST family
// file names in `data_dir`, or four explicit files), XOR, Gaussian clusters or two spirals.
// Each task has a preset of sensible defaults (see mlp_preset); a config file or --set/--key
// overrides any of them.
//
// Output: <out>/mlp.h5 with /training/<metric> (one entry per epoch, appended and flushed as the
// run goes), /evaluation/confusion (test set; rows true class, columns predicted) and
// /network (the trained network and optimizer state, loadable with rate::load_network); a
// per-epoch table and the confusion matrix on stdout; progress with an ETA on stderr.
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bridges/dataset.hpp"
#include "bridges/synthetic.hpp"
#include "experiments/experiment.hpp"
#include "experiments/plots.hpp"
#include "experiments/progress.hpp"
#include "experiments/run_file.hpp"
#include "experiments/spiking_run.hpp"
#include "models/rate/serialize.hpp"
#include "models/rate/trainer.hpp"

namespace plastica {

namespace {

/// One epoch's record as (name, value) pairs: the columns of /training and the JSON report.
std::vector<std::pair<const char*, double>> epoch_fields(const rate::EpochRecord& r) {
    return {{"epoch", static_cast<double>(r.epoch + 1)}, {"lr", r.lr}, {"train_loss", r.train_loss}, {"train_accuracy", r.train_accuracy},
            {"val_loss", r.val_loss}, {"val_accuracy", r.val_accuracy}, {"test_loss", r.test_loss}, {"test_accuracy", r.test_accuracy},
            {"seconds", r.seconds}};
}

std::vector<ParamSpec> mlp_schema() {
    return {
        ParamSpec::text("task", "fashion_mnist", {"fashion_mnist", "idx", "xor", "clusters", "spirals"}, "classification task"),
        ParamSpec::text("data_dir", kFashionMnistDir, {}, "fashion_mnist, idx: directory with {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]"),
        ParamSpec::text("train_images", "", {}, "idx: training images file (overrides data_dir; give all four files)"),
        ParamSpec::text("train_labels", "", {}, "idx: training labels file"),
        ParamSpec::text("test_images", "", {}, "idx: test images file"),
        ParamSpec::text("test_labels", "", {}, "idx: test labels file"),
        ParamSpec::integer("train_samples", 0, "", "use the first N training samples (0: all; synthetic tasks: how many to draw)").at_least(0),
        ParamSpec::integer("test_samples", 0, "", "use the first N test samples (0: all; synthetic tasks: how many to draw)").at_least(0),
        ParamSpec::integer("classes", 4, "", "clusters: number of classes").at_least(2),
        ParamSpec::integer("dims", 2, "", "clusters: input dimensions").at_least(1),
        ParamSpec::number("noise", 0.2, "", "clusters: cluster spread (sd); spirals: coordinate noise (sd)").at_least(0),
        ParamSpec::number("turns", 1.5, "", "spirals: turns of each spiral").positive(),
        ParamSpec::text("normalise", "scale", {"none", "scale", "standardize"}, "features: none, divide by 255, or z-score with training statistics"),
        ParamSpec::number("validation", 0, "", "fraction of the training set held out for validation (early stopping)").between(0, 0.9),
        ParamSpec::text("hidden", "256", {}, "hidden layer sizes, comma-separated (empty: none)"),
        ParamSpec::text("activation", "relu", {"relu", "tanh", "sigmoid"}, "hidden-layer activation"),
        ParamSpec::text("output", "none", {"none", "sigmoid", "softmax"}, "output activation (none: logits, for cross_entropy; sigmoid with mse on two classes: one output unit)"),
        ParamSpec::text("loss", "cross_entropy", {"cross_entropy", "mse"}, "loss (cross_entropy is fused with softmax)"),
        ParamSpec::text("init", "pytorch", {"uniform", "normal", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "pytorch"},
                        "weight initialiser (pytorch: U(+-1/sqrt(fan_in)) for weights and biases, as torch.nn.Linear)"),
        ParamSpec::number("dropout", 0, "", "dropout rate after each hidden layer").between(0, 0.95),
        ParamSpec::text("optimizer", "adam", {"sgd", "rmsprop", "adam"}, "optimizer (PyTorch's update rules)"),
        ParamSpec::number("lr", 1e-3, "", "learning rate").positive(),
        ParamSpec::number("momentum", 0, "", "sgd: momentum").between(0, 1),
        ParamSpec::boolean("nesterov", false, "sgd: Nesterov momentum"),
        ParamSpec::number("alpha", 0.99, "", "rmsprop: squared-gradient decay").between(0, 1),
        ParamSpec::number("beta1", 0.9, "", "adam: first-moment decay").between(0, 1),
        ParamSpec::number("beta2", 0.999, "", "adam: second-moment decay").between(0, 1),
        ParamSpec::number("eps", 1e-8, "", "rmsprop, adam: denominator epsilon").positive(),
        ParamSpec::number("l1", 0, "", "L1 penalty on weights").at_least(0),
        ParamSpec::number("l2", 0, "", "L2 penalty on weights (PyTorch's weight_decay)").at_least(0),
        ParamSpec::text("schedule", "constant", {"constant", "step", "cosine"}, "learning-rate schedule over epochs"),
        ParamSpec::integer("step_size", 1, "epochs", "step schedule: epochs between decays").at_least(1),
        ParamSpec::number("gamma", 0.1, "", "step schedule: decay factor").positive(),
        ParamSpec::number("min_lr", 0, "", "cosine schedule: final learning rate").at_least(0),
        ParamSpec::integer("batch", 64, "samples", "mini-batch size").at_least(1),
        ParamSpec::integer("epochs", 5, "", "passes over the training set").at_least(1),
        ParamSpec::integer("patience", 0, "epochs", "early stopping after this many epochs without a better validation loss (0: off)").at_least(0),
        ParamSpec::number("min_delta", 0, "", "early stopping: smallest validation-loss decrease that counts").at_least(0),
        ParamSpec::text("precision", "float32", {"float32", "float64"}, "arithmetic of the network"),
        ParamSpec::integer("seed", 1, "", "seed of weights, sample order, dropout and synthetic data (--seed overrides)").between(0, 4294967295.0),
    };
}

/// Defaults per task, so that `plastica run mlp --task xor` works as it stands.
std::string mlp_preset(const Config& cfg) {
    const std::string& t = cfg.text("task");
    if (t == "xor")
        return "hidden = \"4\"\nactivation = \"tanh\"\noutput = \"sigmoid\"\nloss = \"mse\"\noptimizer = \"sgd\"\nmomentum = 0.9\n"
               "lr = 0.5\nbatch = 4\nepochs = 2000\ninit = \"xavier_uniform\"\nnormalise = \"none\"\n";
    if (t == "spirals")
        return "hidden = \"64,64\"\nlr = 0.003\nbatch = 32\nepochs = 150\nnormalise = \"none\"\ninit = \"he_uniform\"\nnoise = 0.0\n";
    if (t == "clusters") return "hidden = \"16\"\nlr = 0.01\nbatch = 32\nepochs = 50\nnormalise = \"none\"\n";
    return "";
}


DataSplits load_task(const Config& cfg) {
    const std::string& task = cfg.text("task");
    const auto seed = cfg.integer_as<std::uint32_t>("seed");
    const auto n_train = cfg.integer("train_samples"), n_test = cfg.integer("test_samples");
    DataSplits d;
    if (task == "xor") {
        d = xor_task();
    } else if (task == "clusters") {
        d = gaussian_clusters(n_train ? n_train : 2000, n_test ? n_test : 1000, cfg.integer_as<int>("classes"),
                              cfg.integer_as<int>("dims"), cfg.number("noise"), seed);
    } else if (task == "spirals") {
        d = two_spirals(n_train ? n_train : 2000, n_test ? n_test : 1000, cfg.number("turns"), cfg.number("noise"), seed);
    } else {
        const std::string files[4] = {cfg.text("train_images"), cfg.text("train_labels"), cfg.text("test_images"), cfg.text("test_labels")};
        const int given = !files[0].empty() + !files[1].empty() + !files[2].empty() + !files[3].empty();
        if (task == "idx" && given == 4) {
            d = load_idx_files(files[0], files[1], files[2], files[3], "idx");
        } else if (given) {
            throw Error(cfg.origin("train_images"), "train_images", files[0],
                        "give all four of train_images, train_labels, test_images, test_labels (task = idx), or data_dir");
        } else {
            d = task == "fashion_mnist" ? fashion_mnist(cfg.text("data_dir")) : load_idx_directory(cfg.text("data_dir"), "idx");
        }
        if (n_train) d.train = d.train.first(n_train, cfg.origin("train_samples"), "train_samples");
        if (n_test) d.test = d.test.first(n_test, cfg.origin("test_samples"), "test_samples");
    }
    normalise(d, normalisation(cfg.text("normalise"), cfg.origin("normalise")));
    split_validation(d, cfg.number("validation"), seed);
    return d;
}

std::string confusion_table(const Eigen::MatrixXi& c, const std::vector<std::string>& names) {
    std::ostringstream os;
    const int K = static_cast<int>(c.rows());
    auto label = [&](int k) { return k < static_cast<int>(names.size()) ? names[static_cast<std::size_t>(k)] : std::to_string(k); };
    std::size_t w = 6;
    for (int k = 0; k < K; ++k) w = std::max(w, std::to_string(k).size() + label(k).size() + 2);
    os << "  confusion (rows: true class, columns: predicted)\n  " << std::setw(static_cast<int>(w)) << "";
    for (int k = 0; k < K; ++k) os << std::setw(6) << k;
    os << "   recall\n";
    for (int r = 0; r < K; ++r) {
        os << "  " << std::left << std::setw(static_cast<int>(w)) << (std::to_string(r) + " " + label(r)).substr(0, w) << std::right;
        for (int k = 0; k < K; ++k) os << std::setw(6) << c(r, k);
        const int row = c.row(r).sum();
        os << std::setw(9) << std::fixed << std::setprecision(3) << (row ? static_cast<double>(c(r, r)) / row : 0.0) << "\n";
    }
    return os.str();
}

template <class T>
void run_mlp_as(const Config& cfg, const RunOptions& opt, std::ostream& out, std::ostream& err, bool json) {
    using namespace rate;
    const std::string where = "experiment 'mlp'";
    const int threads = opt.threads > 0 ? opt.threads : tbb::info::default_concurrency();
    tbb::task_arena arena(threads);  // all of the network's parallel work runs in this arena

    const auto t_load = std::chrono::steady_clock::now();
    DataSplits d = load_task(cfg);
    const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_load).count();
    const int K = d.train.classes;
    const LossKind loss = loss_kind(cfg.text("loss"), cfg.origin("loss"));
    const std::string output = cfg.text("output");
    const Eigen::Index outputs = (loss == LossKind::mse && K == 2 && output == "sigmoid") ? 1 : K;
    if (loss == LossKind::cross_entropy && output != "none")
        throw Error(cfg.origin("output"), "output", output, "cross_entropy takes logits (output = none): it applies softmax itself");
    const auto seed = cfg.integer_as<std::uint32_t>("seed");
    rate::Network<T> net(d.train.features(), mlp_specs(parse_hidden(cfg.text("hidden"), cfg.origin("hidden")), cfg.text("activation"), outputs,
                                                 output, cfg.number("dropout"), cfg.text("init")),
                   seed, where);
    OptimizerSpec os;
    os.kind = cfg.text("optimizer");
    os.momentum = cfg.number("momentum");
    os.nesterov = cfg.boolean("nesterov");
    os.alpha = cfg.number("alpha");
    os.beta1 = cfg.number("beta1");
    os.beta2 = cfg.number("beta2");
    os.eps = cfg.number("eps");
    os.l1 = cfg.number("l1");
    os.l2 = cfg.number("l2");
    Optimizer<T> optimizer(os, net.params(), where);
    TrainOptions to;
    to.epochs = cfg.integer("epochs");
    to.batch = cfg.integer("batch");
    to.seed = seed;
    to.loss = loss;
    to.classes = K;
    to.patience = cfg.integer("patience");
    to.min_delta = cfg.number("min_delta");
    to.schedule.kind = cfg.text("schedule");
    to.schedule.lr = cfg.number("lr");
    to.schedule.step_size = cfg.integer("step_size");
    to.schedule.gamma = cfg.number("gamma");
    to.schedule.min_lr = cfg.number("min_lr");
    to.schedule.epochs = to.epochs;
    to.schedule.validate(where);
    if (to.patience > 0 && d.validation.size() == 0)
        throw Error(cfg.origin("patience"), "patience", std::to_string(to.patience), "early stopping needs a validation set (set validation > 0)");

    const std::string path = (std::filesystem::path(opt.out_dir) / "mlp.h5").string();
    std::unique_ptr<RunFile> file;
    if (!opt.bench) {
        check_output_dir(opt.out_dir);
        file = std::make_unique<RunFile>(path, find_experiment("mlp"), cfg, opt, threads);
    }
    std::ostringstream table;
    table << "  epoch        lr   train loss  train acc   val loss   val acc   test loss  test acc   time (s)\n";
    ProgressBar bar(err, "mlp", static_cast<double>(to.epochs), opt.progress, "epochs");
    const auto t0 = std::chrono::steady_clock::now();
    // At most about 20 rows in the printed table (all epochs are in the HDF5 file).
    const std::int64_t stride = std::max<std::int64_t>(1, (to.epochs + 19) / 20);
    auto on_epoch = [&](const EpochRecord& r) {
        if ((r.epoch + 1) % stride == 0 || r.epoch == 0 || r.epoch + 1 == to.epochs) table << std::fixed << "  " << std::setw(5) << r.epoch + 1 << std::setw(10) << std::setprecision(6) << r.lr << std::setprecision(4)
              << std::setw(13) << r.train_loss << std::setw(11) << r.train_accuracy << std::setw(11) << r.val_loss << std::setw(10)
              << r.val_accuracy << std::setw(12) << r.test_loss << std::setw(10) << r.test_accuracy << std::setw(11)
              << std::setprecision(3) << r.seconds << "\n";
        if (file) {
            H5File& h = file->h5();
            for (const auto& [name, v] : epoch_fields(r)) h.append(std::string("/training/") + name, &v, 1);
            h.flush();
        }
        bar.update(static_cast<double>(r.epoch + 1) / static_cast<double>(to.epochs),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    };
    TrainResult res;
    Evaluation test;
    try {
        arena.execute([&] {
            res = train(net, optimizer, to, d.train.view(),
                        d.validation.size() ? std::optional<SampleView>(d.validation.view()) : std::nullopt, d.test.view(), on_epoch);
            test = evaluate(net, loss, d.test.view(), K);
        });
        bar.finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        if (file) {
            H5File& h = file->h5();
            h.ensure_group("/evaluation");
            const Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> c = test.confusion;
            h.append_rows("/evaluation/confusion", c.data(), static_cast<std::size_t>(K), static_cast<std::size_t>(K));
            h.attr("/evaluation", "test_accuracy", test.accuracy);
            h.attr("/evaluation", "test_loss", test.loss);
            h.attr("/evaluation", "stopped_early", static_cast<std::int64_t>(res.stopped_early));
            h.attr("/evaluation", "best_epoch", static_cast<std::int64_t>(res.best_epoch + 1));
            nlohmann::json names = d.test.class_names;
            h.attr("/evaluation", "class_names", names.dump());
            save_network(h, "/network", net, &optimizer);
            file->complete();
        }
    } catch (const std::exception& e) {
        if (file) file->failed(e.what());
        throw;
    }
    std::vector<std::string> plots;
    if (file && opt.plots) {
        file.reset();  // closed, so the plotting process reads everything
        plots = write_plots(path, err);
    }
    double train_s = 0;
    for (const auto& r : res.epochs) train_s += r.seconds;
    const double epoch_s = res.epochs.empty() ? 0 : train_s / static_cast<double>(res.epochs.size());
    if (json) {
        nlohmann::json j;
        j["experiment"] = "mlp";
        j["task"] = cfg.text("task");
        j["threads"] = threads;
        j["train_samples"] = d.train.size();
        j["test_samples"] = d.test.size();
        j["test_accuracy"] = test.accuracy;
        j["test_loss"] = test.loss;
        j["load_s"] = load_s;
        j["mean_epoch_s"] = epoch_s;
        j["plots"] = plots;
        for (const auto& r : res.epochs) {
            nlohmann::json e;
            for (const auto& [name, v] : epoch_fields(r)) e[name] = v;  // NaN (no such set) becomes null
            j["epochs"].push_back(e);
        }
        out << j.dump() << "\n";
        return;
    }
    std::string arch = std::to_string(net.inputs());
    for (const auto& s : net.specs())
        if (s.kind == "dense") arch += "-" + std::to_string(s.units);
    out << "MLP " << arch << " (" << cfg.text("activation") << ", " << cfg.text("loss") << ", " << os.kind << " lr " << to_text(to.schedule.lr)
        << ", batch " << to.batch << ", " << cfg.text("precision") << ") on " << cfg.text("task") << ": " << d.train.size() << " training, "
        << d.validation.size() << " validation, " << d.test.size() << " test samples, " << threads << " thread(s)\n\n";
    out << table.str();
    if (res.stopped_early) out << "  stopped early; weights of epoch " << res.best_epoch + 1 << " restored\n";
    out << "\n" << confusion_table(test.confusion, d.test.class_names) << "\n";
    out << std::fixed << std::setprecision(4) << "  test accuracy          " << test.accuracy << "\n";
    out << std::setprecision(3) << "  mean epoch time        " << epoch_s << " s (" << std::setprecision(0)
        << (epoch_s > 0 ? static_cast<double>(d.train.size()) / epoch_s : 0) << " samples/s)\n";
    out << std::setprecision(2) << "  data loading           " << load_s << " s\n";
    out << std::setprecision(3) << "  multiply-adds/sample   " << net.forward_multiply_adds() << " (forward)\n";
    if (!opt.bench) out << "  output                 " << path << "\n";
    for (const auto& p : plots) out << "  plot                   " << p << "\n";
}

void run_mlp(const Config& cfg, const RunOptions& opt, std::ostream& out, std::ostream& err, bool json) {
    if (cfg.text("precision") == "float64") run_mlp_as<double>(cfg, opt, out, err, json);
    else run_mlp_as<float>(cfg, opt, out, err, json);
}

}  // namespace

Experiment mlp_experiment() {
    Experiment e;
    e.name = "mlp";
    e.summary = "Multilayer perceptron trained by backprop: Fashion-MNIST, IDX files, XOR, clusters, spirals";
    e.schema = mlp_schema;
    e.run = run_mlp;
    e.preset = mlp_preset;
    return e;
}

}  // namespace plastica
