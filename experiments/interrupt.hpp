#pragma once
// StopOnSignals — while it lives, SIGINT (Ctrl-C) and SIGTERM do not kill the process: they set
// a flag that the simulator reads once per step, so the run stops at the next step boundary,
// flushes, writes a checkpoint and says how to resume (spiking_run.cpp). A second signal of
// either kind kills at once, as users expect of a second Ctrl-C. Only runs that read the flag
// install it; every other command keeps the default handlers.
#include <atomic>

namespace plastica {

class StopOnSignals {
public:
    StopOnSignals();
    ~StopOnSignals();
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;

    /// True once a signal arrived.
    static const std::atomic<bool>& requested();
    /// The signal that arrived (SIGINT or SIGTERM), 0 before.
    static int signal();
};

}  // namespace plastica
