// SPDX-License-Identifier: Apache-2.0
// Runs the real `cadre` binary, as a user or a CI job would.
#pragma once

#include <string>

namespace cadre::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `cadre <args>` through the shell from the repository root.
CommandResult run_cadre(const std::string& args);
/// Runs `cadre <args>` through the shell from `directory`.
CommandResult run_cadre_in(const std::string& directory, const std::string& args);

}  // namespace cadre::testing
