// SPDX-License-Identifier: Apache-2.0
// A scratch folder for one test, removed with everything in it when the test ends.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <unistd.h>

namespace cadre::testing {

struct TempDir {
  std::filesystem::path path;
  /// A new, empty folder under the system's temporary folder, named after `prefix`, this
  /// process and a counter (tests run in parallel processes, several per process).
  explicit TempDir(const std::string& prefix = "cadre-test") {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() / fmt::format("{}-{}-{}", prefix, ::getpid(), counter++);
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Writes `text` to `relative` (folders created as needed).
  void write(const std::string& relative, const std::string& text) const {
    std::filesystem::create_directories((path / relative).parent_path());
    std::ofstream(path / relative, std::ios::binary) << text;
  }
};

}  // namespace cadre::testing
