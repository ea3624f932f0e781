#include "models/poisson_source.hpp"

#include <algorithm>

#include "sim/check.hpp"
#include "sim/philox_batch.hpp"
#include "sim/random.hpp"

namespace plastica {

PoissonSource::PoissonSource(std::string name, Index n, std::vector<double> rates_hz)
    : Population(std::move(name), n) {
    check_rates(rates_hz);
    segments_.push_back({0.0, 0, {}, std::move(rates_hz), {}});
}

void PoissonSource::check_rates(const std::vector<double>& r) const {
    if (r.size() != 1 && r.size() != size())
        throw Error(where(), "rate", std::to_string(r.size()) + " values",
                    "needs one rate or one per neuron (" + std::to_string(size()) + ")");
    for (double x : r) check::non_negative(where(), "rate", x);
}

void PoissonSource::add_rate_change(double at_ms, std::vector<double> rates_hz) {
    if (prepared_) throw Error(where(), "rate_change.at", to_text(at_ms) + " ms", "rate changes are added before the first run (between runs: set_rates)");
    check::non_negative(where(), "rate_change.at", at_ms);
    check_rates(rates_hz);
    if (at_ms <= segments_.back().at_ms)
        throw Error(where(), "rate_change.at", to_text(at_ms) + " ms", "rate changes must come in increasing time order");
    segments_.push_back({at_ms, 0, {}, std::move(rates_hz), {}});
}

void PoissonSource::set_rates(Step from, std::vector<double> rates_hz) {
    if (!prepared_) throw Error(where(), "set_rates", std::to_string(from), "needs a prepared network (use add_rate_change before a run)");
    check_rates(rates_hz);
    Segment s{static_cast<double>(from) * ctx_.dt, from, {}, std::move(rates_hz), {}};
    compute_probabilities(s);
    segments_.erase(segments_.begin(), std::upper_bound(segments_.begin(), segments_.end(), from,
                                                        [](Step x, const Segment& q) { return x < q.start; }));
    segments_.insert(segments_.begin(), std::move(s));
}

void PoissonSource::compute_probabilities(Segment& s) const {
    s.p.resize(s.rates.size());
    s.active.clear();
    for (std::size_t i = 0; i < s.rates.size(); ++i) {
        s.p[i] = s.rates[i] * ctx_.dt * 1e-3;
        if (s.p[i] > 1)
            throw Error(where(), "rate", to_text(s.rates[i]) + " Hz", "exceeds one spike per step at dt = " + to_text(ctx_.dt) + " ms");
        if (s.p[i] > 0 && s.rates.size() > 1) s.active.push_back(static_cast<Index>(i));
    }
}

void PoissonSource::prepare(const RunContext& ctx, std::size_t slots) {
    ctx_ = ctx;
    input_.resize(std::max<std::size_t>(slots, 1), 0);
    for (auto& s : segments_) {
        s.start = steps_of(where(), "rate_change.at", s.at_ms, ctx.dt);
        compute_probabilities(s);
    }
    prepared_ = true;
}

void PoissonSource::io_state(StateIO& io) {
    Population::io_state(io);
    std::vector<Step> starts;
    std::vector<std::uint64_t> lengths;
    std::vector<double> rates;
    for (const auto& q : segments_) {
        starts.push_back(q.start);
        lengths.push_back(q.rates.size());
        rates.insert(rates.end(), q.rates.begin(), q.rates.end());
    }
    io.growing("segment_start", starts);
    io.growing("segment_length", lengths);
    io.growing("segment_rates", rates);
    if (io.saving()) return;
    std::uint64_t total = 0;
    for (auto n : lengths) total += n;
    if (starts.size() != lengths.size() || total != rates.size() || starts.empty())
        throw Error(where(), "checkpoint", "rate schedule", "corrupt (segment arrays do not agree)");
    segments_.clear();
    std::size_t at = 0;
    for (std::size_t q = 0; q < starts.size(); ++q) {
        std::vector<double> r(rates.begin() + static_cast<std::ptrdiff_t>(at), rates.begin() + static_cast<std::ptrdiff_t>(at + lengths[q]));
        at += lengths[q];
        check_rates(r);
        Segment s{static_cast<double>(starts[q]) * ctx_.dt, starts[q], {}, std::move(r), {}};
        compute_probabilities(s);
        segments_.push_back(std::move(s));
    }
}

void PoissonSource::update(Step t, Index begin, Index end, SpikeList& spikes) {
    auto seg = std::upper_bound(segments_.begin(), segments_.end(), t,
                                [](Step x, const Segment& s) { return x < s.start; });
    const Segment& s = *(seg - 1);
    const std::uint32_t stream = stream_id(StreamKind::poisson_source, ctx_.index);
    alignas(64) double u[64];
    if (s.p.size() == 1) {
        // the uniforms of RandomStream(seed, stream, i, t), batched (sim/philox_batch.hpp)
        const double p = s.p[0];
        if (p <= 0) return;
        for (Index i0 = begin; i0 < end; i0 += 64) {
            const Index n = std::min<Index>(64, end - i0);
            uniform_batch(ctx_.seed, stream, i0, n, static_cast<std::uint64_t>(t), u);
            for (Index j = 0; j < n; ++j)
                if (u[j] < p) spikes.push_back(i0 + j);
        }
        return;
    }
    // Per-neuron rates: only the neurons with a rate draw (an image's dark pixels are often half
    // of them), the same draw each would get in a full pass, so the spikes are the same.
    const auto first = std::lower_bound(s.active.begin(), s.active.end(), begin);
    const auto last = std::lower_bound(first, s.active.end(), end);
    for (auto a = first; a < last; a += 64) {
        const std::size_t n = std::min<std::size_t>(64, static_cast<std::size_t>(last - a));
        uniform_gather(ctx_.seed, stream, &*a, n, static_cast<std::uint64_t>(t), u);
        for (std::size_t j = 0; j < n; ++j)
            if (u[j] < s.p[a[j]]) spikes.push_back(a[j]);
    }
}

}  // namespace plastica
