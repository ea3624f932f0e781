#pragma once
// The bodies of the fuzz targets, shared by the libFuzzer harnesses (fuzz_config.cpp,
// fuzz_idx.cpp, built with clang by `.ci/run`) and by a Catch2 test that replays the seed corpus
// and every regression input (tests/fuzz/test_fuzz_corpus.cpp), so a crash the fuzzer found once
// stays a test in every build. A target may throw plastica::Error (bad input, reported as one
// line) and nothing else; any other exception, a crash or a sanitizer report is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "bridges/dataset.hpp"
#include "bridges/idx.hpp"
#include "experiments/experiment.hpp"
#include "sim/config.hpp"
#include "sim/error.hpp"
#include "sim/network_file.hpp"
#include "sim/network_spec.hpp"

namespace plastica::fuzz {

/// TOML text through the schema checks of a real experiment (vogels_abbott, which has numbers,
/// integers, choices and distributions); what loads must write out as TOML that loads again to
/// the same values.
inline void config_target(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const Experiment& exp = find_experiment("vogels_abbott");
    Config cfg(exp.schema(), "fuzz");
    try {
        cfg.load_text(text, "fuzz.toml");
    } catch (const Error&) {
        return;
    }
    Config again(exp.schema(), "fuzz");
    again.load_text(cfg.to_toml(), "round trip");
    for (const auto& s : exp.schema())
        if (again.text_of(s.key) != cfg.text_of(s.key))
            throw std::logic_error("round trip changed " + s.key + ": " + cfg.text_of(s.key) + " -> " + again.text_of(s.key));
}

/// Bytes as an IDX file, and as the labels of a dataset when they parse.
inline void idx_target(const std::uint8_t* data, std::size_t size) {
    try {
        const IdxArray a = parse_idx(std::vector<unsigned char>(data, data + size), "fuzz.idx");
        if (a.item_size() != 1 && a.dims.size() != 1) return;
        for (float v : a.values)
            if (!(v == v)) throw std::logic_error("parse_idx returned a NaN");
    } catch (const Error&) {
    }
}

/// TOML text as a network file (populations, projections, views, assemblies, electrodes,
/// records), built into a network when it is small enough to build in a fuzzer's memory (at most
/// 2000 neurons and rules that make at most about a million synapses): parsing and building
/// may throw plastica::Error only.
inline void network_target(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const NetworkSpec spec = parse_network(text, "fuzz.toml");
        double neurons = 0;
        for (const auto& p : spec.populations) neurons += std::max<double>(p.size, static_cast<double>(p.spike_times_ms.size()));
        if (neurons > 2000) return;
        for (const auto& p : spec.projections)
            if (p.rule.k > 500 || p.rule.pair_list.size() > 100000) return;
        build_network(spec)->prepare();
    } catch (const Error&) {
    }
}

}  // namespace plastica::fuzz
