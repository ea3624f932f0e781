#include "models/gamma_source.hpp"

#include <cmath>

#include "sim/check.hpp"
#include "sim/random.hpp"
#include "sim/state_io.hpp"
#include "sim/time.hpp"

namespace plastica {

namespace {
constexpr Step kNever = std::numeric_limits<Step>::max();
}

const std::vector<ParamField<GammaSource::Params>>& GammaSource::fields() {
    static const std::vector<ParamField<Params>> f = {PLASTICA_GAMMA_SOURCE_PARAMS(PLASTICA_PARAM_FIELD)};
    return f;
}

GammaSource::GammaSource(std::string name, Index n, std::vector<double> rates_hz, double shape, double start_ms, double stop_ms)
    : Population(std::move(name), n), rates_(std::move(rates_hz)), shape_(shape), start_ms_(start_ms), stop_ms_(stop_ms) {
    if (rates_.size() != 1 && rates_.size() != size())
        throw Error(where(), "rate", std::to_string(rates_.size()) + " values", "needs one rate or one per neuron (" + std::to_string(size()) + ")");
    for (double r : rates_) check::non_negative(where(), "rate", r);
    check::positive(where(), "shape", shape_);
    check::non_negative(where(), "start", start_ms_);
    if (!(stop_ms_ >= start_ms_)) throw Error(where(), "stop", to_text(stop_ms_), "lies before start = " + to_text(start_ms_) + " ms");
}

double GammaSource::gamma_variate(double k, RandomStream& rng) {
    if (k < 1) return gamma_variate(k + 1, rng) * std::pow(rng.uniform(), 1 / k);
    const double d = k - 1.0 / 3, c = 1 / std::sqrt(9 * d);
    for (;;) {
        const double x = rng.normal(), v0 = 1 + c * x;
        if (v0 <= 0) continue;
        const double v = v0 * v0 * v0, u = rng.uniform();
        if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
}

void GammaSource::draw_next(Index i, Step from) {
    const double r = rate(i);
    if (r <= 0) {
        next_[i] = kNever;
        return;
    }
    RandomStream rng(ctx_.seed, stream_id(StreamKind::gamma_source, ctx_.index), i, count_[i]++);
    const double isi_ms = gamma_variate(shape_, rng) / (shape_ * r) * 1000.0;
    const double steps = std::max(1.0, std::round(isi_ms / ctx_.dt));
    const Step s = steps >= static_cast<double>(kNever - from) ? kNever : from + static_cast<Step>(steps);
    next_[i] = s > stop_ ? kNever : s;
}

void GammaSource::prepare(const RunContext& ctx, std::size_t slots) {
    ctx_ = ctx;
    input_.resize(std::max<std::size_t>(slots, 1), 0);
    start_ = steps_of(where(), "start", start_ms_, ctx.dt);
    stop_ = std::isfinite(stop_ms_) ? steps_of(where(), "stop", stop_ms_, ctx.dt) : kNever;
    for (double r : rates_)
        if (r * ctx.dt * 1e-3 > 1) throw Error(where(), "rate", to_text(r) + " Hz", "exceeds one spike per step at dt = " + to_text(ctx.dt) + " ms");
    next_.assign(size(), kNever);
    count_.assign(size(), 0);
    for (Index i = 0; i < size(); ++i) draw_next(i, start_);
}

void GammaSource::update(Step t, Index begin, Index end, SpikeList& spikes) {
    // a spike at step s is emitted by the update that ends there (as spike_source_array)
    for (Index i = begin; i < end; ++i)
        if (next_[i] == t + 1) {
            spikes.push_back(i);
            draw_next(i, t + 1);
        }
}

void GammaSource::io_state(StateIO& io) {
    Population::io_state(io);
    io.array("next_spike_step", next_);
    io.array("spikes_drawn", count_);
}

}  // namespace plastica
