#include "sim/spike_statistics.hpp"

#include <cmath>

#include "sim/network.hpp"

namespace plastica {

void SpikeStatistics::attach(const Network& net) {
    dt_ = net.dt();
    bin_ = std::max<Step>(1, static_cast<Step>(std::llround(bin_ms_ / dt_)));
    start_ = static_cast<Step>(std::llround(start_ms_ / dt_));
    pops_.clear();
    for (std::size_t p = 0; p < net.population_count(); ++p) {
        Pop q;
        q.name = net.population(p).name();
        q.n = net.population(p).size();
        q.neurons.assign(q.n, Tally{});
        pops_.push_back(std::move(q));
    }
}

void SpikeStatistics::on_spikes(Step t, const StepSpikes& s) {
    last_step_ = t;
    if (t < start_) return;
    const std::int64_t b = (t - start_) / bin_;
    for (std::uint32_t p = 0; p < pops_.size(); ++p) {
        Pop& q = pops_[p];
        if (q.pop_bins.size() <= static_cast<std::size_t>(b)) q.pop_bins.resize(b + 1, 0);
        s.for_each(p, [&](Index i) {
            Tally& n = q.neurons[i];
            ++n.count;
            ++q.pop_bins[b];
            if (n.last >= 0) {
                const double isi = static_cast<double>(t - n.last) * dt_;
                n.isi_sq += isi * isi;
            } else {
                n.first = t;
            }
            n.last = t;
            if (n.cur_bin != b) {
                n.count_sq += double(n.cur_count) * n.cur_count;
                n.cur_count = 0;
                n.cur_bin = b;
            }
            ++n.cur_count;
        });
    }
}

void SpikeStatistics::io_state(StateIO& io) {
    io.value("last_step", last_step_);
    for (Pop& q : pops_) {
        StateIO::Scope s(io, q.name);
        const std::size_t n = q.neurons.size();
        std::vector<Step> first(n), last(n), bin(n);
        std::vector<double> isi_sq(n), count_sq(n);
        std::vector<std::uint32_t> count(n), cur(n);
        for (std::size_t i = 0; i < n; ++i) {
            const Tally& t = q.neurons[i];
            first[i] = t.first, last[i] = t.last, bin[i] = t.cur_bin;
            isi_sq[i] = t.isi_sq, count_sq[i] = t.count_sq, count[i] = t.count, cur[i] = t.cur_count;
        }
        io.array("first", first);
        io.array("last", last);
        io.array("cur_bin", bin);
        io.array("isi_sq", isi_sq);
        io.array("count_sq", count_sq);
        io.array("count", count);
        io.array("cur_count", cur);
        io.growing("pop_bins", q.pop_bins);
        if (io.saving()) continue;
        for (std::size_t i = 0; i < n; ++i)
            q.neurons[i] = Tally{first[i], last[i], isi_sq[i], count_sq[i], count[i], cur[i], bin[i]};
    }
}

std::vector<PopulationStats> SpikeStatistics::results() const {
    std::vector<PopulationStats> out;
    const Step observed = std::max<Step>(0, last_step_ + 1 - start_);
    const std::int64_t bins = observed / bin_;
    for (const Pop& q : pops_) {
        PopulationStats r;
        r.name = q.name;
        r.neurons = q.n;
        double cv_sum = 0;
        double var_i_sum = 0;
        for (const Tally& n : q.neurons) {
            r.spikes += n.count;
            const std::uint32_t isi_n = n.count ? n.count - 1 : 0;
            if (isi_n >= 2) {
                const double m = static_cast<double>(n.last - n.first) * dt_ / isi_n;
                const double var = std::max(0.0, n.isi_sq / isi_n - m * m) * isi_n / (isi_n - 1);
                cv_sum += std::sqrt(var) / m;
                ++r.neurons_with_cv;
            }
            if (bins > 0) {
                const double sq = n.count_sq + double(n.cur_count) * n.cur_count;
                const double mean = static_cast<double>(n.count) / bins;
                var_i_sum += sq / bins - mean * mean;
            }
        }
        const double seconds = static_cast<double>(observed) * dt_ * 1e-3;
        r.rate_hz = (q.n && seconds > 0) ? static_cast<double>(r.spikes) / (q.n * seconds) : 0;
        r.cv_isi = r.neurons_with_cv ? cv_sum / r.neurons_with_cv : 0;
        if (bins > 0 && var_i_sum > 0) {
            double s1 = 0, s2 = 0;
            for (std::int64_t b = 0; b < bins; ++b) {
                const double a = b < static_cast<std::int64_t>(q.pop_bins.size()) ? double(q.pop_bins[b]) / q.n : 0;
                s1 += a;
                s2 += a * a;
            }
            const double var_a = s2 / bins - (s1 / bins) * (s1 / bins);
            r.synchrony = std::sqrt(std::max(0.0, var_a) / (var_i_sum / q.n));
        }
        out.push_back(r);
    }
    return out;
}

}  // namespace plastica
