#include "sim/simulator.hpp"

#include <omp.h>

#include <algorithm>

#include "sim/partition.hpp"

namespace plastica {

namespace {
constexpr Step kSegmentSteps = 1000;  // steps between monitor flushes and progress reports
}

Simulator::Simulator(Network& net, int threads) : net_(net), threads_(threads > 0 ? threads : omp_get_max_threads()) {
    check::positive("simulator", "threads", threads_);
}

void Simulator::prepare() {
    if (prepared_) return;
    const std::size_t P = net_.population_count();
    net_.prepare();
    compute_splits();
    pre_rules_.assign(P, {});
    post_rules_.assign(P, {});
    efficacy_.assign(net_.projection_count(), nullptr);
    plastic_ = false;
    for (std::size_t j = 0; j < net_.projection_count(); ++j) {
        Projection& pr = net_.projection(j);
        for (auto& r : pr.rules) {
            r->prepare(threads_);
            pre_rules_[pr.pre].push_back(r.get());
            post_rules_[pr.post].push_back(r.get());
            if (const double* e = r->efficacy()) {
                if (efficacy_[j])
                    throw Error("projection '" + pr.name + "'", "rule", r->name(),
                                "a second rule that scales transmission (one short-term plasticity rule per projection)");
                efficacy_[j] = e;
            }
            plastic_ = true;
        }
    }
    for (auto& par : spikes_) par.resize(threads_, P);
    seg_spikes_.assign(P, 0);
    for (Monitor* m : monitors_) m->attach(net_);
    prepared_ = true;
}

void Simulator::compute_splits() {
    splits_.assign(net_.projection_count(), {});
    if (threads_ == 1) return;
    const std::size_t inner = static_cast<std::size_t>(threads_ - 1);
    for (std::size_t j = 0; j < net_.projection_count(); ++j) {
        const Projection& pr = net_.projection(j);
        const Index n_pre = net_.population(pr.pre).size(), n_post = net_.population(pr.post).size();
        std::vector<std::uint32_t>& split = splits_[j];
        split.resize(std::size_t(n_pre) * inner);
        std::vector<Index> edge(inner);  // first target neuron of threads 1 .. threads-1
        for (std::size_t k = 1; k <= inner; ++k) edge[k - 1] = thread_range(n_post, threads_, static_cast<int>(k)).begin;
        pr.target.visit([&](const auto* tgt) {
#pragma omp parallel for num_threads(threads_) schedule(static)
            for (std::int64_t i = 0; i < n_pre; ++i) {
                const auto [s0, s1] = pr.row(static_cast<Index>(i));
                for (std::size_t k = 0; k < inner; ++k)
                    split[static_cast<std::size_t>(i) * inner + k] =
                        static_cast<std::uint32_t>(std::lower_bound(tgt + s0, tgt + s1, edge[k]) - (tgt + s0));
            }
        });
    }
}

RowSlicer Simulator::slicer(std::size_t j, int k) const {
    return {net_.projection(j).row_ptr.data(), splits_[j].data(), static_cast<std::size_t>(threads_ - 1), k};
}

void Simulator::deliver(Step t, int k, std::uint64_t& events) {
    const SpikeLists& lists = spikes_[t & 1];
    for (std::size_t j = 0; j < net_.projection_count(); ++j) {
        Projection& pr = net_.projection(j);
        const Range own = thread_range(net_.population(pr.post).size(), threads_, k);
        if (own.empty()) continue;
        const RowSlicer slice = slicer(j, k);
        for (auto& r : pr.rules) r->before_transmission(t, lists, pr.pre, slice);
        pr.target.visit([&](const auto* tgt) { deliver_projection(j, tgt, t, slice, events); });
        // Plasticity after transmission: a spike is delivered with the weight it found.
        for (auto& r : pr.rules) r->on_pre(t, lists, pr.pre, slice);
        for (auto& r : pr.rules) r->on_post(t, lists.at(k, pr.post));
        for (auto& r : pr.rules) r->on_step(t, slice, own);
    }
}

template <class T>
void Simulator::deliver_projection(std::size_t j, const T* tgt, Step t, const RowSlicer& span, std::uint64_t& events) {
    const auto& lists = spikes_[t & 1];
    const std::size_t inner = span.inner;
    const Projection& pr = net_.projection(j);
    Population& post = net_.population(pr.post);
    const std::uint32_t* split = span.split;
    const float* w = pr.weight.data();
    const double* eff = efficacy_[j];
    const int rec = static_cast<int>(pr.receptor);
    double* buf = post.input().at(t + 1 + pr.delay_steps, rec);
    for (int kk = 0; kk < threads_; ++kk) {
        const SpikeList& fired = lists.at(kk, pr.pre);
        const std::size_t n = fired.size();
        for (std::size_t q = 0; q < n; ++q) {
            // Rows of successive spikes lie far apart: fetch the row bounds four spikes ahead
            // and the start of the row two ahead, so the memory latency overlaps the work.
            if (q + 4 < n) {
                __builtin_prefetch(&pr.row_ptr[fired[q + 4]]);
                if (inner) __builtin_prefetch(split + std::size_t(fired[q + 4]) * inner);
            }
            if (q + 2 < n) {
                const std::uint64_t a = span(fired[q + 2]).first;
                __builtin_prefetch(tgt + a);
                __builtin_prefetch(w + a);
            }
            const auto [s0, s1] = span(fired[q]);
            events += s1 - s0;
            if (eff) {
                // Short-term plasticity: every synapse of the row scaled by the neuron's efficacy.
                const double e = eff[fired[q]];
                if (pr.delays.empty()) {
                    for (std::uint64_t s = s0; s < s1; ++s) buf[tgt[s]] += e * w[s];
                } else {
                    for (std::uint64_t s = s0; s < s1; ++s) post.input().at(t + 1 + pr.delays[s], rec)[tgt[s]] += e * w[s];
                }
            } else if (pr.delays.empty()) {
                for (std::uint64_t s = s0; s < s1; ++s) buf[tgt[s]] += w[s];
            } else {
                for (std::uint64_t s = s0; s < s1; ++s) post.input().at(t + 1 + pr.delays[s], rec)[tgt[s]] += w[s];
            }
        }
    }
}

std::uint64_t Simulator::run_segment(Step first, Step last, int k, SpinBarrier& barrier, Step& stopped) {
    const std::size_t P = net_.population_count();
    std::uint64_t ev = 0;
    for (Step t = first; t < last; ++t) {
        SpikeLists& mine = spikes_[t & 1];
        for (std::size_t p = 0; p < P; ++p) {
            Population& pop = net_.population(p);
            const Range r = thread_range(pop.size(), threads_, k);
            SpikeList& out = mine.at(k, p);
            out.clear();
            pop.update(t, r.begin, r.end, out);
            for (SynapseRule* rule : pre_rules_[p]) rule->pre_fired(t, out);
            for (SynapseRule* rule : post_rules_[p]) rule->post_fired(t, out);
            for (Monitor* m : monitors_) m->after_update(t, static_cast<std::uint32_t>(p), r);
        }
        barrier.arrive_and_wait();
        // Thread 0 stores a stop decision (last step t' + 1) before it reaches this barrier of
        // step t' + 1, so every thread reads the same verdict here; a later store names a later step.
        const bool last_step = t >= stop_after_.load(std::memory_order_acquire);
        deliver(t, k, ev);
        if (k == 0) {
            const StepSpikes sp(spikes_[t & 1]);
            for (std::size_t p = 0; p < P; ++p) seg_spikes_[p] += sp.count(static_cast<std::uint32_t>(p));
            for (Monitor* m : monitors_) m->on_spikes(t, sp);
            if (stop_flag_ && stop_after_.load(std::memory_order_relaxed) == INT64_MAX && stop_flag_->load(std::memory_order_relaxed))
                stop_after_.store(t + 1, std::memory_order_release);
        }
        if (plastic_) {
            barrier.arrive_and_wait();
            if (k == 0)
                for (std::size_t j = 0; j < net_.projection_count(); ++j)
                    for (auto& r : net_.projection(j).rules) r->end_step(t);
        }
        if (last_step) {
            if (k == 0) stopped = t + 1;
            break;
        }
    }
    return ev;
}

bool Simulator::run(double duration_ms) {
    const Step n = steps_of("simulator", "duration", duration_ms, net_.dt());
    if (n > kMaxSteps - net_.now())
        throw Error("simulator", "duration", to_text(duration_ms) + " ms",
                    "is too long: the step counter would pass " + std::to_string(kMaxSteps) + " steps of dt = " + to_text(net_.dt()) + " ms");
    return run_to(net_.now() + n);
}

bool Simulator::run_to(Step end) {
    if (!prepared_) prepare();
    if (end < net_.now())
        throw Error("simulator", "end", std::to_string(end), "lies before the network's clock (step " + std::to_string(net_.now()) + ")");
    // A rule's state must not be newer than the clock: reads would decay by a negative lag.
    for (std::size_t j = 0; j < net_.projection_count(); ++j)
        for (const auto& r : net_.projection(j).rules)
            if (r->latest_step() > net_.now())
                throw Error("projection '" + net_.projection(j).name + "'", "rule", r->name(),
                            "holds state of step " + std::to_string(r->latest_step()) + ", after the network's clock (step " +
                                std::to_string(net_.now()) + "): its network was reset or loaded without it");
    const Step begin = net_.now(), n = end - begin;
    const auto t_start = std::chrono::steady_clock::now();
    stop_after_.store(INT64_MAX);

    while (net_.now() < end) {
        const Step now = net_.now();
        Step seg_end = std::min(end, now + kSegmentSteps);
        for (const Monitor* m : monitors_) {
            const Step stop = m->next_stop(now);
            if (stop > now) seg_end = std::min(seg_end, stop);
        }
        for (Monitor* m : monitors_) m->begin_segment(now, seg_end);
        SpinBarrier barrier(threads_);
        int team = threads_;
        std::uint64_t events = 0;
        Step stopped = seg_end;
        std::fill(seg_spikes_.begin(), seg_spikes_.end(), 0);
#pragma omp parallel num_threads(threads_) reduction(+ : events)
        {
            // Every range below assumes exactly threads_ threads; OpenMP may start fewer
            // (OMP_DYNAMIC, OMP_THREAD_LIMIT). Then all of the team skip, and we fail cleanly.
            if (omp_get_num_threads() != threads_) {
#pragma omp single
                team = omp_get_num_threads();
            } else {
                events += run_segment(now, seg_end, omp_get_thread_num(), barrier, stopped);
            }
        }
        if (team != threads_)
            throw Error("simulator", "threads", std::to_string(threads_),
                        "OpenMP started only " + std::to_string(team) + " (check OMP_DYNAMIC and OMP_THREAD_LIMIT)");
        net_.advance(stopped, events, seg_spikes_);
        for (std::size_t p = 0; p < net_.population_count(); ++p) net_.population(p).check_state();
        for (std::size_t j = 0; j < net_.projection_count(); ++j)
            for (auto& r : net_.projection(j).rules) r->sync(stopped);
        for (Monitor* m : monitors_) m->end_segment(stopped);
        if (progress_)
            progress_({net_.now() - begin, n, std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count()});
        if (stopped < seg_end) return false;
    }
    return true;
}

}  // namespace plastica
