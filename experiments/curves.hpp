#pragma once
// Curves — named x/y data that an experiment writes to its run file for plot_run.py to draw:
//   /plastica/curves/<name>/x and one dataset per series, attributes title, xlabel, ylabel
//   (and xscale = "log" when asked). One PNG per curve group, <stem>_<name>.png.
#include <string>
#include <utility>
#include <vector>

#include "sim/hdf5.hpp"

namespace plastica {

struct Curve {
    std::string name, title, xlabel, ylabel;
    std::vector<double> x;
    std::vector<std::pair<std::string, std::vector<double>>> series;
    bool log_x = false;  ///< series whose name starts with "expected" are drawn as lines, others as markers
    bool lines = false;  ///< every series drawn as a line (traces)
};

/// Writes `c` under /plastica/curves/<name>; does nothing when `file` is null.
inline void write_curve(H5File* file, const Curve& c) {
    if (!file) return;
    const std::string g = "/plastica/curves/" + c.name;
    file->ensure_group(g);
    file->attr(g, "title", c.title);
    file->attr(g, "xlabel", c.xlabel);
    file->attr(g, "ylabel", c.ylabel);
    if (c.log_x) file->attr(g, "xscale", std::string("log"));
    if (c.lines) file->attr(g, "style", std::string("lines"));
    file->write(g + "/x", c.x);
    for (const auto& [name, v] : c.series) file->write(g + "/" + name, v);
    file->flush();
}

}  // namespace plastica
