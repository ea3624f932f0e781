#pragma once
// The shared driver of experiments that run no spiking network (rate neurons: oja_pca,
// bcm_selectivity): the run file with its provenance, complete or failed status, the plots, and
// the printed summary or JSON report, around one function that does the work.
#include <functional>
#include <ostream>
#include <string>

#include "experiments/experiment.hpp"
#include "experiments/spiking_run.hpp"

namespace plastica {

/// What such an experiment computed: the line naming it and its results.
struct AnalysisResult {
    std::string title;
    Analysis analysis;
};

/// Runs `body` with the run's HDF5 file (null under `plastica bench`), then prints.
void run_analysis(const Experiment& exp, const Config& cfg, const RunOptions& opt, std::ostream& out, std::ostream& err, bool json,
                  const std::function<AnalysisResult(H5File*)>& body);

}  // namespace plastica
