// Command-line parsing for the `cadre` front end: a subcommand, `--flag value` pairs
// (also `--flag=value`), and positional arguments. Unknown flags are usage errors.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/calendar.hpp"

namespace cadre::cli {

struct FlagSpec {
  std::string name;       // without dashes
  bool takes_value = true;
  bool repeatable = false;
};

struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> flags;
  std::vector<std::pair<std::string, std::string>> ordered;  // every flag, in command-line order
  std::vector<std::string> positionals;
  std::string error;  // non-empty on a usage error

  std::optional<std::string> get(const std::string& name) const;
  bool has(const std::string& name) const { return flags.count(name) > 0; }
};

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs);

/// `--as-of DATE` (a day, YYYY-MM-DD) into `as_of` when given; the usage error, or "".
std::string read_as_of(const ParsedArgs& args, Date& as_of);
/// `--threads N` into `threads` when given; the usage error, or "".
std::string read_threads(const ParsedArgs& args, unsigned& threads);

}  // namespace cadre::cli
