// SPDX-License-Identifier: Apache-2.0
// The subcommands of `cadre`. Each returns the process exit code: 0 clean, 1 findings at
// or above --fail-on, 2 the work could not be done as asked (see docs/cli.md). They are
// registered, with their options, in cli/command_table.cpp.
#pragma once

#include <string>
#include <vector>

#include "cli/options.hpp"

namespace cadre::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

/// The report formats of `cadre check` (cli/check_command.cpp lists them).
std::vector<std::string> check_formats();

int run_check(const ParsedArgs& args);
int run_parse(const ParsedArgs& args);
int run_explain(const ParsedArgs& args);
int run_test(const ParsedArgs& args);
int run_rules(const ParsedArgs& args);
int run_lint(const ParsedArgs& args);
int run_stack(const ParsedArgs& args);
int run_audit(const ParsedArgs& args);
int run_verify(const ParsedArgs& args);
int run_init(const ParsedArgs& args);
int run_serve(const ParsedArgs& args);
int run_schema(const ParsedArgs& args);
int run_version(const ParsedArgs& args);

}  // namespace cadre::cli
