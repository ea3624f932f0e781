#include "bridges/comparison.hpp"

#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <mutex>

#include "models/rate/trainer.hpp"

namespace plastica {

std::vector<Eigen::Index> sample_order(Eigen::Index n, std::int64_t budget, std::uint32_t seed) {
    std::vector<Eigen::Index> order;
    order.reserve(static_cast<std::size_t>(budget));
    for (std::int64_t e = 0; static_cast<std::int64_t>(order.size()) < budget; ++e) {
        const auto p = rate::epoch_order(n, seed, e);
        const auto take = std::min<std::int64_t>(budget - static_cast<std::int64_t>(order.size()), n);
        order.insert(order.end(), p.begin(), p.begin() + take);
    }
    return order;
}

namespace {

std::string state_path(const ComparisonOptions& o, const std::string& learner) {
    return (std::filesystem::path(o.state_dir) / (learner + ".h5")).string();
}

/// Writes the learner's state and curve to a new file, then renames it over the last one.
void save_state(const ComparisonOptions& o, const Learner& l, const std::vector<CurvePoint>& curve, std::int64_t done, double seconds) {
    const std::string path = state_path(o, l.name()), tmp = path + ".tmp";
    {
        H5File f(tmp);
        f.ensure_group("/state");
        f.attr("/state", "fingerprint", o.fingerprint);
        f.attr("/state", "samples_done", static_cast<std::int64_t>(done));
        f.attr("/state", "seconds", seconds);
        std::vector<double> s, a, t, ev, ma;
        for (const auto& p : curve) {
            s.push_back(static_cast<double>(p.samples));
            a.push_back(p.accuracy);
            t.push_back(p.seconds);
            ev.push_back(static_cast<double>(p.cost.synaptic_events));
            ma.push_back(static_cast<double>(p.cost.multiply_adds));
        }
        f.write("/state/curve/samples", s);
        f.write("/state/curve/accuracy", a);
        f.write("/state/curve/seconds", t);
        f.write("/state/curve/synaptic_events", ev);
        f.write("/state/curve/multiply_adds", ma);
        l.save(f, "/state/learner");
        f.flush();
    }
    std::filesystem::rename(tmp, path);
}

/// Restores a learner from its state file; returns samples done (0 when there is none).
std::int64_t load_state(const ComparisonOptions& o, Learner& l, std::vector<CurvePoint>& curve, double& seconds) {
    const std::string path = state_path(o, l.name());
    if (!o.resume || !std::filesystem::exists(path)) return 0;
    const H5Reader f(path);
    const std::string fp = f.attr_string("/state", "fingerprint");
    if (fp != o.fingerprint)
        throw Error(path, "fingerprint", "", "this state was saved by a run with other settings (task, budget, seed or " + l.name() +
                                                 " keys); remove it or run with those settings");
    l.load(f, "/state/learner");
    const auto s = f.read("/state/curve/samples"), a = f.read("/state/curve/accuracy"), t = f.read("/state/curve/seconds"),
               ev = f.read("/state/curve/synaptic_events"), ma = f.read("/state/curve/multiply_adds");
    curve.clear();
    for (std::size_t k = 0; k < s.size(); ++k)
        curve.push_back({static_cast<std::int64_t>(s[k]), a[k], t[k], {static_cast<std::uint64_t>(ev[k]), static_cast<std::uint64_t>(ma[k])}});
    seconds = curve.empty() ? 0 : curve.back().seconds;
    return f.attr_int("/state", "samples_done");
}

LearnerResult run_one(const Task& task, const Config& cfg, const ComparisonOptions& o, const std::string& name,
                      const std::vector<Eigen::Index>& order, int threads, const ComparisonProgress& progress) {
    const LearnerInfo& info = find_learner(name, "compare");
    auto learner = info.make(cfg, {&task, o.seed, threads, static_cast<std::int64_t>(order.size())});
    if (progress) {
        auto phase_start = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
        learner->set_phase_progress([&progress, name, phase_start](const std::string& phase, std::int64_t done, std::int64_t total) {
            if (done <= 1) *phase_start = std::chrono::steady_clock::now();
            progress(name + " " + phase, done, total, std::chrono::duration<double>(std::chrono::steady_clock::now() - *phase_start).count());
        });
    }
    LearnerResult r;
    r.name = name;
    const Dataset curve_set = task.test().head(o.curve_samples > 0 ? o.curve_samples : task.test().size());
    const auto budget = static_cast<std::int64_t>(order.size());
    double seconds = 0;
    std::int64_t done = load_state(o, *learner, r.curve, seconds);
    for (int k = 1; k <= o.curve_points; ++k) {
        const std::int64_t until = budget * k / o.curve_points;
        if (until <= done) continue;
        if (o.stop_after > 0 && static_cast<int>(r.curve.size()) >= o.stop_after) {
            r.complete = false;
            r.seconds = seconds;
            r.cost = learner->cost();
            return r;
        }
        // train in pieces of at most 1000 samples so that progress is reported as it goes
        while (done < until) {
            const std::int64_t piece = std::min<std::int64_t>(1000, until - done);
            const auto t0 = std::chrono::steady_clock::now();
            learner->train(std::span<const Eigen::Index>(order.data() + done, static_cast<std::size_t>(piece)));
            seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            done += piece;
            if (progress) progress(name, done, budget, seconds);
        }
        const Score s = score(learner->predict(curve_set), curve_set.labels, task.classes());
        r.curve.push_back({done, s.accuracy, seconds, learner->cost()});
        if (!o.state_dir.empty()) save_state(o, *learner, r.curve, done, seconds);
    }
    r.test = score(learner->predict(task.test()), task.test().labels, task.classes());
    r.details = learner->details();
    r.seconds = seconds;
    r.cost = learner->cost();
    const double last = r.curve.empty() ? 0 : r.curve.back().accuracy;
    for (const auto& p : r.curve)
        if (p.accuracy >= 0.9 * last) {
            r.samples_to_90 = p.samples;
            break;
        }
    r.receptive_fields = learner->receptive_fields();
    return r;
}

}  // namespace

std::vector<LearnerResult> run_comparison(const Task& task, const Config& cfg, const ComparisonOptions& o, const ComparisonProgress& progress) {
    if (o.learners.empty()) throw Error("compare", "learners", "", "name at least one learner");
    for (const auto& l : o.learners) find_learner(l, cfg.origin("learners"));  // unknown names fail before any work
    for (std::size_t a = 0; a < o.learners.size(); ++a)
        for (std::size_t b = a + 1; b < o.learners.size(); ++b)
            if (o.learners[a] == o.learners[b]) throw Error(cfg.origin("learners"), "learners", o.learners[a], "is named twice");
    const Eigen::Index n = task.train().size();
    const std::int64_t budget = o.budget > 0 ? o.budget : n;
    if (budget > n && !o.repeat)
        throw Error(cfg.origin("budget"), "budget", std::to_string(budget),
                    "exceeds the " + std::to_string(n) + " training samples of task " + task.name + " (set repeat = true to allow several epochs)");
    if (o.curve_points < 1) throw Error(cfg.origin("curve.points"), "curve.points", std::to_string(o.curve_points), "must be at least 1");
    if (!o.state_dir.empty()) std::filesystem::create_directories(o.state_dir);
    const auto order = sample_order(n, budget, o.seed);

    const int L = static_cast<int>(o.learners.size());
    const int per = std::max(1, o.threads / L);
    std::vector<LearnerResult> results(o.learners.size());
    std::vector<std::exception_ptr> errors(o.learners.size());
    std::mutex progress_mutex;
    ComparisonProgress locked;
    if (progress)
        locked = [&](const std::string& name, std::int64_t done, std::int64_t b, double s) {
            std::lock_guard<std::mutex> g(progress_mutex);
            progress(name, done, b, s);
        };
    tbb::task_arena arena(std::max(1, std::min(o.threads, L)));
    arena.execute([&] {
        tbb::task_group g;
        for (std::size_t i = 0; i < o.learners.size(); ++i)
            g.run([&, i] {
                try {
                    results[i] = run_one(task, cfg, o, o.learners[i], order, per, locked);
                } catch (...) {
                    errors[i] = std::current_exception();
                }
            });
        g.wait();
    });
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    return results;
}

}  // namespace plastica
