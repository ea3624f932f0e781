// Replays the fuzzers' seed corpus and every regression input (tests/fuzz/) through the same
// targets in the ordinary test build: each must be refused with an Error or accepted, never crash.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz_targets.hpp"

using namespace plastica;
namespace fs = std::filesystem;

namespace {
std::size_t replay(const std::string& kind, void (*target)(const std::uint8_t*, std::size_t)) {
    std::size_t n = 0;
    for (const char* set : {"corpus", "regressions"}) {
        const fs::path dir = fs::path(PLASTICA_SOURCE_DIR) / "tests" / "fuzz" / set / kind;
        if (!fs::exists(dir)) continue;
        for (const auto& e : fs::directory_iterator(dir)) {
            std::ifstream in(e.path(), std::ios::binary);
            const std::vector<char> b((std::istreambuf_iterator<char>(in)), {});
            INFO(e.path().string());
            REQUIRE_NOTHROW(target(reinterpret_cast<const std::uint8_t*>(b.data()), b.size()));
            ++n;
        }
    }
    return n;
}
}  // namespace

TEST_CASE("fuzz corpus: every config input is refused with an Error or round-trips", "[fuzz][errors]") {
    REQUIRE(replay("config", fuzz::config_target) >= 5);
}

TEST_CASE("fuzz corpus: every network file is refused with an Error or builds", "[fuzz][errors]") {
    REQUIRE(replay("network", fuzz::network_target) >= 5);
}

TEST_CASE("fuzz corpus: every IDX input is refused with an Error or parses", "[fuzz][errors]") {
    REQUIRE(replay("idx", fuzz::idx_target) >= 5);
}
