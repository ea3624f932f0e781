#pragma once
// RunFile — the HDF5 file of one experiment run, `<out>/<experiment>.h5`, with its provenance:
// /plastica/provenance@{status, experiment, config (effective TOML), seed, version, threads,
// start_time, end_time, command_line}. The status reads "running" until complete() and
// "failed: <why>" after failed(), so a file from a killed or failed run never looks complete.
// Data are appended and flushed as the run goes, so such a file still holds everything up to
// the last flush.
#include <memory>
#include <string>

#include "experiments/experiment.hpp"
#include "sim/config.hpp"
#include "sim/hdf5.hpp"

namespace plastica {

struct RunOptions;

/// Checks that `dir` exists or can be made, and that files can be created in it.
void check_output_dir(const std::string& dir);
/// The current UTC time as ISO 8601.
std::string now_iso();

/// The output file of a run with its provenance.
class RunFile {
public:
    RunFile(const std::string& path, const Experiment& exp, const Config& cfg, const RunOptions& opt, int threads);
    H5File& h5() { return file_; }
    const std::string& path() const { return file_.path(); }
    /// Marks the run complete (last step of a successful run).
    void complete();
    /// Marks the run failed; never throws.
    void failed(const std::string& why) noexcept;

private:
    H5File file_;
};

}  // namespace plastica
