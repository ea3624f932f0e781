#include "experiments/interrupt.hpp"

#include <csignal>

namespace plastica {

namespace {

std::atomic<bool> g_requested{false};
std::atomic<int> g_signal{0};
struct sigaction g_old_int, g_old_term;
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the signal handler may only touch lock-free atomics");

extern "C" void on_stop_signal(int sig) {
    if (g_requested.load()) {  // the second signal: die as the default would
        std::signal(sig, SIG_DFL);
        std::raise(sig);
        return;
    }
    g_signal.store(sig);
    g_requested.store(true);
}

}  // namespace

StopOnSignals::StopOnSignals() {
    g_requested.store(false);
    g_signal.store(0);
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, &g_old_int);
    sigaction(SIGTERM, &sa, &g_old_term);
}

StopOnSignals::~StopOnSignals() {
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
}

const std::atomic<bool>& StopOnSignals::requested() { return g_requested; }
int StopOnSignals::signal() { return g_signal.load(); }

}  // namespace plastica
