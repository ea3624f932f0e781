#include "sim/recorders.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "sim/network.hpp"

namespace plastica {

// ---------------------------------------------------------------- SpikeRecorder

SpikeRecorder::SpikeRecorder(std::string population, std::vector<Index> subset, H5File* out, bool keep)
    : name_(std::move(population)), subset_(std::move(subset)), out_(out), keep_(keep) {}

void SpikeRecorder::attach(const Network& net) {
    pop_ = net.index_of(name_);
    popp_ = &net.population(pop_);
    precise_ = popp_->spike_offsets(0) != nullptr;
    dt_ = net.dt();
    const Index n = popp_->size();
    if (!subset_.empty()) {
        mask_.assign(n, 0);
        for (Index i : subset_) {
            if (i >= n) throw Error("spike recorder of '" + name_ + "'", "neurons", std::to_string(i), "index out of range");
            mask_[i] = 1;
        }
    }
    if (out_) {
        const std::string g = "/spikes/" + name_;
        out_->ensure_group(g);
        out_->sorting_attr(g, 2);  // by_time: spikes are appended in time order
        out_->append(g + "/timestamps", static_cast<const double*>(nullptr), 0);
        out_->append(g + "/node_ids", static_cast<const std::uint64_t*>(nullptr), 0);
        out_->attr(g + "/timestamps", "units", std::string("ms"));
    }
}

void SpikeRecorder::on_spikes(Step t, const StepSpikes& s) {
    const double* off = precise_ ? popp_->spike_offsets(t) : nullptr;
    const std::size_t first = ids_.size();
    s.for_each(pop_, [&](Index i) {
        if (mask_.empty() || mask_[i]) {
            steps_.push_back(t);
            ids_.push_back(i);
            if (off) offsets_.push_back(off[i]);
        }
    });
    // The file is sorted by time (SONATA "by_time"): precise spikes of one step go in time order.
    if (off && ids_.size() - first > 1) {
        std::vector<std::pair<double, Index>> step(ids_.size() - first);
        for (std::size_t e = 0; e < step.size(); ++e) step[e] = {offsets_[first + e], ids_[first + e]};
        std::sort(step.begin(), step.end());
        for (std::size_t e = 0; e < step.size(); ++e) std::tie(offsets_[first + e], ids_[first + e]) = step[e];
    }
}

double SpikeRecorder::time_of(std::size_t e) const {
    return precise_ ? static_cast<double>(steps_[e]) * dt_ + offsets_[e] : spike_time_ms(steps_[e], dt_);
}

void SpikeRecorder::end_segment(Step) {
    const std::size_t n = steps_.size() - written_;
    total_ += n;
    if (out_ && n) {
        std::vector<double> ts(n);
        std::vector<std::uint64_t> ids(n);
        for (std::size_t e = 0; e < n; ++e) {
            ts[e] = time_of(written_ + e);
            ids[e] = ids_[written_ + e];
        }
        const std::string g = "/spikes/" + name_;
        out_->append(g + "/timestamps", ts.data(), n);
        out_->append(g + "/node_ids", ids.data(), n);
        out_->flush();
    }
    if (!keep_) {
        steps_.clear();
        ids_.clear();
        offsets_.clear();
        written_ = 0;
    } else {
        written_ = steps_.size();
    }
}

void SpikeRecorder::io_state(StateIO& io) {
    io.value("total", total_);
    std::uint64_t written = written_;
    io.value("written", written);
    written_ = static_cast<std::size_t>(written);
    io.growing("steps", steps_);
    io.growing("ids", ids_);
    io.growing("offsets", offsets_);
    if (io.loading() && out_ && out_->continued()) {
        const std::string g = "/spikes/" + name_;
        out_->truncate(g + "/timestamps", total_);
        out_->truncate(g + "/node_ids", total_);
    }
}

void SpikeRecorder::clear() {
    steps_.clear();
    ids_.clear();
    offsets_.clear();
    written_ = 0;
}

std::vector<double> SpikeRecorder::times_ms() const {
    std::vector<double> t(steps_.size());
    for (std::size_t e = 0; e < t.size(); ++e) t[e] = time_of(e);
    return t;
}

// ---------------------------------------------------------------- StateRecorder

StateRecorder::StateRecorder(std::string population, std::string variable, std::vector<Index> neurons, double interval_ms,
                             H5File* out)
    : name_(std::move(population)), var_(std::move(variable)), neurons_(std::move(neurons)), interval_ms_(interval_ms), out_(out) {
    std::sort(neurons_.begin(), neurons_.end());
    neurons_.erase(std::unique(neurons_.begin(), neurons_.end()), neurons_.end());
}

void StateRecorder::attach(const Network& net) {
    const std::string where = "state recorder of '" + name_ + "'";
    pop_ = net.index_of(name_);
    popp_ = &net.population(pop_);
    dt_ = net.dt();
    interval_ = interval_steps(where, "interval", interval_ms_, dt_);
    data_ = popp_->state(var_);
    if (!data_) {
        std::string known;
        for (const auto& s : popp_->state_names()) known += (known.empty() ? "" : ", ") + s;
        throw Error(where, "variable", var_, "unknown state variable of " + popp_->model() + " (known: " + known + ")");
    }
    if (neurons_.empty()) throw Error(where, "neurons", "[]", "needs at least one neuron");
    for (Index i : neurons_)
        if (i >= popp_->size()) throw Error(where, "neurons", std::to_string(i), "index out of range");
    if (out_ && !(out_->continued() && out_->exists("/report/" + name_))) {  // a continued file has it
        const std::string g = "/report/" + name_;
        if (out_->exists(g)) throw Error(where, "variable", var_, "a report for this population is already being written");
        std::vector<std::uint64_t> ids(neurons_.begin(), neurons_.end()), elems(neurons_.size(), 0), ptr(neurons_.size() + 1);
        for (std::size_t c = 0; c <= neurons_.size(); ++c) ptr[c] = c;
        out_->write(g + "/mapping/node_ids", ids);
        out_->write(g + "/mapping/element_ids", elems);
        out_->write(g + "/mapping/index_pointer", ptr);
        out_->append_rows(g + "/data", static_cast<const float*>(nullptr), 0, neurons_.size());
        out_->attr(g + "/data", "variable", var_);
    }
}

void StateRecorder::begin_segment(Step first, Step last) {
    // Rows for sample times (t+1) that are multiples of the interval, first <= t < last.
    seg_first_ = first;
    seg_row0_ = times_.size();
    for (Step t = first; t < last; ++t)
        if ((t + 1) % interval_ == 0) times_.push_back(spike_time_ms(t, dt_));
    values_.resize(times_.size() * neurons_.size());
}

void StateRecorder::after_update(Step t, std::uint32_t pop, Range r) {
    if (pop != pop_ || (t + 1) % interval_ != 0) return;
    const std::size_t row = seg_row0_ + static_cast<std::size_t>((t + 1) / interval_ - (seg_first_ + interval_) / interval_);
    auto lo = std::lower_bound(neurons_.begin(), neurons_.end(), r.begin);
    auto hi = std::lower_bound(lo, neurons_.end(), r.end);
    double* out = values_.data() + row * neurons_.size();
    for (auto it = lo; it != hi; ++it) out[it - neurons_.begin()] = data_[*it];
}

void StateRecorder::end_segment(Step) {
    if (!out_) return;
    const std::size_t rows = times_.size() - written_rows_, cols = neurons_.size();
    std::vector<float> buf(rows * cols);
    for (std::size_t e = 0; e < buf.size(); ++e) buf[e] = static_cast<float>(values_[written_rows_ * cols + e]);
    const std::string g = "/report/" + name_;
    out_->append_rows(g + "/data", buf.data(), rows, cols);
    written_rows_ = times_.size();
    if (!times_.empty()) {  // SONATA mapping/time = [start, stop, step]
        const double step = static_cast<double>(interval_) * dt_;
        const double tt[3] = {times_.front(), times_.back() + step, step};
        out_->replace(g + "/mapping/time", tt, 3);
        out_->attr(g + "/mapping/time", "units", std::string("ms"));
    }
    out_->flush();
}

void StateRecorder::clear() {
    times_.clear();
    values_.clear();
    written_rows_ = 0;
}

void StateRecorder::io_state(StateIO& io) {
    io.growing("times", times_);
    io.growing("values", values_);
    std::uint64_t rows = written_rows_;
    io.value("written_rows", rows);
    written_rows_ = static_cast<std::size_t>(rows);
    if (io.loading() && out_ && out_->continued()) out_->truncate("/report/" + name_ + "/data", rows);
}

// ---------------------------------------------------------------- RateRecorder

RateRecorder::RateRecorder(std::string population, double bin_ms) : name_(std::move(population)), bin_ms_(bin_ms) {}

void RateRecorder::attach(const Network& net) {
    const std::string where = "rate recorder of '" + name_ + "'";
    pop_ = net.index_of(name_);
    bin_ = interval_steps(where, "bin", bin_ms_, net.dt());
    n_ = net.population(pop_).size();
}

void RateRecorder::on_spikes(Step t, const StepSpikes& s) {
    const auto b = static_cast<std::size_t>(t / bin_);
    if (counts_.size() <= b) counts_.resize(b + 1, 0);
    counts_[b] += s.count(pop_);
    last_step_ = t;
}

void RateRecorder::io_state(StateIO& io) {
    io.growing("counts", counts_);
    io.value("last_step", last_step_);
}

std::vector<double> RateRecorder::rates_hz() const {
    const std::size_t complete = static_cast<std::size_t>((last_step_ + 1) / bin_);
    std::vector<double> r(std::min(complete, counts_.size()));
    for (std::size_t b = 0; b < r.size(); ++b) r[b] = static_cast<double>(counts_[b]) / (n_ * bin_ms_ * 1e-3);
    return r;
}

}  // namespace plastica
