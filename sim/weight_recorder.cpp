#include "sim/weight_recorder.hpp"

#include <algorithm>
#include <numeric>

namespace plastica {

WeightRecorder::WeightRecorder(std::string projection, double interval_ms, std::vector<std::uint64_t> synapses, H5File* out,
                               bool keep_in_memory)
    : name_(std::move(projection)), interval_ms_(interval_ms), synapses_(std::move(synapses)), out_(out), keep_(keep_in_memory) {
    check::positive("weight recorder of '" + name_ + "'", "interval", interval_ms);
}

void WeightRecorder::attach(const Network& net) {
    const std::string where = "weight recorder of '" + name_ + "'";
    proj_ = net.find_projection(name_);
    if (!proj_) throw Error(where, "projection", name_, "no projection of that name");
    dt_ = net.dt();
    interval_ = interval_steps(where, "interval", interval_ms_, dt_);
    if (synapses_.empty()) {
        synapses_.resize(proj_->size());
        std::iota(synapses_.begin(), synapses_.end(), std::uint64_t{0});
    }
    for (std::uint64_t s : synapses_)
        if (s >= proj_->size()) throw Error(where, "synapses", std::to_string(s), "index out of range");
    if (out_) {
        const std::string g = "/plastica/weights/" + name_;
        out_->ensure_group(g);
        out_->attr(g, "interval_ms", interval_ms_);
        out_->attr(g, "unit", net.population(proj_->post).weight_unit());
        std::vector<std::uint64_t> pre(synapses_.size()), post(synapses_.size());
        const auto& rp = proj_->row_ptr;
        for (std::size_t c = 0; c < synapses_.size(); ++c) {
            // the row holding synapse s: the last i with row_ptr[i] <= s
            pre[c] = static_cast<std::uint64_t>(std::upper_bound(rp.begin(), rp.end(), synapses_[c]) - rp.begin() - 1);
            post[c] = proj_->target[synapses_[c]];
        }
        out_->write(g + "/pre", pre);
        out_->write(g + "/post", post);
    }
    snapshot(0);
}

void WeightRecorder::end_segment(Step last) {
    if (last % interval_ == 0 && last > last_) snapshot(last);
}

void WeightRecorder::snapshot(Step t) {
    last_ = t;
    row_.resize(synapses_.size());
    for (std::size_t c = 0; c < synapses_.size(); ++c) row_[c] = proj_->weight[synapses_[c]];
    const double ms = static_cast<double>(t) * dt_;
    times_.push_back(ms);
    if (keep_) weights_.insert(weights_.end(), row_.begin(), row_.end());
    if (out_) {
        const std::string g = "/plastica/weights/" + name_;
        out_->append(g + "/time", &ms, 1);
        if (!row_.empty()) out_->append_rows(g + "/data", row_.data(), 1, row_.size());
        out_->flush();
    }
}

std::vector<float> WeightRecorder::last() const { return row_; }

void WeightRecorder::io_state(StateIO& io) {
    io.value("last", last_);
    io.growing("times", times_);
    io.growing("weights", weights_);
    io.growing("row", row_);
    if (io.loading() && out_ && out_->continued()) {
        const std::string g = "/plastica/weights/" + name_;
        out_->truncate(g + "/time", times_.size());
        if (out_->exists(g + "/data")) out_->truncate(g + "/data", row_.empty() ? 0 : times_.size());
    }
}

}  // namespace plastica
