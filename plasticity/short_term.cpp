#include "plasticity/short_term.hpp"

#include <cmath>
#include <limits>

namespace plastica {

namespace {
constexpr Step kNever = std::numeric_limits<Step>::min();
}

TsodyksMarkramRule::TsodyksMarkramRule(const Params& p) : p_(p) {
    const std::string where = std::string("rule '") + kName + "'";
    validate_fields(fields(), p_, where);
    if (p_.u > 1) throw Error(where, "u", to_text(p_.u), "must be in (0, 1]");
}

void TsodyksMarkramRule::attach(Projection& /*proj*/, const Population& pre, const Population& /*post*/, double dt) {
    dt_ = dt;
    x_.assign(pre.size(), 1.0);
    u_.assign(pre.size(), p_.u);
    eff_.assign(pre.size(), p_.u);
    last_.assign(pre.size(), kNever);
}

void TsodyksMarkramRule::pre_fired(Step t, const SpikeList& fired) {
    for (Index i : fired) {
        if (last_[i] != kNever) {
            const double h = static_cast<double>(t - last_[i]) * dt_;
            const double x = x_[i], u = u_[i];
            x_[i] = 1 + (x - u * x - 1) * std::exp(-h / p_.tau_rec);
            u_[i] = p_.tau_facil > 0 ? p_.u + u * (1 - p_.u) * std::exp(-h / p_.tau_facil) : p_.u;
        }
        eff_[i] = u_[i] * x_[i];
        last_[i] = t;
    }
}

void TsodyksMarkramRule::io_state(StateIO& io) {
    io.array("resources", x_);
    io.array("utilisation", u_);
    io.array("efficacy", eff_);
    io.array("last_spike", last_);
}

Step TsodyksMarkramRule::latest_step() const {
    Step t = INT64_MIN;
    for (Step s : last_) t = std::max(t, s);
    return t;
}

std::size_t TsodyksMarkramRule::bytes() const {
    return (x_.capacity() + u_.capacity() + eff_.capacity()) * sizeof(double) + last_.capacity() * sizeof(Step);
}

}  // namespace plastica
