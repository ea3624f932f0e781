#include "models/inh_gamma_source.hpp"

#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

#include "sim/check.hpp"
#include "sim/random.hpp"
#include "sim/state_io.hpp"
#include "sim/time.hpp"

namespace plastica {

namespace {
constexpr Step kNever = std::numeric_limits<Step>::max();
}

const std::vector<ParamField<InhGammaSource::Params>>& InhGammaSource::fields() {
    static const std::vector<ParamField<Params>> f = {PLASTICA_INH_GAMMA_SOURCE_PARAMS(PLASTICA_PARAM_FIELD)};
    return f;
}

InhGammaSource::InhGammaSource(std::string name, Index n, std::vector<Bin> bins)
    : InhGammaSource(std::move(name), n, std::move(bins), Params{}) {}

InhGammaSource::InhGammaSource(std::string name, Index n, std::vector<Bin> bins, const Params& p)
    : Population(std::move(name), n), bins_(std::move(bins)), p_(p) {
    if (bins_.empty()) throw Error(where(), "bins", "none", "needs at least one bin (from a time on, a shape and a rate)");
    for (std::size_t k = 0; k < bins_.size(); ++k) {
        const std::string key = "bins[" + std::to_string(k) + "]";
        const Bin& b = bins_[k];
        check::non_negative(where(), key + ".at", b.at_ms);
        if (k > 0 && !(b.at_ms > bins_[k - 1].at_ms))
            throw Error(where(), key + ".at", to_text(b.at_ms) + " ms", "must be later than the bin before it (" + to_text(bins_[k - 1].at_ms) + " ms)");
        check::finite(where(), key + ".shape", b.shape);
        if (!(b.shape >= 1))
            throw Error(where(), key + ".shape", to_text(b.shape),
                        "must be >= 1: the thinning bound 1/b holds only where the gamma hazard rises (Muller et al. 2007)");
        check::non_negative(where(), key + ".rate", b.rate_hz);
        lambda_max_ = std::max(lambda_max_, b.shape * b.rate_hz * 1e-3);  // 1/b in 1/ms
    }
    check::non_negative(where(), "start", p_.start);
    if (std::isnan(p_.stop) || !(p_.stop >= p_.start)) throw Error(where(), "stop", to_text(p_.stop), "lies before start = " + to_text(p_.start) + " ms");
}

double InhGammaSource::hazard(std::size_t k, double tau_ms) const {
    const Bin& b = bins_[k];
    if (b.rate_hz <= 0) return 0;
    const double inv_scale = b.shape * b.rate_hz * 1e-3;  // 1/b, 1/ms
    if (b.shape == 1 || tau_ms <= 0) return b.shape == 1 ? inv_scale : 0;  // a = 1: Poisson; a > 1: h(0) = 0
    const double x = tau_ms * inv_scale;
    const double survival = boost::math::gamma_q(b.shape, x);
    if (survival < 1e-300) return inv_scale;  // the hazard's limit for tau -> infinity
    return boost::math::gamma_p_derivative(b.shape, x) * inv_scale / survival;
}

void InhGammaSource::next_candidate(Index i) {
    RandomStream rng(ctx_.seed, stream_id(StreamKind::inh_gamma_source, ctx_.index), i, count_[i]);
    const double steps = -std::log(rng.uniform()) / (lambda_max_ * ctx_.dt);  // an exponential interval, in steps
    const double x = cand_frac_[i] + steps;
    if (!(x < static_cast<double>(kMaxSteps))) {
        cand_step_[i] = kNever;
        return;
    }
    const double whole = std::floor(x);
    cand_step_[i] += static_cast<Step>(whole);
    cand_frac_[i] = x - whole;
    if (cand_step_[i] >= stop_) cand_step_[i] = kNever;
}

void InhGammaSource::prepare(const RunContext& ctx, std::size_t slots) {
    ctx_ = ctx;
    input_.resize(std::max<std::size_t>(slots, 1), 0);
    const Step start = steps_of(where(), "start", p_.start, ctx.dt);
    stop_ = std::isfinite(p_.stop) && p_.stop / ctx.dt < static_cast<double>(kMaxSteps) ? steps_of(where(), "stop", p_.stop, ctx.dt) : kNever;
    if (lambda_max_ * ctx.dt > 1)
        throw Error(where(), "rate", to_text(lambda_max_ * 1e3) + " Hz (shape x rate)", "exceeds one candidate per step at dt = " + to_text(ctx.dt) + " ms");
    cand_step_.assign(size(), lambda_max_ > 0 ? start : kNever);
    cand_frac_.assign(size(), 0.0);
    last_step_.assign(size(), start);
    last_frac_.assign(size(), 0.0);
    count_.assign(size(), 0);
    if (lambda_max_ > 0)
        for (Index i = 0; i < size(); ++i) next_candidate(i);
}

void InhGammaSource::update(Step t, Index begin, Index end, SpikeList& spikes) {
    for (Index i = begin; i < end; ++i) {
        bool fired = false;
        while (cand_step_[i] == t) {  // the candidates that fall in this step
            const double when_ms = (static_cast<double>(t) + cand_frac_[i]) * ctx_.dt;
            std::size_t k = bins_.size();
            while (k > 0 && bins_[k - 1].at_ms > when_ms) --k;
            RandomStream rng(ctx_.seed, stream_id(StreamKind::inh_gamma_source, ctx_.index), i, count_[i]);
            rng.uniform();  // the interval's draw (next_candidate)
            const double u = rng.uniform();
            ++count_[i];
            if (k > 0) {
                const double age_ms = (static_cast<double>(t - last_step_[i]) + cand_frac_[i] - last_frac_[i]) * ctx_.dt;
                if (u * lambda_max_ < hazard(k - 1, age_ms)) {
                    if (!fired) spikes.push_back(i);  // one spike per step; a second candidate still renews the age
                    fired = true;
                    last_step_[i] = t;
                    last_frac_[i] = cand_frac_[i];
                }
            }
            next_candidate(i);
        }
    }
}

void InhGammaSource::io_state(StateIO& io) {
    Population::io_state(io);
    io.array("candidate_step", cand_step_);
    io.array("candidate_fraction", cand_frac_);
    io.array("last_spike_step", last_step_);
    io.array("last_spike_fraction", last_frac_);
    io.array("candidates_drawn", count_);
}

}  // namespace plastica
