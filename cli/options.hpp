// SPDX-License-Identifier: Apache-2.0
// What the command line gave one command, once parsed (cli/command_line.hpp), and the
// readers of values several commands share.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/calendar.hpp"

namespace cadre::cli {

struct ParsedArgs {
  std::string command;  // `check`, `stack`, ...
  std::map<std::string, std::vector<std::string>> flags;     // by long name; a flag's value is ""
  std::vector<std::pair<std::string, std::string>> ordered;  // every option, in command-line order
  std::vector<std::string> positionals;
  std::string error;  // non-empty on a usage error
  std::string config_dir;  // the folder of the project configuration that filled options, if any
  std::string config_file;  // that configuration itself: read by the run, so never an output

  std::optional<std::string> get(const std::string& name) const;
  bool has(const std::string& name) const { return flags.count(name) > 0; }
  std::vector<std::string> all(const std::string& name) const {
    auto it = flags.find(name);
    return it == flags.end() ? std::vector<std::string>{} : it->second;
  }
};

/// `--as-of DATE` (a day, YYYY-MM-DD) into `as_of` when given; the usage error, or "".
std::string read_as_of(const ParsedArgs& args, Date& as_of);
/// `--threads N` into `threads` when given; the usage error, or "".
std::string read_threads(const ParsedArgs& args, unsigned& threads);
/// Whether to colour: `--color always|never`, else (auto) when writing to a terminal and
/// the NO_COLOR environment variable (no-color.org) is unset or empty.
bool use_color(const ParsedArgs& args, bool to_terminal);

}  // namespace cadre::cli
