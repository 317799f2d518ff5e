// SPDX-License-Identifier: Apache-2.0
#include "tests/support/workspace.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "tests/support/golden.hpp"

namespace cadre::testing {

namespace fs = std::filesystem;

std::map<std::string, std::string> snapshot(const std::string& root) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::string rel = it->path().lexically_relative(root).string();
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    if (S_ISLNK(st.st_mode)) out[rel] = "link -> " + fs::read_symlink(it->path(), ec).string();
    else if (S_ISDIR(st.st_mode)) out[rel] = "directory";
    else if (S_ISREG(st.st_mode)) out[rel] = "file: " + read_file(it->path().string());
    else out[rel] = "special";
  }
  return out;
}

std::string make_workspace(const std::string& work, const std::string& setup_script) {
  static std::atomic<int> counter{0};
  fs::path dir = fs::temp_directory_path() / fmt::format("cadre-work-{}-{}", ::getpid(), counter++);
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(work, dir, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  if (!setup_script.empty()) {
    std::string command = fmt::format("cd '{}' && sh -e '{}'", dir.string(), setup_script);
    if (std::system(command.c_str()) != 0) return {};
  }
  return dir.string();
}

std::string changed_entries(const std::map<std::string, std::string>& before,
                            const std::map<std::string, std::string>& after) {
  std::string out;
  for (const auto& [path, what] : before) {
    auto it = after.find(path);
    if (it == after.end()) out += path + ": gone\n";
    else if (it->second != what) out += path + ": changed\n";
  }
  return out;
}

}  // namespace cadre::testing
