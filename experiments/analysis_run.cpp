#include "experiments/analysis_run.hpp"

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <memory>

#include "experiments/plots.hpp"
#include "experiments/run_file.hpp"

namespace plastica {

void run_analysis(const Experiment& exp, const Config& cfg, const RunOptions& opt, std::ostream& out, std::ostream& err, bool json,
                  const std::function<AnalysisResult(H5File*)>& body) {
    const std::string path = (std::filesystem::path(opt.out_dir) / (exp.name + ".h5")).string();
    std::unique_ptr<RunFile> file;
    if (!opt.bench) {
        check_output_dir(opt.out_dir);
        file = std::make_unique<RunFile>(path, exp, cfg, opt, 1);
    }
    AnalysisResult r;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        r = body(file ? &file->h5() : nullptr);
        if (file) file->complete();
    } catch (const std::exception& e) {
        if (file) file->failed(e.what());
        throw;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::vector<std::string> plots;
    if (file && opt.plots) {
        file.reset();  // closed, so the plotting process reads everything
        plots = write_plots(path, err);
    }
    if (json) {
        nlohmann::json j;
        j["experiment"] = exp.name;
        j["title"] = r.title;
        j["seconds"] = seconds;
        j["results"] = r.analysis.json;
        j["plots"] = plots;
        out << j.dump() << "\n";
        return;
    }
    out << r.title << "\n\n" << r.analysis.text;
    out << std::fixed << std::setprecision(3) << "\n  run time               " << seconds << " s\n";
    if (!opt.bench) out << "  output                 " << path << "\n";
    for (const auto& p : plots) out << "  plot                   " << p << "\n";
}

}  // namespace plastica
