#include "experiments/plots.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace plastica {

namespace {
std::string quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}
}  // namespace

std::vector<std::string> write_plots(const std::string& h5_path, std::ostream& err) {
    // The Python that has matplotlib and h5py on Debian is the system one, not whatever is first
    // on PATH.
    const std::string python = "/usr/bin/python3";
    const std::string script = std::string(PLASTICA_SOURCE_DIR) + "/experiments/plot_run.py";
    if (!std::filesystem::exists(python) || !std::filesystem::exists(script)) {
        err << "plastica: no plots (" << (std::filesystem::exists(python) ? script : python) << " not found)\n";
        return {};
    }
    const std::string cmd = python + " " + quoted(script) + " " + quoted(h5_path) + " 2>&1";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) {
        err << "plastica: no plots (cannot start " << python << ")\n";
        return {};
    }
    std::vector<std::string> lines;
    std::string line;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) {
        line += buf;
        if (!line.empty() && line.back() == '\n') {
            line.pop_back();
            lines.push_back(line);
            line.clear();
        }
    }
    if (!line.empty()) lines.push_back(line);
    const int status = ::pclose(p);
    if (status == 0 && lines.empty()) return {};  // nothing in the file to plot
    if (status != 0) {
        // The last line of a Python error says what went wrong: a missing module (then say which
        // package brings it), a full disk, an unreadable file.
        const std::string why = lines.empty() ? "plot_run.py failed and printed nothing" : lines.back();
        const bool module = why.find("No module named") != std::string::npos;
        err << "plastica: no plots (" << why << (module ? "; install python3-matplotlib and python3-h5py" : "") << ")\n";
        return {};
    }
    return lines;
}

}  // namespace plastica
