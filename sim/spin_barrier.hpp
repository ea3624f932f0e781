#pragma once
// SpinBarrier — the once-per-step barrier between neuron update and spike delivery.
//
// Why not `#pragma omp barrier` or std::barrier: on the 2-core machines we measure on, both take
// about 1.7 us per crossing (libgomp's and libstdc++'s barriers do more atomic traffic and park in
// futexes), which at N = 4000 was a third of a simulation step. A sense-counting barrier on one
// cache line takes about 0.6 us there. To stay safe when threads outnumber free cores (ctest -j,
// a loaded machine) a waiter spins only briefly with `pause`, then yields its core.
#include <atomic>
#include <cstdint>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define PLASTICA_CPU_RELAX() _mm_pause()
#else
#define PLASTICA_CPU_RELAX() ((void)0)
#endif

namespace plastica {

/// Reusable barrier for a fixed number of threads.
class SpinBarrier {
public:
    explicit SpinBarrier(int threads) : threads_(threads) {}

    /// Blocks until all threads have arrived; memory written before arriving is visible after.
    void arrive_and_wait() {
        const std::uint32_t gen = generation_.load(std::memory_order_relaxed);
        if (arrived_.fetch_add(1, std::memory_order_acq_rel) + 1 == threads_) {
            arrived_.store(0, std::memory_order_relaxed);
            generation_.store(gen + 1, std::memory_order_release);
            return;
        }
        for (int spin = 0; generation_.load(std::memory_order_acquire) == gen; ++spin) {
            if (spin < kSpins)
                PLASTICA_CPU_RELAX();
            else
                std::this_thread::yield();
        }
    }

private:
    static constexpr int kSpins = 4000;  // ~ tens of microseconds before yielding
    alignas(64) std::atomic<int> arrived_{0};
    alignas(64) std::atomic<std::uint32_t> generation_{0};
    int threads_;
};

}  // namespace plastica
