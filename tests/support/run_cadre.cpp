// SPDX-License-Identifier: Apache-2.0
#include "tests/support/run_cadre.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "tests/support/golden.hpp"

namespace cadre::testing {

CommandResult run_cadre(const std::string& args) { return run_cadre_in(source_dir(), args); }

CommandResult run_cadre_in(const std::string& directory, const std::string& args) {
  CommandResult result;
  auto err_path = std::filesystem::temp_directory_path() / fmt::format("cadre-test-{}.err", ::getpid());
  std::string command = fmt::format("cd '{}' && '{}' {} 2>'{}'", directory, CADRE_BINARY, args, err_path.string());
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_file(err_path.string());
  std::filesystem::remove(err_path);
  return result;
}

}  // namespace cadre::testing
