// inh_gamma_source (Muller et al. 2007's inhomogeneous gamma process, by thinning): with one bin
// the intervals are gamma distributed (Kolmogorov-Smirnov distance to the gamma CDF, mean and
// CV); the hazard is the gamma density over its survival function (checked by numerical
// integration); after a change of bin the rate settles at the new bin's; nothing before the
// first bin or after stop; the trains are the same at any thread count, after a reset and after
// a checkpoint; bad bins are one-line errors.
#include <catch2/catch.hpp>

#include <boost/math/distributions/gamma.hpp>
#include <algorithm>
#include <cmath>

#include "../helpers.hpp"
#include "models/inh_gamma_source.hpp"
#include "sim/checkpoint.hpp"
#include "sim/network_file.hpp"
#include "sim/network_spec.hpp"

using namespace plastica;

namespace {

std::vector<std::vector<double>> trains(const test::Spikes& sp, Index n, double dt) {
    std::vector<std::vector<double>> out(n);
    for (std::size_t k = 0; k < sp.ids.size(); ++k) out[sp.ids[k]].push_back(spike_time_ms(sp.steps[k], dt));
    return out;
}

}  // namespace

TEST_CASE("inh_gamma_source: one bin gives gamma-distributed intervals", "[models][sources]") {
    const double dt = 0.01, shape = 3, rate = 20;
    const Index n = 400;
    Network net(dt, 5);
    net.add(std::make_unique<InhGammaSource>("g", n, std::vector<InhGammaSource::Bin>{{0, shape, rate}}));
    const auto sp = test::run_and_record(net, "g", 5000, 2);
    std::vector<double> isi;
    for (const auto& tr : trains(sp, n, dt))
        for (std::size_t k = 1; k < tr.size(); ++k) isi.push_back(tr[k] - tr[k - 1]);
    REQUIRE(isi.size() > 30000);
    double m = 0, v = 0;
    for (double x : isi) m += x;
    m /= static_cast<double>(isi.size());
    for (double x : isi) v += (x - m) * (x - m);
    v /= static_cast<double>(isi.size() - 1);
    CHECK(m == Approx(1000 / rate).epsilon(0.015));
    CHECK(std::sqrt(v) / m == Approx(1 / std::sqrt(shape)).epsilon(0.02));
    // Kolmogorov-Smirnov against Gamma(a, 1/(a rate)); the grid (0.01 ms against a 50 ms mean) is far below its resolution
    std::sort(isi.begin(), isi.end());
    const boost::math::gamma_distribution<double> law(shape, 1000 / (shape * rate));
    double d = 0;
    const double N = static_cast<double>(isi.size());
    for (std::size_t k = 0; k < isi.size(); ++k) {
        const double F = boost::math::cdf(law, isi[k]);
        d = std::max({d, std::fabs(F - static_cast<double>(k) / N), std::fabs(F - static_cast<double>(k + 1) / N)});
    }
    CHECK(d < 1.63 / std::sqrt(N));  // the 1 % critical value
}

TEST_CASE("inh_gamma_source: the hazard is the density over the survival function", "[models][sources]") {
    InhGammaSource g("g", 1, {{0, 4, 10}, {100, 1, 25}});
    const double b = 1000.0 / (4 * 10);  // ms
    // S(tau) = exp(-integral of h), so integrating h numerically must give the gamma survival function
    double integral = 0;
    const double step = 0.01;
    for (int k = 0; k < 20000; ++k) {  // Simpson's rule over [0, 200] ms
        const double tau = k * step;
        integral += step * (g.hazard(0, tau) + 4 * g.hazard(0, tau + step / 2) + g.hazard(0, tau + step)) / 6;
    }
    const boost::math::gamma_distribution<double> law(4, b);
    CHECK(std::exp(-integral) == Approx(boost::math::cdf(boost::math::complement(law, 200.0))).epsilon(1e-6));
    CHECK(g.hazard(0, 1e6) == Approx(1 / b));  // tends to 1/b
    CHECK(g.hazard(1, 3.0) == Approx(0.025));  // shape 1: Poisson, 25 Hz
    CHECK(g.hazard(0, 0) == 0);
}

TEST_CASE("inh_gamma_source: the rate follows the bins; silent before the first and after stop", "[models][sources]") {
    const Index n = 2000;
    const double dt = 0.1;
    InhGammaSource::Params p;
    p.stop = 1500;
    Network net(dt, 9);
    net.add(std::make_unique<InhGammaSource>("g", n, std::vector<InhGammaSource::Bin>{{100, 2, 10}, {600, 4, 40}, {1100, 2, 0}}, p));
    const auto sp = test::run_and_record(net, "g", 2000, 1);
    auto rate_in = [&](double from, double to) {
        std::size_t c = 0;
        for (Step s : sp.steps) {
            const double t = spike_time_ms(s, dt);
            c += t > from && t <= to;
        }
        return static_cast<double>(c) / n / ((to - from) * 1e-3);
    };
    CHECK(rate_in(0, 100) == 0);
    CHECK(rate_in(300, 600) == Approx(10).epsilon(0.04));
    CHECK(rate_in(800, 1100) == Approx(40).epsilon(0.03));
    CHECK(rate_in(1100, 2000) == 0);
}

TEST_CASE("inh_gamma_source: the same trains at any thread count, after a reset and after a checkpoint", "[models][sources]") {
    auto make = [] {
        auto net = std::make_unique<Network>(0.1, 21);
        net->add(std::make_unique<InhGammaSource>("g", 300, std::vector<InhGammaSource::Bin>{{0, 2, 15}, {200, 5, 30}}));
        return net;
    };
    auto a = make(), b = make();
    const auto one = test::run_and_record(*a, "g", 400, 1), two = test::run_and_record(*b, "g", 400, 2);
    REQUIRE(one.steps.size() > 2000);
    CHECK(one == two);
    a->reset();
    CHECK(test::run_and_record(*a, "g", 400, 2) == one);
    // half a run, saved, loaded into a fresh network, the other half
    auto c = make();
    Simulator sc(*c, 1);
    sc.run(150);
    StateIO save(StateIO::Mode::save);
    c->io_state(save);
    auto d = make();
    StateIO load(save.entries(), "memory");
    d->io_state(load);
    Simulator sd(*d, 2);
    SpikeRecorder rec("g");
    sd.add_monitor(rec);
    sd.run(250);
    std::size_t k = 0;
    while (k < one.steps.size() && one.steps[k] < 1500) ++k;
    CHECK(std::vector<Step>(one.steps.begin() + static_cast<std::ptrdiff_t>(k), one.steps.end()) == rec.steps());
}

TEST_CASE("inh_gamma_source: bad bins are one-line errors", "[models][sources][errors]") {
    using B = std::vector<InhGammaSource::Bin>;
    CHECK_THROWS_WITH(InhGammaSource("g", 2, B{}), "population 'g' (inh_gamma_source): bins = none: needs at least one bin (from a time on, a shape and a rate)");
    CHECK_THROWS_WITH(InhGammaSource("g", 2, B{{0, 0.5, 10}}),
                      "population 'g' (inh_gamma_source): bins[0].shape = 0.5: must be >= 1: the thinning bound 1/b holds only where the gamma hazard rises (Muller et al. 2007)");
    CHECK_THROWS_WITH(InhGammaSource("g", 2, B{{10, 2, 10}, {5, 2, 10}}),
                      "population 'g' (inh_gamma_source): bins[1].at = 5 ms: must be later than the bin before it (10 ms)");
    CHECK_THROWS_WITH(InhGammaSource("g", 2, B{{0, 2, -1}}), "population 'g' (inh_gamma_source): bins[0].rate = -1: must be >= 0");
}

TEST_CASE("inh_gamma_source in a network file", "[models][sources][network_file]") {
    const std::string text = "[[population]]\nname = \"g\"\nmodel = \"inh_gamma_source\"\nsize = 50\n"
                             "bins = [{ at = 0, shape = 2, rate = 10 }, { at = 100, shape = 3, rate = 30 }]\nparams = { stop = 500 }\n";
    auto net = build_network(parse_network(text, "net.toml"));
    const auto& g = dynamic_cast<const InhGammaSource&>(net->population(0));
    REQUIRE(g.bins().size() == 2);
    CHECK(g.bins()[1].at_ms == 100);
    CHECK(g.bins()[1].rate_hz == 30);
    const auto sp = test::run_and_record(*net, "g", 600, 1);
    CHECK(!sp.steps.empty());
    CHECK(*std::max_element(sp.steps.begin(), sp.steps.end()) < 5000);
    auto fails = [](const std::string& t) {
        try {
            build_network(parse_network(t, "net.toml"));
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(fails("[[population]]\nname = \"g\"\nmodel = \"inh_gamma_source\"\nsize = 5\n") ==
          "net.toml:1: population[0].bins: missing (an inh_gamma_source's bins: [{ at = 0, shape = 2, rate = 10 }, ...])");
    CHECK(fails("[[population]]\nname = \"g\"\nmodel = \"inh_gamma_source\"\nsize = 5\nbins = [{ at = 0, shape = 2, rate = 10 }]\n"
                "params = { shape = 3 }\n") ==
          "net.toml:6: population[0].params.shape = 3: not a parameter of inh_gamma_source (known: start, stop)");
    CHECK(fails("[[population]]\nname = \"g\"\nmodel = \"gamma_source\"\nsize = 5\nrate = 3\nparams = { k = 3 }\n") ==
          "net.toml:6: population[0].params.k = 3: not a parameter of gamma_source (known: shape, start, stop)");
}
