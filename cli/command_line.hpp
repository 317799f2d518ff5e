// SPDX-License-Identifier: Apache-2.0
// The command line of `cadre`: every command, its options and its arguments, declared once
// (command_table.cpp). CLI11 parses with that table (docs/adr/0017-cli11-for-the-command-line.md);
// the same table writes `--help`, the usage lines of errors, the man page (help2man reads
// `--help`) and is checked against docs/cli.md by a test, so they cannot drift apart.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "cli/options.hpp"

namespace cadre::cli {

struct OptionSpec {
  OptionSpec(std::string name_, char short_, std::string value_, std::string help_, bool repeatable_ = false,
             std::vector<std::string> choices_ = {})
      : name(std::move(name_)), short_name(short_), value(std::move(value_)), help(std::move(help_)),
        repeatable(repeatable_), choices(std::move(choices_)) {}
  std::string name;                  // long name, without dashes
  char short_name = 0;               // `-f` for `--format`; 0: none
  std::string value;                 // the value's placeholder (`PACK`); empty: a flag
  std::string help;                  // one line
  bool repeatable = false;
  std::vector<std::string> choices;  // enumerated values, checked before the command runs
};

struct CommandSpec {
  std::string name;
  std::string arguments;  // the positional part of the synopsis: `PATH...`, `[PACK...]`
  std::size_t min_arguments = 0;
  std::size_t max_arguments = static_cast<std::size_t>(-1);
  std::string summary;    // one line, for `cadre --help`
  std::vector<OptionSpec> options;
  std::function<int(const ParsedArgs&)> run;
  std::string extra_usage;  // further synopsis lines (`cadre audit verify DIR`), already indented
};

/// Every command, in the order `cadre --help` lists them.
const std::vector<CommandSpec>& commands();
const CommandSpec* find_command(const std::string& name);

/// `usage: cadre check [--rules PACK] ... PATH...`, wrapped.
std::string usage_text(const CommandSpec& command);
/// What `cadre COMMAND --help` prints: usage, summary, one line per option.
std::string help_text(const CommandSpec& command);
/// What `cadre --help` prints.
std::string top_help_text();

/// Prints `cadre NAME: error[E0502]: MESSAGE` and the command's usage on standard error; 2.
int usage_error(const CommandSpec& command, const std::string& message);

/// Parses `args` (what follows the command's name) for `command`; on a usage error, the
/// error's message in ParsedArgs::error. Enumerated values are checked, with a suggestion.
ParsedArgs parse_command_line(const CommandSpec& command, const std::vector<std::string>& args);

/// The whole front end: `cadre ARGS...` to an exit code.
int run_cadre(const std::vector<std::string>& args);

}  // namespace cadre::cli
