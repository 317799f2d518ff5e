// SPDX-License-Identifier: Apache-2.0
// `cadre`: the command-line front end. The commands and their options are declared in
// cli/command_table.cpp and parsed by cli/command_line.cpp.
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/command_line.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // `--no-cache`, accepted by every command: rule files are parsed afresh, the pack cache is
  // neither read nor written (the engine reads CADRE_NO_CACHE, which tests set too).
  for (auto it = args.begin(); it != args.end() && *it != "--";) {
    if (*it != "--no-cache") {
      ++it;
      continue;
    }
    ::setenv("CADRE_NO_CACHE", "1", 1);
    it = args.erase(it);
  }
  return cadre::cli::run_cadre(args);
}
