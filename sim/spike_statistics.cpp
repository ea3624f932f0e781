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
        q.count.assign(q.n, 0);
        q.last.assign(q.n, -1);
        q.isi_sum.assign(q.n, 0);
        q.isi_sq.assign(q.n, 0);
        q.isi_n.assign(q.n, 0);
        q.cur_bin.assign(q.n, -1);
        q.cur_count.assign(q.n, 0);
        q.count_sq.assign(q.n, 0);
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
            ++q.count[i];
            ++q.pop_bins[b];
            if (q.last[i] >= 0) {
                const double isi = static_cast<double>(t - q.last[i]) * dt_;
                q.isi_sum[i] += isi;
                q.isi_sq[i] += isi * isi;
                ++q.isi_n[i];
            }
            q.last[i] = t;
            if (q.cur_bin[i] != b) {
                q.count_sq[i] += double(q.cur_count[i]) * q.cur_count[i];
                q.cur_count[i] = 0;
                q.cur_bin[i] = b;
            }
            ++q.cur_count[i];
        });
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
        for (std::uint32_t i = 0; i < q.n; ++i) {
            r.spikes += q.count[i];
            if (q.isi_n[i] >= 2) {
                const double m = q.isi_sum[i] / q.isi_n[i];
                const double var = std::max(0.0, q.isi_sq[i] / q.isi_n[i] - m * m) * q.isi_n[i] / (q.isi_n[i] - 1);
                cv_sum += std::sqrt(var) / m;
                ++r.neurons_with_cv;
            }
            if (bins > 0) {
                const double sq = q.count_sq[i] + double(q.cur_count[i]) * q.cur_count[i];
                const double mean = static_cast<double>(q.count[i]) / bins;
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
