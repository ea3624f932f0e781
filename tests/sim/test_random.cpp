// The batched Philox (sim/philox_batch.hpp) and the Poisson inversion table against
// RandomStream, which calls Random123's r123::Philox4x32 itself: bit-identical draws.
#include <catch2/catch.hpp>

#include <Random123/philox.h>

#include "sim/philox_batch.hpp"
#include "sim/random.hpp"

using namespace plastica;

TEST_CASE("random: RandomStream's first block is Random123's Philox4x32-10 of (id, step) under (seed, stream)", "[sim][random]") {
    RandomStream rng(7, 99, 0x100000003ull, 0x2000000005ull);
    const r123::Philox4x32::ctr_type ctr = {{3u, 1u, 5u, 0x20u}};
    const r123::Philox4x32::key_type key = {{7u, 99u}};
    const auto block = r123::Philox4x32()(ctr, key);
    for (int w = 0; w < 4; ++w) CHECK(rng.next_u32() == block.v[w]);
}

TEST_CASE("random: uniform_batch equals RandomStream::uniform for every id, bit for bit", "[sim][random]") {
    for (const std::uint64_t first : {std::uint64_t{0}, std::uint64_t{16}, std::uint64_t{0xfffffff0ull}, std::uint64_t{1} << 40})
        for (const std::uint64_t step : {std::uint64_t{0}, std::uint64_t{12345}, (std::uint64_t{1} << 32) + 7}) {
            std::vector<double> u(150);
            uniform_batch(42, stream_id(StreamKind::poisson_drive, 3), first, u.size(), step, u.data());
            for (std::size_t j = 0; j < u.size(); ++j) {
                RandomStream rng(42, stream_id(StreamKind::poisson_drive, 3), first + j, step);
                REQUIRE(u[j] == rng.uniform());
            }
        }
}

TEST_CASE("random: uniform_gather equals RandomStream::uniform for the ids listed", "[sim][random]") {
    std::vector<std::uint32_t> ids;
    for (std::uint32_t i = 3; i < 1000; i += 1 + i % 5) ids.push_back(i);
    ids.push_back(0xffffffffu);
    std::vector<double> u(ids.size());
    uniform_gather(42, stream_id(StreamKind::poisson_source, 5), ids.data(), ids.size(), 777, u.data());
    for (std::size_t j = 0; j < ids.size(); ++j) {
        RandomStream rng(42, stream_id(StreamKind::poisson_source, 5), ids[j], 777);
        REQUIRE(u[j] == rng.uniform());
    }
}

TEST_CASE("random: PoissonInversion draws the same k as RandomStream::poisson from the same stream", "[sim][random]") {
    for (const double lambda : {1e-6, 0.002, 0.3, 2.0, 5.5, 9.99}) {
        const PoissonInversion table(lambda);
        const double e = std::exp(-lambda);
        double mean = 0;
        const int n = 20000;
        for (int i = 0; i < n; ++i) {
            RandomStream a(1, 2, static_cast<std::uint64_t>(i), 3), b(1, 2, static_cast<std::uint64_t>(i), 3);
            const auto k = table.draw(a.uniform());
            REQUIRE(k == b.poisson(lambda, e));
            mean += static_cast<double>(k);
        }
        mean /= n;
        CHECK(std::fabs(mean - lambda) < 5 * std::sqrt(lambda / n) + 1e-12);
    }
    // the far tail (beyond the branch-free prefix) and the cap
    const PoissonInversion t(2.0);
    CHECK(t.draw(1 - 1e-15) > 10);
    CHECK(t.draw(1e-300) == 0);
}
