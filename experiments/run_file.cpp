#include "experiments/run_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "experiments/spiking_run.hpp"

namespace plastica {

std::string now_iso() {
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

void check_output_dir(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw Error("--out", "out", dir, "cannot create the output directory" + (ec ? " (" + ec.message() + ")" : std::string()));
    const std::string probe = (fs::path(dir) / (".plastica-write-test-" + std::to_string(::getpid()))).string();
    std::FILE* f = std::fopen(probe.c_str(), "w");
    if (!f) throw Error("--out", "out", dir, "the output directory is not writable");
    std::fclose(f);
    fs::remove(probe, ec);
}

RunFile::RunFile(const std::string& path, const Experiment& exp, const Config& cfg, const RunOptions& opt, int threads)
    : file_(path) {
    const std::string g = "/plastica/provenance";
    file_.ensure_group(g);
    file_.attr(g, "status", std::string("running"));  // becomes "complete" only at the end
    file_.attr(g, "experiment", exp.name);
    file_.attr(g, "config", cfg.to_toml());
    file_.attr(g, "seed", static_cast<std::int64_t>(cfg.integer("seed")));
    file_.attr(g, "version", std::string(PLASTICA_VERSION));
    file_.attr(g, "threads", static_cast<std::int64_t>(threads));
    file_.attr(g, "start_time", now_iso());
    file_.attr(g, "command_line", opt.command_line);
    file_.flush();
}

void RunFile::complete() {
    file_.attr("/plastica/provenance", "end_time", now_iso());
    file_.attr("/plastica/provenance", "status", std::string("complete"));
    file_.flush();
}

void RunFile::failed(const std::string& why) noexcept {
    try {
        file_.attr("/plastica/provenance", "status", "failed: " + why);
        file_.attr("/plastica/provenance", "end_time", now_iso());
        file_.flush();
    } catch (...) {
    }
}

}  // namespace plastica
