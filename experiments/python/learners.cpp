// The bridges from Python: tasks (bridges/task.hpp) and learners (bridges/learner.hpp) by name,
// with the same settings the comparison's config takes, so a script trains Hebbian, spiking and
// gradient learners on one task and reads their learning curves, as `plastica run compare` does.
// Training runs with the GIL released, in pieces of at most 256 samples with a check for Ctrl-C
// between pieces (KeyboardInterrupt; the learner has trained on the samples before it).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "bridges/comparison.hpp"
#include "bridges/learner.hpp"
#include "bridges/task.hpp"
#include "experiments/python/learners.hpp"

namespace py = pybind11;

namespace plastica {

namespace {

/// A setting as Python gives it: a number, a flag or text.
using SettingValue = std::variant<bool, std::int64_t, double, std::string>;

/// The config of `learners` (their schemas), with `settings` applied: keys with or without the
/// learner's prefix ("hidden" for backprop is "backprop.hidden" when only backprop is named).
Config learner_config(const std::vector<std::string>& learners, const std::map<std::string, SettingValue>& settings) {
    // the comparison's own keys, which run_comparison names in its errors
    std::vector<ParamSpec> schema = {ParamSpec::text("learners", "", {}, "learners"), ParamSpec::integer("budget", 0, "samples", "budget"),
                                     ParamSpec::integer("curve.points", 10, "", "curve points")};
    for (const auto& l : learners) {
        const auto s = find_learner(l, "learners").schema();
        schema.insert(schema.end(), s.begin(), s.end());
    }
    Config cfg(schema, "settings");
    for (const auto& [key, v] : settings) {
        std::string k = key;
        if (!cfg.has(k) && learners.size() == 1 && cfg.has(learners[0] + "." + key)) k = learners[0] + "." + key;
        std::string text;
        if (const auto* b = std::get_if<bool>(&v)) text = *b ? "true" : "false";
        else if (const auto* i = std::get_if<std::int64_t>(&v)) text = std::to_string(*i);
        else if (const auto* d = std::get_if<double>(&v)) text = to_text(*d);
        else text = std::get<std::string>(v);
        cfg.set(k + "=" + text);
    }
    return cfg;
}

const Dataset& set_of(const Task& t, const std::string& which) {
    if (which == "train") return t.train();
    if (which == "test") return t.test();
    throw Error("learner", "set", which, "is train or test");
}

/// A learner on a task, as Python sees it.
class PyLearner {
public:
    PyLearner(const std::string& name, std::shared_ptr<const Task> task, const std::map<std::string, SettingValue>& settings, std::uint32_t seed,
              int threads, std::int64_t budget)
        : task_(std::move(task)) {
        const Config cfg = learner_config({name}, settings);
        LearnerSetup su;
        su.task = task_.get();
        su.seed = seed;
        su.threads = threads > 0 ? threads : 1;
        su.budget = budget > 0 ? budget : static_cast<std::int64_t>(task_->train().size());
        learner_ = find_learner(name, "learner").make(cfg, su);
    }

    void train(py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> samples) {
        const auto n = static_cast<Eigen::Index>(task_->train().size());
        std::vector<Eigen::Index> idx(static_cast<std::size_t>(samples.size()));
        for (py::ssize_t q = 0; q < samples.size(); ++q) {
            const auto s = samples.data()[q];
            if (s < 0 || s >= n) throw Error("train", "sample", std::to_string(s), "outside the training set (" + std::to_string(n) + " samples)");
            idx[static_cast<std::size_t>(q)] = static_cast<Eigen::Index>(s);
        }
        for (std::size_t q0 = 0; q0 < idx.size(); q0 += 256) {
            const std::size_t m = std::min<std::size_t>(256, idx.size() - q0);
            {
                py::gil_scoped_release release;
                learner_->train(std::span<const Eigen::Index>(idx.data() + q0, m));
            }
            trained_ += static_cast<std::int64_t>(m);
            if (PyErr_CheckSignals() != 0) throw py::error_already_set();
        }
    }

    py::array_t<int> predict(const std::string& which) {
        const Dataset& d = set_of(*task_, which);
        std::vector<int> p;
        {
            py::gil_scoped_release release;
            p = learner_->predict(d);
        }
        py::array_t<int> out(static_cast<py::ssize_t>(p.size()));
        std::copy(p.begin(), p.end(), out.mutable_data());
        return out;
    }

    double accuracy(const std::string& which) {
        const Dataset& d = set_of(*task_, which);
        std::vector<int> p;
        {
            py::gil_scoped_release release;
            p = learner_->predict(d);
        }
        return score(p, d.labels, d.classes).accuracy;
    }

    py::array_t<float> receptive_fields() const {
        const rate::Matrix<float> w = learner_->receptive_fields();
        py::array_t<float> out({static_cast<py::ssize_t>(w.rows()), static_cast<py::ssize_t>(w.cols())});
        for (Eigen::Index i = 0; i < w.rows(); ++i)
            for (Eigen::Index j = 0; j < w.cols(); ++j) out.mutable_at(i, j) = w(i, j);
        return out;
    }

    std::map<std::string, std::uint64_t> cost() const {
        const LearnerCost c = learner_->cost();
        return {{"synaptic_events", c.synaptic_events}, {"multiply_adds", c.multiply_adds}};
    }
    std::string name() const { return learner_->name(); }
    std::int64_t trained() const { return trained_; }

private:
    std::shared_ptr<const Task> task_;
    std::unique_ptr<Learner> learner_;
    std::int64_t trained_ = 0;
};

}  // namespace

void bind_learners(py::module_& m) {
    m.def("tasks", &task_names, "Names of the tasks (bridges/task.hpp)");
    m.def("learners", [] {
        std::vector<std::string> out;
        for (const auto& l : learner_infos()) out.push_back(l.name);
        return out;
    }, "Names of the learners (bridges/learner.hpp)");
    m.def(
        "learner_settings",
        [](const std::string& name) {
            std::map<std::string, std::pair<std::string, std::string>> out;
            const Config cfg(find_learner(name, "learner").schema());
            for (const auto& s : cfg.schema()) out[s.key] = {cfg.text_of(s.key), s.unit};
            return out;
        },
        py::arg("learner"), "A learner's settings: key -> (default as TOML text, unit)");

    py::class_<Task, std::shared_ptr<Task>>(m, "Task", "A classification task: training and test sets with features in [0, 1]")
        .def(py::init([](const std::string& name, std::int64_t train_samples, std::int64_t test_samples, int classes, int dims, double noise,
                         int bar_size, std::uint32_t seed, const std::string& data_dir, const std::vector<int>& class_subset) {
                 TaskOptions o;
                 if (!data_dir.empty()) o.data_dir = data_dir;
                 o.train_samples = train_samples;
                 o.test_samples = test_samples;
                 o.classes = classes;
                 o.dims = dims;
                 o.noise = noise;
                 o.bar_size = bar_size;
                 o.seed = seed;
                 o.class_subset = class_subset;
                 return std::make_shared<Task>(make_task(name, o));
             }),
             py::arg("name"), py::arg("train_samples") = 0, py::arg("test_samples") = 0, py::arg("classes") = 4, py::arg("dims") = 2,
             py::arg("noise") = 0.2, py::arg("bar_size") = 8, py::arg("seed") = 1, py::arg("data_dir") = "", py::arg("class_subset") = std::vector<int>{},
             "The task `name` (see tasks()): first train_samples / test_samples samples (0: all; synthetic tasks: how many)")
        .def_readonly("name", &Task::name)
        .def_property_readonly("classes", &Task::classes)
        .def_property_readonly("features", [](const Task& t) { return static_cast<std::int64_t>(t.features()); })
        .def_property_readonly("train_size", [](const Task& t) { return static_cast<std::int64_t>(t.train().size()); })
        .def_property_readonly("test_size", [](const Task& t) { return static_cast<std::int64_t>(t.test().size()); })
        .def_readonly("supervised", &Task::supervised)
        .def(
            "data",
            [](const Task& t, const std::string& which) {
                const Dataset& d = set_of(t, which);
                py::array_t<float> x({static_cast<py::ssize_t>(d.size()), static_cast<py::ssize_t>(d.features())});
                for (Eigen::Index s = 0; s < d.size(); ++s)
                    for (Eigen::Index f = 0; f < d.features(); ++f) x.mutable_at(s, f) = d.x(f, s);
                py::array_t<int> y(static_cast<py::ssize_t>(d.labels.size()));
                std::copy(d.labels.begin(), d.labels.end(), y.mutable_data());
                return py::make_tuple(x, y);
            },
            py::arg("which") = "train", "(features [samples x features], labels) of the train or test set");

    py::class_<PyLearner>(m, "Learner", "A learner of the comparison (backprop, stdp_wta, ...) on a task")
        .def(py::init<const std::string&, std::shared_ptr<const Task>, const std::map<std::string, SettingValue>&, std::uint32_t, int, std::int64_t>(),
             py::arg("name"), py::arg("task"), py::arg("settings") = std::map<std::string, SettingValue>{}, py::arg("seed") = 1, py::arg("threads") = 1,
             py::arg("budget") = 0,
             "The learner `name` (see learners()) on `task`; settings as the comparison's keys, with or without the learner's prefix; budget: the "
             "training samples it will see (learning-rate schedules; 0: one pass)")
        .def("train", &PyLearner::train, py::arg("samples"), "Trains on these training samples (indices), in this order")
        .def("predict", &PyLearner::predict, py::arg("which") = "test", "Predicted class of every sample of the train or test set (-1: none)")
        .def("accuracy", &PyLearner::accuracy, py::arg("which") = "test")
        .def("receptive_fields", &PyLearner::receptive_fields, "The first layer's weights: units x features")
        .def_property_readonly("cost", &PyLearner::cost)
        .def_property_readonly("name", &PyLearner::name)
        .def_property_readonly("trained", &PyLearner::trained, "Training samples seen so far");

    m.def(
        "sample_order",
        [](std::int64_t n, std::int64_t budget, std::uint32_t seed) {
            const auto o = plastica::sample_order(static_cast<Eigen::Index>(n), budget, seed);
            py::array_t<std::int64_t> out(static_cast<py::ssize_t>(o.size()));
            std::copy(o.begin(), o.end(), out.mutable_data());
            return out;
        },
        py::arg("n"), py::arg("budget"), py::arg("seed") = 1, "The comparison's training order: epochs of seeded permutations of n samples, cut at budget");

    m.def(
        "compare",
        [](std::shared_ptr<const Task> task, const std::vector<std::string>& learners, const std::map<std::string, SettingValue>& settings,
           std::int64_t budget, std::uint32_t seed, int threads, int curve_points, std::int64_t curve_samples) {
            const Config cfg = learner_config(learners, settings);
            ComparisonOptions o;
            o.learners = learners;
            o.budget = budget;
            o.repeat = budget > static_cast<std::int64_t>(task->train().size());
            o.seed = seed;
            o.threads = threads;
            o.curve_points = curve_points;
            o.curve_samples = static_cast<Eigen::Index>(curve_samples);
            std::vector<LearnerResult> results;
            {
                py::gil_scoped_release release;
                results = run_comparison(*task, cfg, o);
            }
            py::list out;
            for (const auto& r : results) {
                py::dict d;
                d["learner"] = r.name;
                d["accuracy"] = r.test.accuracy;
                d["per_class"] = r.test.per_class;
                d["seconds"] = r.seconds;
                std::vector<double> samples, accuracy;
                for (const auto& p : r.curve) {
                    samples.push_back(static_cast<double>(p.samples));
                    accuracy.push_back(p.accuracy);
                }
                d["curve_samples"] = samples;
                d["curve_accuracy"] = accuracy;
                d["synaptic_events"] = r.cost.synaptic_events;
                d["multiply_adds"] = r.cost.multiply_adds;
                out.append(d);
            }
            return out;
        },
        py::arg("task"), py::arg("learners"), py::arg("settings") = std::map<std::string, SettingValue>{}, py::arg("budget") = 0, py::arg("seed") = 1,
        py::arg("threads") = 2, py::arg("curve_points") = 10, py::arg("curve_samples") = 1000,
        "Trains each learner on the task in the same sample order and returns, per learner, its test accuracy and learning curve "
        "(as `plastica run compare`)");
}

}  // namespace plastica
