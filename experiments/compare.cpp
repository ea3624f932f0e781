// compare — biological and gradient learners on the same task, with the same training samples in
// the same order and the same seed, side by side (bridges/comparison.hpp), in one comparison:
//
//   plastica run compare --task fashion_mnist --learners backprop,feedback_alignment --budget 60000 --seed 1
//
// Output: <out>/compare.h5 with /comparison/<learner>/{curve/{samples, accuracy, seconds,
// synaptic_events, multiply_adds}, confusion, per_class_accuracy, receptive_fields} and the table
// in attributes (test_accuracy, seconds, synaptic_events, multiply_adds, samples_to_90);
// <out>/compare.json (the same, for scripts); PNGs beside them (learning curves, accuracy against
// cost, receptive fields of each learner's first layer); <out>/compare_state/<learner>.h5, each
// learner's state after its last curve point; <out>/compare.checkpoint.h5, the run's checkpoint in
// the format every run's has (sim/checkpoint.hpp: experiment, config, and here the state folder
// instead of a network's state), from which `--resume` continues a stopped run bit for bit, as a
// spiking run's: `plastica run compare --resume out/compare.checkpoint.h5` (only `learners` and
// `curve.stop_after` may change; the results are appended to the same compare.h5).
#include <tbb/info.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bridges/comparison.hpp"
#include "experiments/experiment.hpp"
#include "experiments/plots.hpp"
#include "experiments/progress.hpp"
#include "experiments/resume_config.hpp"
#include "experiments/run_file.hpp"
#include "experiments/spiking_run.hpp"
#include "sim/checkpoint.hpp"

namespace plastica {

namespace {

std::string all_learners() {
    std::string s;
    for (const auto& l : learner_infos()) s += (s.empty() ? "" : ",") + l.name;
    return s;
}

std::vector<ParamSpec> compare_schema() {
    std::vector<ParamSpec> s = {
        ParamSpec::text("task", "fashion_mnist", task_names(), "task the learners share"),
        ParamSpec::text("data_dir", kFashionMnistDir, {}, "fashion_mnist, idx: directory with {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]"),
        ParamSpec::text("train_images", "", {}, "idx: training images file (give all four files)"),
        ParamSpec::text("train_labels", "", {}, "idx: training labels file"),
        ParamSpec::text("test_images", "", {}, "idx: test images file"),
        ParamSpec::text("test_labels", "", {}, "idx: test labels file"),
        ParamSpec::integer("train_samples", 0, "", "use the first N training samples (0: all; synthetic tasks: how many to draw)").at_least(0),
        ParamSpec::integer("test_samples", 0, "", "use the first N test samples (0: all; synthetic tasks: how many to draw)").at_least(0),
        ParamSpec::text("class_subset", "", {}, "keep only these classes, comma-separated (e.g. 0,1; relabelled in that order); empty: all"),
        ParamSpec::integer("classes", 4, "", "clusters: number of classes").at_least(2),
        ParamSpec::integer("dims", 2, "", "clusters: input dimensions").at_least(1),
        ParamSpec::number("noise", 0.2, "", "clusters: cluster spread (sd)").at_least(0),
        ParamSpec::integer("bar_size", 8, "", "bars: image side (pixels)").at_least(2),
        ParamSpec::text("learners", all_learners(), {}, "learners, comma-separated (" + all_learners() + ")"),
        ParamSpec::integer("budget", 0, "samples", "training samples each learner sees (0: one pass over the training set)").at_least(0),
        ParamSpec::boolean("repeat", false, "allow a budget above the training set's size (several epochs)"),
        ParamSpec::integer("curve.points", 10, "", "points of each learning curve").at_least(1),
        ParamSpec::integer("curve.samples", 1000, "", "test samples the learning curves are measured on (0: all)").at_least(0),
        ParamSpec::integer("curve.stop_after", 0, "", "stop after this many curve points, state saved (0: run to the end); resume later").at_least(0),
        ParamSpec::integer("seed", 1, "", "seed of sample order, weights and spikes (--seed overrides)").between(0, 4294967295.0),
    };
    for (const auto& l : learner_infos())
        for (auto& p : l.schema()) s.push_back(p);
    return s;
}

std::vector<std::string> split_names(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
        if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

/// Keys a resumed comparison may change: which learners run, and where to stop.
const std::vector<std::string> kResumeMayChange = {"learners", "curve.stop_after"};

/// The settings a saved state must match: every key but those a resumed run may change.
std::string fingerprint(const Config& cfg) {
    std::ostringstream os;
    for (const auto& s : cfg.schema()) {
        if (std::find(kResumeMayChange.begin(), kResumeMayChange.end(), s.key) != kResumeMayChange.end()) continue;
        os << s.key << "=";
        switch (s.type) {
            case ParamType::number: os << to_text(cfg.number(s.key)); break;
            case ParamType::integer: os << cfg.integer(s.key); break;
            case ParamType::boolean: os << cfg.boolean(s.key); break;
            case ParamType::text: os << cfg.text(s.key); break;
            default: break;
        }
        os << "\n";
    }
    return os.str();
}

void write_results(H5File& h, const std::vector<LearnerResult>& results, const Task& task) {
    h.ensure_group("/comparison");
    h.attr("/comparison", "task", task.name);
    h.attr("/comparison", "class_names", nlohmann::json(task.test().class_names).dump());
    std::vector<std::uint32_t> shape(task.test().shape.begin(), task.test().shape.end());
    h.attr("/comparison", "sample_shape", shape);
    for (const auto& r : results) {
        const std::string g = "/comparison/" + r.name;
        h.ensure_group(g + "/curve");
        std::vector<double> s, a, t, ev, ma;
        for (const auto& p : r.curve) {
            s.push_back(static_cast<double>(p.samples));
            a.push_back(p.accuracy);
            t.push_back(p.seconds);
            ev.push_back(static_cast<double>(p.cost.synaptic_events));
            ma.push_back(static_cast<double>(p.cost.multiply_adds));
        }
        h.write(g + "/curve/samples", s);
        h.write(g + "/curve/accuracy", a);
        h.write(g + "/curve/seconds", t);
        h.write(g + "/curve/synaptic_events", ev);
        h.write(g + "/curve/multiply_adds", ma);
        const Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> c = r.test.confusion;
        h.append_rows(g + "/confusion", c.data(), static_cast<std::size_t>(c.rows()), static_cast<std::size_t>(c.cols()));
        h.write(g + "/per_class_accuracy", r.test.per_class);
        const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> f = r.receptive_fields;
        h.append_rows(g + "/receptive_fields", f.data(), static_cast<std::size_t>(f.rows()), static_cast<std::size_t>(f.cols()));
        h.attr(g, "test_accuracy", r.test.accuracy);
        h.attr(g, "seconds", r.seconds);
        h.attr(g, "synaptic_events", static_cast<std::int64_t>(r.cost.synaptic_events));
        h.attr(g, "multiply_adds", static_cast<std::int64_t>(r.cost.multiply_adds));
        h.attr(g, "samples_to_90", static_cast<std::int64_t>(r.samples_to_90));
        for (const auto& [key, values] : r.details) h.write(g + "/details/" + key, values);
    }
    h.flush();
}

nlohmann::json results_json(const std::vector<LearnerResult>& results, const Task& task, std::int64_t budget) {
    nlohmann::json j;
    j["experiment"] = "compare";
    j["task"] = task.name;
    j["train_samples"] = task.train().size();
    j["test_samples"] = task.test().size();
    j["budget"] = budget;
    for (const auto& r : results) {
        nlohmann::json l;
        l["name"] = r.name;
        l["test_accuracy"] = r.test.accuracy;
        l["per_class_accuracy"] = r.test.per_class;
        l["seconds"] = r.seconds;
        l["synaptic_events"] = r.cost.synaptic_events;
        l["multiply_adds"] = r.cost.multiply_adds;
        l["samples_to_90"] = r.samples_to_90;
        for (const auto& [key, values] : r.details) l["details"][key] = values;
        for (const auto& p : r.curve)
            l["curve"].push_back({{"samples", p.samples}, {"accuracy", p.accuracy}, {"seconds", p.seconds},
                                  {"synaptic_events", p.cost.synaptic_events}, {"multiply_adds", p.cost.multiply_adds}});
        j["learners"].push_back(l);
    }
    return j;
}

void run_compare(const Config& cfg, const RunOptions& opt, std::ostream& out, std::ostream& err, bool json) {
    const int threads = opt.threads > 0 ? opt.threads : tbb::info::default_concurrency();
    TaskOptions to;
    to.data_dir = cfg.text("data_dir");
    to.train_images = cfg.text("train_images");
    to.train_labels = cfg.text("train_labels");
    to.test_images = cfg.text("test_images");
    to.test_labels = cfg.text("test_labels");
    to.train_samples = cfg.integer("train_samples");
    to.test_samples = cfg.integer("test_samples");
    to.classes = cfg.integer_as<int>("classes");
    to.dims = cfg.integer_as<int>("dims");
    to.noise = cfg.number("noise");
    to.bar_size = cfg.integer_as<int>("bar_size");
    to.seed = cfg.integer_as<std::uint32_t>("seed");
    for (const auto c : parse_int_list(cfg.text("class_subset"), cfg.origin("class_subset"), "class_subset", 0, 1 << 20,
                                       "a comma-separated list of class numbers"))
        to.class_subset.push_back(static_cast<int>(c));
    ComparisonOptions o;
    o.learners = split_names(cfg.text("learners"));
    for (const auto& l : o.learners) find_learner(l, cfg.origin("learners"));  // before loading any data
    const Task task = make_task(cfg.text("task"), to, cfg.origin("task"));
    o.budget = cfg.integer("budget");
    o.repeat = cfg.boolean("repeat");
    o.seed = to.seed;
    o.threads = threads;
    o.curve_points = cfg.integer_as<int>("curve.points");
    o.curve_samples = cfg.integer("curve.samples");
    o.resume = !opt.resume.empty();
    o.stop_after = cfg.integer_as<int>("curve.stop_after");
    // A resumed run goes on to the end unless told again where to stop: the stopped run's
    // curve.stop_after, read back from the checkpoint, has been reached.
    if (o.resume && cfg.origin("curve.stop_after").rfind(opt.resume, 0) == 0) o.stop_after = 0;
    o.fingerprint = fingerprint(cfg);
    const std::int64_t budget = o.budget > 0 ? o.budget : task.train().size();

    namespace fs = std::filesystem;
    const std::string path = (fs::path(opt.out_dir) / "compare.h5").string();
    const std::string checkpoint = (fs::path(opt.out_dir) / "compare.checkpoint.h5").string();
    std::unique_ptr<RunFile> file;
    if (!opt.bench) {
        check_output_dir(opt.out_dir);
        o.state_dir = (fs::path(opt.out_dir) / "compare_state").string();
        if (o.resume) {
            const CheckpointInfo info = read_checkpoint_info(opt.resume);
            check_resumed_config(find_experiment("compare"), cfg, opt.resume, info, kResumeMayChange);
            const auto dir = info.find("state_dir");
            if (dir == info.end()) throw Error("--resume", "file", opt.resume, "names no state folder (state_dir): not a checkpoint of compare");
            o.state_dir = (fs::path(opt.resume).parent_path() / dir->second).string();
            if (!fs::is_directory(o.state_dir))
                throw Error("--resume", "file", opt.resume, "names the state folder " + o.state_dir + ", which does not exist");
        }
        if (o.resume && fs::exists(path) && run_status(path) == "complete")
            throw Error("--resume", "file", opt.resume, "belongs to a comparison that completed (" + path + "); start a new one with --overwrite");
        file = std::make_unique<RunFile>(path, find_experiment("compare"), cfg, opt, threads);  // resumed: compare.h5 continued
        if (!o.resume)
            save_checkpoint_info(checkpoint, {{"experiment", "compare"}, {"config", cfg.to_toml()}, {"state_dir", "compare_state"}, {"output", path}});
    } else if (o.resume) {
        throw Error("command line", "--resume", opt.resume, "needs an output file (use `plastica run`, not bench)");
    }
    std::map<std::string, ProgressBar> bars;
    for (const auto& l : o.learners) bars.emplace(std::piecewise_construct, std::forward_as_tuple(l), std::forward_as_tuple(err, l, static_cast<double>(budget), opt.progress, "samples"));
    std::vector<LearnerResult> results;
    try {
        results = run_comparison(task, cfg, o, [&](const std::string& l, std::int64_t done, std::int64_t b, double s) {
            // a learner's other phases ("stdp_wta readout") get bars of their own
            auto it = bars.find(l);
            if (it == bars.end())
                it = bars.emplace(std::piecewise_construct, std::forward_as_tuple(l),
                                  std::forward_as_tuple(err, l, static_cast<double>(b), opt.progress, "samples")).first;
            it->second.update(static_cast<double>(done) / static_cast<double>(b), s);
        });
        for (const auto& r : results) bars.at(r.name).finish(r.seconds);
        const bool stopped = std::any_of(results.begin(), results.end(), [](const LearnerResult& r) { return !r.complete; });
        if (stopped) {
            const std::string why = "stopped after " + std::to_string(o.stop_after) + " curve point(s) (curve.stop_after)";
            if (file) file->finish(why);
            if (json)
                out << nlohmann::json{{"experiment", "compare"}, {"stopped", why}, {"resume", file ? checkpoint : ""}}.dump() << "\n";
            else
                out << "compare: " << why << "; continue with: plastica run compare --resume " << (file ? checkpoint : std::string("(no state under bench)")) << "\n";
            return;
        }
        if (file) {
            write_results(file->h5(), results, task);
            file->complete();
        }
    } catch (const std::exception& e) {
        if (file) file->failed(e.what());
        throw;
    }
    const nlohmann::json j = results_json(results, task, budget);
    std::vector<std::string> plots;
    if (file) {
        std::ofstream(std::filesystem::path(opt.out_dir) / "compare.json") << j.dump(1) << "\n";
        if (opt.plots) {
            file.reset();
            plots = write_plots(path, err);
        }
    }
    if (json) {
        nlohmann::json jj = j;
        jj["plots"] = plots;
        out << nlohmann::json{{"experiment", "compare"}, {"results", jj}}.dump() << "\n";
        return;
    }
    out << "Comparison on " << task.name << ": " << task.train().size() << " training, " << task.test().size() << " test samples; budget "
        << budget << " samples, seed " << o.seed << ", " << threads << " thread(s)\n\n";
    out << "  learner                test acc   train s   synaptic events   multiply-adds   samples to 90%\n";
    for (const auto& r : results)
        out << "  " << std::left << std::setw(22) << r.name << std::right << std::fixed << std::setprecision(4) << std::setw(9) << r.test.accuracy
            << std::setprecision(2) << std::setw(10) << r.seconds << std::setw(18) << std::scientific << std::setprecision(3)
            << static_cast<double>(r.cost.synaptic_events) << std::setw(16) << static_cast<double>(r.cost.multiply_adds) << std::setw(17)
            << r.samples_to_90 << "\n";
    if (file || !plots.empty()) out << "\n  output                 " << path << "\n";
    for (const auto& p : plots) out << "  plot                   " << p << "\n";
}

}  // namespace

Experiment compare_experiment() {
    Experiment e;
    e.name = "compare";
    e.summary = "Biological and gradient learners on one task, same data, order and seed: table, curves, receptive fields";
    e.schema = compare_schema;
    e.run = run_compare;
    e.resumes = true;
    return e;
}

}  // namespace plastica
