#include "experiments/cli.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "experiments/spiking_run.hpp"
#include "models/registry.hpp"
#include "plasticity/registry.hpp"
#include "sim/current_source.hpp"
#include "sim/error.hpp"

namespace plastica {

namespace {

std::string one_line(std::string s) {
    for (auto& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

void add_run_options(CLI::App* app, std::string& exp, RunOptions& opt, std::int64_t& seed, bool& help) {
    app->set_help_flag();  // --help is ours: with an experiment it lists the experiment's keys
    app->add_flag("-h,--help", help, "Show help (with an experiment: its config keys, defaults and units)");
    app->add_option("experiment", exp, "Experiment name (see `plastica list`)");
    app->add_option("--config", opt.config_file, "TOML config file");
    app->add_option("--set", opt.sets, "Override one config key: key=value (repeatable)")->allow_extra_args(false);
    app->add_option("--threads", opt.threads, "Threads (default: all cores)")->check(CLI::Range(1, 1024));
    app->add_option("--seed", seed, "Seed of every random stream (overrides the config's seed)")->check(CLI::Range(0LL, 4294967295LL));
    app->add_option("--out", opt.out_dir, "Output directory (default: out)");
    app->add_flag("--quiet", [&](std::int64_t) { opt.progress = false; }, "No progress line on stderr");
    app->add_flag("--no-plots", [&](std::int64_t) { opt.plots = false; }, "No PNG plots beside the HDF5 file");
    app->add_flag("--overwrite", opt.overwrite, "Replace an earlier run of the experiment in --out (its HDF5 file, plots, JSON, checkpoint)");
    app->add_option("--checkpoint-every", opt.checkpoint_every_ms, "Write <out>/<experiment>.checkpoint.h5 every T ms of biological time")
        ->check(CLI::PositiveNumber);
    app->add_option("--resume", opt.resume, "Continue a run from its checkpoint file (bit for bit), appending to its output file (--out defaults to the checkpoint's folder)");
    // Any other --key value (or --key=value) is the config key itself: `--task xor` is
    // `--set task=xor`, checked against the experiment's schema like every key.
    app->allow_extras();
    app->footer("Any config key can also be given as --<key> <value> (e.g. --task xor --epochs 3).");
}

/// Turns leftover `--key value` / `--key=value` arguments into `key=value` overrides.
std::vector<std::string> extra_sets(const std::vector<std::string>& rest) {
    std::vector<std::string> sets;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const std::string& a = rest[i];
        if (a.rfind("--", 0) != 0 || a.size() < 3)
            throw Error("command line", "argument", a, "unexpected (config keys are given as --key value or --set key=value)");
        const std::string body = a.substr(2);
        if (body.find('=') != std::string::npos) {
            sets.push_back(body);
        } else {
            if (i + 1 >= rest.size()) throw Error("command line", body, "", "missing value (--" + body + " <value>)");
            sets.push_back(body + "=" + rest[++i]);
        }
    }
    return sets;
}

/// One line per parameter: name = default unit   doc (plastica models, plastica rules).
void print_params(std::ostream& out, const std::vector<ParamInfo>& params) {
    for (const auto& p : params) out << "    " << p.name << " = " << to_text(p.default_value) << " " << p.unit << "   " << p.doc << "\n";
}

}  // namespace

/// Runs a loaded experiment: its own `run`, or the shared spiking runner.
void run_experiment(const Experiment& exp, const Config& cfg, const RunOptions& opt, std::ostream& out, std::ostream& err, bool json) {
    if (exp.run) {
        if (opt.checkpoint_every_ms > 0)
            throw Error("command line", "--checkpoint-every", "",
                        exp.resumes ? "experiment '" + exp.name + "' saves its state at every curve point (curve.points) instead"
                                    : "experiment '" + exp.name + "' does not take checkpoints (spiking network runs and compare do)");
        if (!opt.resume.empty() && !exp.resumes)
            throw Error("command line", "--resume", "", "experiment '" + exp.name + "' does not take checkpoints (spiking network runs and compare do)");
        exp.run(cfg, opt, out, err, json);
        return;
    }
    const RunReport rep = run_spiking(exp, cfg, opt, err);
    if (json) out << report_json(rep) << "\n";
    else out << format_summary(rep, opt.bench);
}

int cli_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"Plastica: spiking and Hebbian neural simulation (version " PLASTICA_VERSION ")", "plastica"};
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", PLASTICA_VERSION);
    auto* list = app.add_subcommand("list", "List the experiments");
    auto* models = app.add_subcommand("models", "List the neuron models with their parameters, units and defaults");
    auto* rules = app.add_subcommand("rules", "List the plasticity rules with their parameters, units and defaults");
    auto* currents = app.add_subcommand("currents", "List the electrodes' kinds (dc, step, ac, noise) with their parameters");

    RunOptions opt;
    std::string exp_name;
    std::int64_t seed = -1;
    bool help = false, json = false;
    auto* run = app.add_subcommand("run", "Run an experiment: plastica run <experiment> [options]");
    add_run_options(run, exp_name, opt, seed, help);
    auto* bench = app.add_subcommand("bench", "Benchmark an experiment: timings, events/s and memory, no output file");
    add_run_options(bench, exp_name, opt, seed, help);
    for (auto* c : {run, bench}) c->add_flag("--json", json, "Print the report as one JSON object instead of the summary");

    std::vector<std::string> rev(args.rbegin(), args.rend() - (args.empty() ? 0 : 1));
    for (const auto& a : args) opt.command_line += (opt.command_line.empty() ? "" : " ") + a;
    try {
        app.parse(rev);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return 0;
    } catch (const CLI::CallForVersion&) {
        out << PLASTICA_VERSION << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        err << "plastica: " << one_line(e.what()) << "\n";
        return 2;
    }

    try {
        if (list->parsed()) {
            for (const auto& e : experiments()) out << "  " << e.name << std::string(16 - std::min<std::size_t>(15, e.name.size()), ' ') << e.summary << "\n";
            return 0;
        }
        if (models->parsed()) {
            for (const auto& m : neuron_model_names()) {
                out << m << "\n";
                print_params(out, neuron_model_params(m));
                const auto sets = neuron_model_presets(m);
                if (!sets.empty()) out << "  named parameter sets (with their protocol current where they have one):\n";
                for (const auto& q : sets) out << "    " << q.name << "   " << q.doc << "\n";
            }
            return 0;
        }
        if (currents->parsed()) {
            for (const auto& [kind, doc] : current_kinds()) {
                out << kind << "   " << doc << "\n";
                print_params(out, current_params(current_kind(kind, "currents")));
            }
            return 0;
        }
        if (rules->parsed()) {
            for (const auto& r : plasticity_rule_names()) {
                out << r << "   " << plasticity_rule_doc(r) << "\n";
                print_params(out, plasticity_rule_params(r));
            }
            return 0;
        }
        CLI::App* cmd = run->parsed() ? run : (bench->parsed() ? bench : nullptr);
        if (!cmd) {
            out << app.help();
            return 0;
        }
        if (exp_name.empty()) {
            if (help) {
                out << cmd->help();
                return 0;
            }
            err << "plastica: " << cmd->get_name() << ": missing experiment name (see `plastica list`)\n";
            return 2;
        }
        const Experiment& exp = find_experiment(exp_name);
        if (help) {
            out << "plastica " << cmd->get_name() << " " << exp.name << ": " << exp.summary << "\n\n"
                << cmd->help() << "\nConfig keys of " << exp.name << " (TOML; --set key=value):\n" << Config(exp.schema()).help();
            return 0;
        }
        if (seed >= 0) opt.seed = seed;
        opt.bench = cmd == bench;
        // A checkpoint lives in its run's folder (<out>/<experiment>.checkpoint.h5): resuming
        // continues the output there unless --out says otherwise.
        if (!opt.resume.empty() && cmd->count("--out") == 0) {
            const std::string dir = std::filesystem::path(opt.resume).parent_path().string();
            opt.out_dir = dir.empty() ? "." : dir;
        }
        for (auto& s : extra_sets(cmd->remaining())) opt.sets.push_back(std::move(s));
        const Config cfg = load_config(exp, opt);
        try {
            run_experiment(exp, cfg, opt, out, err, json);
        } catch (const IoError&) {
            throw;  // about a file, not a key
        } catch (const Error& e) {
            throw cfg.blame(e);
        }
        return 0;
    } catch (const Interrupted& e) {
        err << "plastica: " << one_line(e.what()) << "\n";
        return 128 + e.signal;
    } catch (const IoError& e) {  // not the user's input: a full disk, a failing device
        err << "plastica: error: " << one_line(e.what()) << "\n";
        return 1;
    } catch (const Error& e) {
        err << "plastica: error: " << one_line(e.what()) << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        err << "plastica: error: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        err << "plastica: internal error: " << one_line(e.what()) << "\n";
        return 1;
    }
}

}  // namespace plastica
