#pragma once
// ProgressBar — a progress line with an ETA on stderr for long runs. On a terminal it redraws
// one line (at most 4 times a second); otherwise it prints a line every 10 s, so logs stay short.
// Runs that finish within 2 s print nothing.
#include <unistd.h>

#include <cstdio>
#include <iomanip>
#include <ostream>
#include <string>

namespace plastica {

class ProgressBar {
public:
    /// `total` of `unit` is the whole run (biological ms, epochs, samples).
    ProgressBar(std::ostream& os, std::string label, double total, bool enabled, std::string unit = "ms")
        : os_(os), label_(std::move(label)), unit_(std::move(unit)), total_(total), enabled_(enabled), tty_(::isatty(2)) {}

    void update(double fraction, double elapsed_s) {
        if (!enabled_ || elapsed_s < 2.0) return;
        if (elapsed_s - last_ < (tty_ ? 0.25 : 10.0)) return;
        last_ = elapsed_s;
        const double eta = fraction > 0 ? elapsed_s * (1 - fraction) / fraction : 0;
        os_ << (tty_ ? "\r" : "") << "[" << label_ << "] " << std::fixed << std::setprecision(0) << fraction * 100 << "%  "
            << fraction * total_ << " / " << total_ << " " << unit_ << "  elapsed " << std::setprecision(1) << elapsed_s << " s  ETA "
            << eta << " s" << (tty_ ? "   " : "\n") << std::flush;
        shown_ = true;
    }
    void finish(double elapsed_s) {
        if (shown_) os_ << (tty_ ? "\r" : "") << "[" << label_ << "] done in " << std::fixed << std::setprecision(1) << elapsed_s
                        << " s" << std::string(30, ' ') << "\n" << std::flush;
    }

private:
    std::ostream& os_;
    std::string label_, unit_;
    double total_;
    bool enabled_, tty_;
    double last_ = -1e9;
    bool shown_ = false;
};

}  // namespace plastica
