#pragma once
// RunFile — the HDF5 file of one experiment run, `<out>/<experiment>.h5`, with its provenance:
// /plastica/provenance@{status, experiment, config (effective TOML), seed, version, threads,
// start_time, end_time, command_line}. The status reads "running" until complete() and
// "failed: <why>" after failed(), so a file from a killed or failed run never looks complete.
// Data are appended and flushed as the run goes, so such a file still holds everything up to
// the last flush.
//
// Nothing is destroyed by another run: the run holds an exclusive lock (flock) on
// `<out>/.<experiment>.lock` for as long as it lives, so a second run into the same folder is
// refused with one line while the first is running (a lock, not a new unique name: a user
// looking for the output finds it where the README says). A folder that already holds a run of
// the experiment is refused too (unless that run failed: its file is then replaced), unless --overwrite, which first removes that run's file and its
// companions (<experiment>_*.png, <experiment>.json, <experiment>.checkpoint.h5, the folder
// <experiment>_state/ where compare keeps its learners' states), so a folder never
// mixes two runs; or --resume, which continues the file (Mode::append).
#include <memory>
#include <string>
#include <vector>

#include "experiments/experiment.hpp"
#include "sim/config.hpp"
#include "sim/hdf5.hpp"

namespace plastica {

struct RunOptions;

/// Checks that `dir` exists or can be made, and that files can be created in it.
void check_output_dir(const std::string& dir);
/// The current UTC time as ISO 8601.
std::string now_iso();

/// An exclusive lock on `<dir>/.<name>.lock`, held while the object lives.
class OutputLock {
public:
    OutputLock(const std::string& dir, const std::string& name);
    ~OutputLock();
    OutputLock(const OutputLock&) = delete;
    OutputLock& operator=(const OutputLock&) = delete;

private:
    int fd_ = -1;
};

/// The files a run of `experiment` leaves in `dir` (its HDF5 file, PNGs, JSON, checkpoint, state folder).
std::vector<std::string> run_companions(const std::string& dir, const std::string& experiment);

/// The status an earlier run's file records ("complete", "running", "failed: ..."), or
/// "unreadable".
std::string run_status(const std::string& path);

/// The output file of a run with its provenance.
class RunFile {
public:
    /// Locks the folder, refuses (or with --overwrite clears) an earlier run's files, and creates
    /// the file; with opt.resume set, opens the existing file to continue it instead.
    RunFile(const std::string& path, const Experiment& exp, const Config& cfg, const RunOptions& opt, int threads);
    H5File& h5() { return *file_; }
    const std::string& path() const { return path_; }
    /// Marks the run complete (last step of a successful run) and closes the file, so a full
    /// disk is reported here, as an Error, not lost at exit.
    void complete();
    /// Marks the run with `status` (e.g. "interrupted at t = 500 ms") and closes the file.
    void finish(const std::string& status);
    /// Marks the run failed; never throws.
    void failed(const std::string& why) noexcept;

private:
    std::unique_ptr<OutputLock> lock_;
    std::unique_ptr<H5File> file_;
    std::string path_;
};

}  // namespace plastica
