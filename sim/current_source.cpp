#include "sim/current_source.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/random.hpp"

namespace plastica {

namespace {

/// The scalar parameters each kind takes.
const std::vector<std::string>& kind_params(CurrentKind k) {
    static const std::vector<std::string> dc = {"amplitude", "start", "stop"};
    static const std::vector<std::string> step = {};
    static const std::vector<std::string> ac = {"amplitude", "offset", "frequency", "phase", "start", "stop"};
    static const std::vector<std::string> noise = {"mean", "stdev", "interval", "start", "stop"};
    switch (k) {
        case CurrentKind::dc: return dc;
        case CurrentKind::step: return step;
        case CurrentKind::ac: return ac;
        case CurrentKind::noise: return noise;
    }
    return dc;
}

/// A time (ms) as a step of the grid; beyond the step counter (the 1e12 ms default of `stop` at a
/// fine dt) it is "never".
Step grid_step(const std::string& where, const std::string& key, double ms, double dt) {
    check::non_negative(where, key, ms);
    if (ms / dt >= static_cast<double>(kMaxSteps)) return kMaxSteps;
    return steps_of(where, key, ms, dt);
}

}  // namespace

const std::vector<ParamField<CurrentSource::Params>>& CurrentSource::fields() {
    using Params = CurrentSource::Params;
    static const std::vector<ParamField<Params>> f = {PLASTICA_CURRENT_PARAMS(PLASTICA_PARAM_FIELD)};
    return f;
}

std::vector<ParamField<CurrentSource::Params>> CurrentSource::fields(CurrentKind kind) {
    std::vector<ParamField<Params>> out;
    for (const auto& f : fields())
        for (const auto& n : kind_params(kind))
            if (n == f.name) out.push_back(f);
    return out;
}

void CurrentSource::set(const std::string& name, double value, const std::string& where) {
    const auto own = fields(kind);
    if (kind == CurrentKind::step && (name == "times" || name == "amplitudes"))
        throw Error(where, name, to_text(value), "takes a list (one value per change)");
    if (std::none_of(own.begin(), own.end(), [&](const auto& f) { return name == f.name; })) {
        std::string known;
        for (const auto& f : own) known += (known.empty() ? "" : ", ") + std::string(f.name);
        if (kind == CurrentKind::step) known = "times, amplitudes";
        throw Error(where, name, to_text(value), std::string("unknown parameter of a ") + current_kind_name(kind) + " current (known: " + known + ")");
    }
    set_field(own, params, name, value, where);
}

void CurrentSource::prepare(double dt, const std::string& where) {
    validate_fields(fields(kind), params, where);
    dt_ = dt;
    start_step_ = 0;
    stop_step_ = kMaxSteps;
    interval_steps_ = 1;
    step_steps_.clear();
    if (kind == CurrentKind::step) {
        if (times.size() != amplitudes.size())
            throw Error(where, "amplitudes", std::to_string(amplitudes.size()) + " values",
                        "needs one amplitude per time (" + std::to_string(times.size()) + " times)");
        for (std::size_t k = 0; k < times.size(); ++k) {
            const std::string key = "times[" + std::to_string(k) + "]";
            check::finite(where, "amplitudes[" + std::to_string(k) + "]", amplitudes[k]);
            step_steps_.push_back(grid_step(where, key, times[k], dt));
            if (k > 0 && !(times[k] > times[k - 1]))
                throw Error(where, key, to_text(times[k]) + " ms", "must be later than the time before it (" + to_text(times[k - 1]) + " ms)");
        }
        if (!step_steps_.empty()) start_step_ = step_steps_.front();
        return;
    }
    start_step_ = grid_step(where, "start", params.start, dt);
    stop_step_ = grid_step(where, "stop", params.stop, dt);
    if (stop_step_ < start_step_)
        throw Error(where, "stop", to_text(params.stop) + " ms", "is before start (" + to_text(params.start) + " ms)");
    if (kind == CurrentKind::noise && params.interval > 0) interval_steps_ = interval_steps(where, "interval", params.interval, dt);
}

double CurrentSource::shared_value(Step t) const {
    if (!active(t)) return 0;
    switch (kind) {
        case CurrentKind::dc: return params.amplitude;
        case CurrentKind::step: {
            const auto it = std::upper_bound(step_steps_.begin(), step_steps_.end(), t);
            return amplitudes[static_cast<std::size_t>(it - step_steps_.begin()) - 1];  // active(t): t >= the first step
        }
        case CurrentKind::ac: {
            // the elapsed time as an integer count of steps times dt (never accumulated)
            const double elapsed_s = static_cast<double>(t - start_step_) * dt_ * 1e-3;
            return params.offset + params.amplitude * std::sin(2 * std::numbers::pi * params.frequency * elapsed_s + params.phase * std::numbers::pi / 180);
        }
        case CurrentKind::noise: return params.mean;
    }
    return 0;
}

CurrentKind current_kind(const std::string& name, const std::string& where) {
    for (CurrentKind k : {CurrentKind::dc, CurrentKind::step, CurrentKind::ac, CurrentKind::noise})
        if (name == current_kind_name(k)) return k;
    throw Error(where, "kind", name, "unknown current kind (known: dc, step, ac, noise)");
}

const char* current_kind_name(CurrentKind k) {
    switch (k) {
        case CurrentKind::dc: return "dc";
        case CurrentKind::step: return "step";
        case CurrentKind::ac: return "ac";
        case CurrentKind::noise: return "noise";
    }
    return "dc";
}

std::vector<std::pair<std::string, std::string>> current_kinds() {
    return {{"dc", "a constant current between start and stop (NEST dc_generator, PyNN DCSource)"},
            {"step", "amplitudes[k] from times[k] on (step_current_generator, StepCurrentSource)"},
            {"ac", "offset + amplitude sin(2 pi frequency (t - start) + phase) between start and stop (ac_generator, ACSource)"},
            {"noise", "mean + stdev N(0,1), a new value per neuron every interval (noise_generator, NoisyCurrentSource)"}};
}

std::vector<ParamInfo> current_params(CurrentKind kind) {
    if (kind == CurrentKind::step)
        return {{"times", "ms", "change times, increasing (a list)", 0}, {"amplitudes", "pA", "the current from each time on (a list)", 0}};
    return param_info(CurrentSource::fields(kind), CurrentSource::Params{});
}

CurrentInjection::CurrentInjection(const CurrentSource* source, std::uint32_t id, const std::vector<Index>* targets, std::uint32_t seed)
    : source_(source), stream_(stream_id(StreamKind::current_noise, id)), targets_(targets), seed_(seed) {}

double CurrentInjection::noise(Step t, Index i) const {
    RandomStream rng(seed_, stream_, i, static_cast<std::uint64_t>(source_->noise_interval(t)));
    return source_->params.stdev * rng.normal();
}

double CurrentInjection::value(Step t, Index i) const {
    if (!targets_all() && !std::binary_search(targets_->begin(), targets_->end(), i)) return 0;
    if (!source_->active(t)) return 0;
    const double v = source_->shared_value(t);
    return source_->kind == CurrentKind::noise && source_->params.stdev > 0 ? v + noise(t, i) : v;
}

void CurrentInjection::add(Step t, Index begin, Index end, double* out) const {
    if (!source_->active(t)) return;
    const double v = source_->shared_value(t);
    const bool noisy = source_->kind == CurrentKind::noise && source_->params.stdev > 0;
    const auto each = [&](Index i) { out[i] += noisy ? v + noise(t, i) : v; };
    if (targets_all()) {
        for (Index i = begin; i < end; ++i) each(i);
        return;
    }
    for (auto it = std::lower_bound(targets_->begin(), targets_->end(), begin); it != targets_->end() && *it < end; ++it) each(*it);
}

}  // namespace plastica
