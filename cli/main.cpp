// SPDX-License-Identifier: Apache-2.0
// `cadre`: the command-line front end. The commands and their options are declared in
// cli/command_table.cpp and parsed by cli/command_line.cpp.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "engine/io/output_file.hpp"

int main(int argc, char** argv) {
  // A standard descriptor the caller closed (`>&-`, `2>&-`) would be the next file opened:
  // an output's temporary would then receive what goes to standard output or error, and be
  // renamed over the user's report. Each closed one is held by /dev/null opened the other
  // way round, so that using it still fails (and a closed standard output still fails the run).
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    int held = ::open("/dev/null", (fd == STDIN_FILENO ? O_WRONLY : O_RDONLY));
    if (held >= 0 && held != fd) {
      ::dup2(held, fd);
      ::close(held);
    }
  }
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
  int code = cadre::cli::run_cadre(args);
  // A report that never reached standard output (a full disk, a closed descriptor) is a failed
  // run: exiting 0 or 1 would tell a CI job that it was read.
  std::cout.flush();
  errno = 0;
  bool written = static_cast<bool>(std::cout) && std::fflush(stdout) == 0 && !std::ferror(stdout);
  if (!written) {
    if (cadre::io::standard_output_failure_reported()) return 2;  // the command said so already
    std::fprintf(stderr, "cadre: error[E0501]: cannot write standard output%s%s\n", errno ? ": " : "",
                 errno ? std::strerror(errno) : "");
    return 2;
  }
  return code;
}
