#pragma once
// PNG plots of a finished run, drawn by experiments/plot_run.py with Debian's matplotlib (a
// well-kept plotting library rather than a hand-written renderer) from the run's HDF5 file:
// spike rasters and population rates for spiking runs, learning curves and the confusion matrix
// for mlp. Plots are a convenience: when /usr/bin/python3 or matplotlib is missing the run still
// succeeds and one line on stderr says why there are no plots.
#include <ostream>
#include <string>
#include <vector>

namespace plastica {

/// Writes the PNGs beside `h5_path`; returns their paths (empty when plotting was not possible).
std::vector<std::string> write_plots(const std::string& h5_path, std::ostream& err);

}  // namespace plastica
