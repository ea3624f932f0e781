#include "experiments/run_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

OutputLock::OutputLock(const std::string& dir, const std::string& name) {
    const std::string path = (std::filesystem::path(dir) / ("." + name + ".lock")).string();
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error("--out", "out", dir, "cannot create the lock file " + path + " (" + std::strerror(errno) + ")");
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd_);
        fd_ = -1;
        throw Error("--out", "out", dir,
                    "another Plastica run is writing " + name + " output there (it holds " + path + "); wait for it or choose another --out");
    }
}

OutputLock::~OutputLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
}

std::vector<std::string> run_companions(const std::string& dir, const std::string& experiment) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string f = e.path().filename().string();
        const bool png = f.rfind(experiment + "_", 0) == 0 && f.size() > 4 && f.compare(f.size() - 4, 4, ".png") == 0;
        if (png || f == experiment + ".h5" || f == experiment + ".json" || f == experiment + ".checkpoint.h5" ||
            f == experiment + ".checkpoint.h5.tmp" || (f == experiment + "_state" && e.is_directory(ec)))
            out.push_back(e.path().string());
    }
    return out;
}

std::string run_status(const std::string& path) {
    try {
        return H5Reader(path).attr_string("/plastica/provenance", "status");
    } catch (const std::exception&) {
        return "unreadable";
    }
}

RunFile::RunFile(const std::string& path, const Experiment& exp, const Config& cfg, const RunOptions& opt, int threads)
    : path_(path) {
    namespace fs = std::filesystem;
    const std::string dir = fs::path(path).parent_path().string();
    const std::string name = fs::path(path).stem().string();
    lock_ = std::make_unique<OutputLock>(dir.empty() ? "." : dir, name);
    const std::string g = "/plastica/provenance";
    if (!opt.resume.empty()) {
        file_ = std::make_unique<H5File>(path, H5File::Mode::append);
        file_->attr(g, "status", std::string("running"));
        file_->attr(g, "resumed_from", opt.resume);
        file_->attr(g, "resume_time", now_iso());
        file_->attr(g, "resume_command_line", opt.command_line);
        file_->attr(g, "threads", static_cast<std::int64_t>(threads));
        file_->flush();
        return;
    }
    if (fs::exists(path)) {
        // A run that failed (bad input found while building, a full disk) is replaced; one that
        // completed, was interrupted or killed (status still "running") holds results.
        const std::string status = run_status(path);
        if (!opt.overwrite && status.rfind("failed:", 0) != 0)
            throw Error("--out", "out", dir,
                        "already holds a run of " + exp.name + " (" + path + ", status: " + status +
                            "); add --overwrite to replace it and its plots, or --resume its checkpoint");
        for (const auto& f : run_companions(dir, name)) {
            std::error_code ec;
            fs::remove_all(f, ec);
            if (ec) throw Error("--overwrite", "file", f, "cannot be removed (" + ec.message() + ")");
        }
    }
    file_ = std::make_unique<H5File>(path);
    file_->ensure_group(g);
    file_->attr(g, "status", std::string("running"));  // becomes "complete" only at the end
    file_->attr(g, "experiment", exp.name);
    file_->attr(g, "config", cfg.to_toml());
    file_->attr(g, "seed", static_cast<std::int64_t>(cfg.integer("seed")));
    file_->attr(g, "version", std::string(PLASTICA_VERSION));
    file_->attr(g, "threads", static_cast<std::int64_t>(threads));
    file_->attr(g, "start_time", now_iso());
    file_->attr(g, "command_line", opt.command_line);
    file_->flush();
}

void RunFile::complete() { finish("complete"); }

void RunFile::finish(const std::string& status) {
    file_->attr("/plastica/provenance", "end_time", now_iso());
    file_->attr("/plastica/provenance", "status", status);
    file_->close();
}

void RunFile::failed(const std::string& why) noexcept {
    try {
        // After a failed write the handle may be gone (closed by the failure): open the file again
        // to say so, where it can still be written.
        if (!file_ || file_->id() < 0) file_ = std::make_unique<H5File>(path_, H5File::Mode::append);
        file_->attr("/plastica/provenance", "status", "failed: " + why);
        file_->attr("/plastica/provenance", "end_time", now_iso());
        file_->close();
    } catch (...) {
    }
}

}  // namespace plastica
