#pragma once
// Reading values out of TOML nodes with errors that name the key, the value as written and the
// file and line: shared by configs (sim/config.hpp) and network files (sim/network_file.hpp).
#include <string>

#include <toml++/toml.h>

#include "sim/distribution.hpp"

namespace plastica {

/// "origin:line" of a node (just `origin` when the node has no position).
std::string where_of(const toml::node& n, const std::string& origin);
/// A node as it would be written in TOML, on one line (for messages).
std::string node_text(const toml::node& n);
/// A number (integer or float); anything else is an Error naming `key` at `where`.
double number_of(const toml::node& n, const std::string& key, const std::string& where);
/// A number (a constant) or a table { dist = "normal", mean = .., sd = .., min = .., max = .. }.
Distribution distribution_of(const toml::node& n, const std::string& key, const std::string& where);

}  // namespace plastica
