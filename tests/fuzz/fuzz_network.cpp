// libFuzzer harness: TOML text as a network file, built when small (tests/fuzz/fuzz_targets.hpp).
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    plastica::fuzz::network_target(data, size);
    return 0;
}
