#include "experiments/spiking_run.hpp"

#include <omp.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "experiments/plots.hpp"
#include "experiments/progress.hpp"
#include "experiments/resume_config.hpp"
#include "experiments/run_file.hpp"
#include "experiments/interrupt.hpp"
#include "sim/build_progress.hpp"
#include "sim/checkpoint.hpp"
#include "sim/hdf5.hpp"
#include "sim/recorders.hpp"
#include "sim/simulator.hpp"
#include "sim/weight_recorder.hpp"

namespace plastica {

namespace {

double proc_status_kb(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size())) ;
    return 0;
}

}  // namespace

/// The path of the first number in `j` that is not finite (nlohmann stores NaN as a float), or "".
static std::string first_non_finite(const nlohmann::json& j, const std::string& at = "results") {
    if (j.is_number_float() && !std::isfinite(j.get<double>())) return at;
    if (j.is_object())
        for (auto it = j.begin(); it != j.end(); ++it)
            if (auto b = first_non_finite(it.value(), at + "." + it.key()); !b.empty()) return b;
    if (j.is_array())
        for (std::size_t i = 0; i < j.size(); ++i)
            if (auto b = first_non_finite(j[i], at + "[" + std::to_string(i) + "]"); !b.empty()) return b;
    return "";
}

double resident_bytes() { return proc_status_kb("VmRSS") * 1024.0; }
double peak_resident_bytes() { return proc_status_kb("VmHWM") * 1024.0; }

Config load_config(const Experiment& exp, const RunOptions& opt) {
    std::string resumed;  // the checkpoint's config: the run continues with it
    if (!opt.resume.empty()) {
        const CheckpointInfo info = read_checkpoint_info(opt.resume);
        const auto e = info.find("experiment");
        if (e == info.end() || e->second != exp.name)
            throw Error("--resume", "file", opt.resume, "is a checkpoint of " + (e == info.end() ? std::string("no experiment") : "'" + e->second + "'") +
                                                           ", not of '" + exp.name + "'");
        resumed = info.count("config") ? info.at("config") : "";
    }
    auto load = [&](const std::string& preset) {
        Config cfg(exp.schema(), "experiment '" + exp.name + "'");
        if (!preset.empty()) cfg.load_text(preset, "preset of " + exp.name);
        if (!resumed.empty()) cfg.load_text(resumed, opt.resume);
        if (!opt.config_file.empty()) cfg.load_file(opt.config_file);
        for (const auto& s : opt.sets) cfg.set(s);
        if (opt.seed) cfg.set("seed=" + std::to_string(*opt.seed));
        return cfg;
    };
    Config cfg = load("");
    // A preset depends on what the user chose (e.g. the task): read once, then again on top of it.
    if (exp.preset) {
        const std::string preset = exp.preset(cfg);
        if (!preset.empty()) cfg = load(preset);
    }
    return cfg;
}

RunReport run_spiking(const Experiment& exp, const Config& cfg, const RunOptions& opt, std::ostream& err) {
    using clock = std::chrono::steady_clock;
    RunReport rep;
    rep.experiment = exp.name;
    rep.threads = opt.threads > 0 ? opt.threads : omp_get_max_threads();
    omp_set_num_threads(rep.threads);  // connection building uses the same thread count
    const std::string path = (std::filesystem::path(opt.out_dir) / (exp.name + ".h5")).string();
    if (!opt.bench) check_output_dir(opt.out_dir);

    rep.rss_before_bytes = resident_bytes();
    const auto t0 = clock::now();
    // Building a large network takes a while: once it has taken 2 s, one line per projection.
    std::uint64_t built = 0;
    BuildProgress building([&](const std::string& proj, std::uint64_t synapses, double) {
        built += synapses;
        const double s = std::chrono::duration<double>(clock::now() - t0).count();
        if (opt.progress && s >= 2.0)
            err << "[" << exp.name << "] built " << proj << " (" << synapses << " synapses), " << built << " synapses in " << std::fixed
                << std::setprecision(1) << s << " s\n" << std::flush;
    });
    SpikingSetup setup = exp.build(cfg);
    setup.net->prepare();  // model parameters are checked here: bad input fails before any file exists
    rep.build_s = std::chrono::duration<double>(clock::now() - t0).count();
    Network& net = *setup.net;
    rep.title = setup.title;
    rep.neurons = net.neuron_count();
    rep.synapses = net.synapse_count();
    rep.synapse_bytes = net.synapse_bytes();
    for (std::size_t j = 0; j < net.projection_count(); ++j)
        if (net.projection(j).plastic()) {
            rep.plastic_synapses += net.projection(j).size();
            rep.plastic_bytes += net.projection(j).bytes();
        }
    rep.duration_ms = setup.duration_ms;

    if (opt.bench && (opt.checkpoint_every_ms > 0 || !opt.resume.empty()))
        throw Error("command line", opt.resume.empty() ? "--checkpoint-every" : "--resume", "", "needs an output file (use `plastica run`, not bench)");
    // where a value came from: the config key's origin, or the experiment when it has no such key
    auto origin_of = [&](const std::string& key) { return cfg.has(key) ? cfg.origin(key) : "experiment '" + exp.name + "'"; };
    if (setup.stats_start_ms > setup.duration_ms)
        throw Error(origin_of("stats.start"), "stats.start", to_text(setup.stats_start_ms) + " ms",
                    "lies after the end of the run (duration = " + to_text(setup.duration_ms) + " ms): the statistics would be empty");
    const std::string duration_origin = origin_of("duration");
    const Step end = steps_of(duration_origin, "duration", setup.duration_ms, net.dt());
    const Step every = opt.checkpoint_every_ms > 0 ? interval_steps("--checkpoint-every", "checkpoint-every", opt.checkpoint_every_ms, net.dt()) : 0;
    Checkpoint resume_from;
    if (!opt.resume.empty()) {
        resume_from = read_checkpoint(opt.resume);
        check_resumed_config(exp, cfg, opt.resume, resume_from.info, {"duration"});  // the same run, perhaps longer
        if (resume_from.step > end)
            throw Error(duration_origin, "duration", to_text(setup.duration_ms) + " ms",
                        "is shorter than the checkpoint's time, " + to_text(static_cast<double>(resume_from.step) * net.dt()) + " ms");
    }

    std::unique_ptr<RunFile> run_file;
    H5File* file = nullptr;
    if (!opt.bench) {
        run_file = std::make_unique<RunFile>(path, exp, cfg, opt, rep.threads);
        file = &run_file->h5();
        rep.h5_path = path;
        file->ensure_group("/spikes");
        file->flush();
    }
    auto fail = [&](const std::string& why) {
        if (run_file) run_file->failed(why);
    };

    try {
        Simulator sim(net, rep.threads);
        // Every monitor, in a fixed order: checkpoints save and load them in this order.
        std::vector<Monitor*> monitors;
        std::vector<std::unique_ptr<SpikeRecorder>> recs;
        for (const auto& p : setup.recorded) {
            recs.push_back(std::make_unique<SpikeRecorder>(p, std::vector<Index>{}, file, false));
            monitors.push_back(recs.back().get());
        }
        std::vector<std::unique_ptr<WeightRecorder>> weight_recs;
        if (file)  // under bench there is no file and no snapshots
            for (const auto& w : setup.weights) {
                weight_recs.push_back(std::make_unique<WeightRecorder>(w.projection, w.interval_ms, w.synapses, file, false));
                monitors.push_back(weight_recs.back().get());
            }
        for (const auto& m : setup.monitors) monitors.push_back(m.get());
        SpikeStatistics stats(setup.synchrony_bin_ms, setup.stats_start_ms);
        monitors.push_back(&stats);
        for (Monitor* m : monitors) sim.add_monitor(*m);
        sim.prepare();
        if (!opt.resume.empty()) load_checkpoint(resume_from, net, monitors);
        const Step start = net.now();

        const std::string ckpt = (std::filesystem::path(opt.out_dir) / (exp.name + ".checkpoint.h5")).string();
        const CheckpointInfo info{{"experiment", exp.name}, {"config", cfg.to_toml()}, {"output", path}};
        auto checkpoint = [&] {
            save_checkpoint(ckpt, net, monitors, info);
            file->attr("/plastica/provenance", "checkpoint", ckpt);
            file->attr("/plastica/provenance", "checkpoint_time_ms", static_cast<double>(net.now()) * net.dt());
            file->flush();
        };
        StopOnSignals signals;
        sim.stop_when(&StopOnSignals::requested());
        ProgressBar bar(err, exp.name, setup.duration_ms, opt.progress);
        const auto t1 = clock::now();
        sim.on_progress([&](const Progress&) {
            const double frac = static_cast<double>(net.now() - start) / static_cast<double>(std::max<Step>(1, end - start));
            bar.update(frac, std::chrono::duration<double>(clock::now() - t1).count());
        });
        while (net.now() < end) {
            const Step next = every ? std::min(end, (net.now() / every + 1) * every) : end;
            const bool done = sim.run_to(next);
            if (!done || (StopOnSignals::requested().load() && net.now() < end)) {
                const double t_ms = static_cast<double>(net.now()) * net.dt();
                const int sig = StopOnSignals::signal();
                const std::string where = "interrupted at t = " + to_text(t_ms) + " ms";
                if (!file) throw Interrupted(exp.name + ": " + where + " (bench: nothing saved)", sig);
                checkpoint();
                run_file->finish(where + " (signal " + std::to_string(sig) + ")");
                throw Interrupted(exp.name + ": " + where + "; checkpoint " + ckpt + "; continue with: plastica run " + exp.name +
                                      " --resume " + ckpt + " --out " + opt.out_dir,
                                  sig);
            }
            if (every && file && net.now() % every == 0) checkpoint();
        }
        rep.sim_s = std::chrono::duration<double>(clock::now() - t1).count();
        bar.finish(rep.sim_s);
        rep.events = sim.synaptic_events();
        rep.stats = stats.results();
        rep.peak_rss_bytes = peak_resident_bytes();
        for (const auto& s : rep.stats)
            for (const auto& [what, x] : {std::pair{"rate_hz", s.rate_hz}, std::pair{"cv_isi", s.cv_isi}, std::pair{"synchrony_chi", s.synchrony}})
                if (!std::isfinite(x))
                    throw Error("population '" + s.name + "'", what, to_text(x), "the summary statistic is not finite (a bug or a broken state: report it)");
        if (setup.analyse) rep.analysis = setup.analyse(net, file);
        if (const std::string bad = first_non_finite(rep.analysis.json); !bad.empty())
            throw Error("experiment '" + exp.name + "'", bad, "nan", "a result of the analysis is not finite");
        if (file) {
            for (const auto& s : rep.stats) {
                const std::string g = "/plastica/summary/" + s.name;
                file->ensure_group(g);
                file->attr(g, "rate_hz", s.rate_hz);
                file->attr(g, "cv_isi", s.cv_isi);
                file->attr(g, "synchrony_chi", s.synchrony);
                file->attr(g, "spikes", static_cast<std::int64_t>(s.spikes));
                file->attr(g, "neurons", static_cast<std::int64_t>(s.neurons));
            }
            const std::string g = "/plastica/summary";
            file->attr(g, "build_s", rep.build_s);
            file->attr(g, "simulation_s", rep.sim_s);
            file->attr(g, "synapses", static_cast<std::int64_t>(rep.synapses));
            file->attr(g, "synaptic_events", static_cast<std::int64_t>(rep.events));
            file->attr(g, "duration_ms", rep.duration_ms);
            run_file->complete();
        }
    } catch (const Interrupted&) {
        throw;
    } catch (const std::exception& e) {
        fail(e.what());
        throw;
    }
    if (run_file && opt.plots) {
        run_file.reset();  // closed, so the plotting process reads everything
        rep.plots = write_plots(path, err);
    }
    return rep;
}

std::string format_summary(const RunReport& r, bool bench) {
    std::ostringstream os;
    os << std::fixed;
    os << r.title << "\n";
    os << "  simulated " << std::setprecision(0) << r.duration_ms << " ms with " << r.threads << " thread(s)\n\n";
    std::size_t name_w = 10;  // the population column grows with the longest name
    for (const auto& s : r.stats) name_w = std::max(name_w, s.name.size() + 1);
    os << "  " << std::left << std::setw(static_cast<int>(name_w)) << "population" << std::right << std::setw(10) << "neurons"
       << "      rate (Hz)   CV ISI   synchrony chi      spikes\n";
    std::uint64_t total = 0;
    for (const auto& s : r.stats) {
        os << "  " << std::left << std::setw(static_cast<int>(name_w)) << s.name << std::right << std::setw(10) << s.neurons << std::setw(15)
           << std::setprecision(2) << s.rate_hz << std::setw(9) << std::setprecision(3) << s.cv_isi << std::setw(16)
           << s.synchrony << std::setw(12) << s.spikes << "\n";
        total += s.spikes;
    }
    if (!r.analysis.text.empty()) os << "\n" << r.analysis.text;
    os << "\n  total spikes           " << total << "\n";
    os << "  synapses               " << r.synapses << "\n";
    os << std::setprecision(3);
    os << "  construction time      " << r.build_s << " s\n";
    os << "  simulation time        " << r.sim_s << " s  (" << std::setprecision(2)
       << (r.sim_s > 0 ? r.duration_ms * 1e-3 / r.sim_s : 0) << "x real time)\n";
    os << "  synaptic events/s      " << std::scientific << std::setprecision(3) << (r.sim_s > 0 ? r.events / r.sim_s : 0)
       << std::fixed << "\n";
    os << "  bytes per synapse      " << std::setprecision(2)
       << (r.synapses ? static_cast<double>(r.synapse_bytes) / r.synapses : 0) << " (synapse arrays)";
    if (bench && r.synapses)
        os << ", " << r.peak_rss_bytes / r.synapses << " (peak RSS of the whole process), "
           << (r.peak_rss_bytes - r.rss_before_bytes) / r.synapses << " (peak RSS growth from construction on)";
    os << "\n";
    if (r.plastic_synapses)
        os << "  plastic synapses       " << r.plastic_synapses << ", " << std::setprecision(2)
           << static_cast<double>(r.plastic_bytes) / static_cast<double>(r.plastic_synapses)
           << " bytes each (arrays, transposed index and rule state)\n";
    if (!r.h5_path.empty()) os << "  output                 " << r.h5_path << "\n";
    for (const auto& p : r.plots) os << "  plot                   " << p << "\n";
    return os.str();
}

std::string report_json(const RunReport& r) {
    nlohmann::json j;
    j["experiment"] = r.experiment;
    j["title"] = r.title;
    j["threads"] = r.threads;
    j["neurons"] = r.neurons;
    j["synapses"] = r.synapses;
    j["duration_ms"] = r.duration_ms;
    j["build_s"] = r.build_s;
    j["simulation_s"] = r.sim_s;
    j["synaptic_events"] = r.events;
    j["synapse_bytes"] = r.synapse_bytes;
    j["plastic_synapses"] = r.plastic_synapses;
    j["plastic_bytes"] = r.plastic_bytes;
    j["rss_before_bytes"] = r.rss_before_bytes;
    j["peak_rss_bytes"] = r.peak_rss_bytes;
    for (const auto& s : r.stats)
        j["populations"][s.name] = {{"neurons", s.neurons}, {"spikes", s.spikes}, {"rate_hz", s.rate_hz},
                                    {"cv_isi", s.cv_isi}, {"synchrony_chi", s.synchrony}};
    if (!r.analysis.json.empty()) j["results"] = r.analysis.json;
    return j.dump();
}

}  // namespace plastica
