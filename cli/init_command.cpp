// SPDX-License-Identifier: Apache-2.0
// `cadre init`: a commented starter cadre.yaml in the current directory, never over one.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/project_config.hpp"
#include "engine/io/output_file.hpp"

namespace cadre::cli {

int run_init(const ParsedArgs&) {
  namespace fs = std::filesystem;
  for (const char* name : kConfigNames) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(name, ec))) {
      std::cerr << fmt::format("cadre init: error[E0504]: `{}` exists already: cadre init never replaces a configuration\n",
                               name);
      return kExitError;
    }
  }
  std::string error;
  // Through engine/io: a temporary file renamed into place, so a failed write leaves nothing half-written.
  if (!io::write_file_atomically(kConfigNames[0], starter_config(), error)) {
    std::cerr << fmt::format("cadre init: error[E0501]: {}\n", error);
    return kExitError;
  }
  std::cout << fmt::format("wrote {}: list what to check under `paths:`, then run `cadre check`\n", kConfigNames[0]);
  return kExitClean;
}

}  // namespace cadre::cli
