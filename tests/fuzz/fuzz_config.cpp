// libFuzzer harness: TOML configs through an experiment's schema (tests/fuzz/fuzz_targets.hpp).
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    plastica::fuzz::config_target(data, size);
    return 0;
}
