// SPDX-License-Identifier: Apache-2.0
#include "engine/walk/git_files.hpp"

#include <cerrno>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

extern char** environ;

namespace cadre::walk {

namespace {

/// Whether git could find a repository for `dir`: a `.git` (folder, or file in a linked work
/// tree or submodule) in it or above it, or one named by the environment. When there is none,
/// git would only fail; not starting it saves a process (most of a one-file run's CPU).
bool may_be_in_work_tree(const std::string& dir) {
  if (std::getenv("GIT_DIR") || std::getenv("GIT_WORK_TREE")) return true;
  std::error_code ec;
  // Links resolved, as git (started in `dir`) sees it: a link to a folder of a work tree is
  // inside that work tree, wherever the link is.
  std::filesystem::path at = std::filesystem::canonical(dir, ec);
  if (ec) return true;  // cannot tell: ask git
  for (;; at = at.parent_path()) {
    if (std::filesystem::exists(at / ".git", ec) || ec) return true;
    if (at == at.root_path() || !at.has_relative_path()) return false;
  }
}

}  // namespace

std::optional<std::set<std::string>> git_visible_files(const std::string& dir) {
  if (!may_be_in_work_tree(dir)) return std::nullopt;
  // -c: tracked and untracked; -o with --exclude-standard: untracked minus what is ignored;
  // -z: names as they are (no quoting of accents or spaces). No shell: the folder is an argument.
  std::vector<std::string> args = {"git", "-C", dir, "ls-files", "-c", "-o", "--exclude-standard", "-z"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int out[2];
  if (::pipe(out) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (spawned != 0) {
    ::close(out[0]);
    return std::nullopt;  // no git on this machine
  }
  std::string listing;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n > 0) listing.append(buffer, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  ::close(out[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;  // not a work tree
  std::set<std::string> files;
  std::size_t start = 0;
  while (start < listing.size()) {
    std::size_t end = listing.find('\0', start);
    if (end == std::string::npos) end = listing.size();
    if (end > start) files.insert(listing.substr(start, end - start));
    start = end + 1;
  }
  return files;
}

}  // namespace cadre::walk
