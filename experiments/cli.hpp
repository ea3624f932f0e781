#pragma once
// The `plastica` command line. Returns the process exit status: 0 on success, 2 for any invalid
// input (one line on stderr naming the key, the value and where it came from), 1 for internal
// failures.
#include <ostream>
#include <string>
#include <vector>

namespace plastica {

int cli_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace plastica
