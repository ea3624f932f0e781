// vector_exp against glibc's std::exp (the reference: correctly rounded in almost all cases).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include "sim/vector_exp.hpp"

using namespace plastica;

namespace {
// Distance in units in the last place of the reference.
double ulps(double got, double ref) {
    const double ulp = std::nextafter(ref, std::numeric_limits<double>::infinity()) - ref;
    return std::fabs(got - ref) / ulp;
}
}  // namespace

TEST_CASE("vector_exp is within 2 ulp of std::exp over the whole normal range", "[sim][vector_exp]") {
    std::mt19937_64 gen(7);
    std::uniform_real_distribution<double> wide(-708.0, 709.7), narrow(-3.0, 3.0);
    double worst = 0;
    for (int i = 0; i < 200000; ++i) {
        const double x = (i % 2) ? wide(gen) : narrow(gen);
        worst = std::max(worst, ulps(vector_exp(x), std::exp(x)));
    }
    CHECK(worst <= 2.0);
    // The COBA argument range: -h g / C for conductances up to a few uS.
    for (double x = -50.0; x <= 0.0; x += 1.0 / 1024) REQUIRE(ulps(vector_exp(x), std::exp(x)) <= 2.0);
}

TEST_CASE("vector_exp: exact points and the edges of the range", "[sim][vector_exp]") {
    CHECK(vector_exp(0.0) == 1.0);
    CHECK(vector_exp(-0.0) == 1.0);
    CHECK(vector_exp(1.0) == Approx(2.718281828459045).epsilon(1e-15));
    // Largest finite result and overflow.
    CHECK(std::isfinite(vector_exp(709.78)));
    CHECK(ulps(vector_exp(709.78), std::exp(709.78)) <= 2.0);
    CHECK(vector_exp(709.79) == std::numeric_limits<double>::infinity());
    CHECK(vector_exp(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
    // Smallest normal result, then flush to zero where the true value is subnormal.
    CHECK(ulps(vector_exp(-708.39), std::exp(-708.39)) <= 2.0);
    CHECK(vector_exp(-708.4) == 0.0);
    CHECK(vector_exp(-1000.0) == 0.0);
    CHECK(vector_exp(-std::numeric_limits<double>::infinity()) == 0.0);
    CHECK(std::isnan(vector_exp(std::numeric_limits<double>::quiet_NaN())));
}
