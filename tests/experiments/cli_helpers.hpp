#pragma once
// Runs the `plastica` command line in-process for tests.
#include <sstream>
#include <string>
#include <vector>

#include "experiments/cli.hpp"

namespace plastica::test {

struct CliResult {
    int code;
    std::string out, err;
};

inline CliResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), "plastica");
    std::ostringstream out, err;
    const int code = cli_main(args, out, err);
    return {code, out.str(), err.str()};
}

/// Exactly one line of text.
inline bool one_line(const std::string& s) { return !s.empty() && s.find('\n') == s.size() - 1; }

}  // namespace plastica::test
