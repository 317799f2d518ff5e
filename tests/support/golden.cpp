// SPDX-License-Identifier: Apache-2.0
#include "tests/support/golden.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace cadre::testing {

std::string source_dir() { return CADRE_SOURCE_DIR; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

namespace {
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}
}  // namespace

std::string golden_mismatch(const std::string& golden_path, const std::string& actual) {
  const char* update = std::getenv("CADRE_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(golden_path, actual);
    return {};
  }
  if (!std::filesystem::exists(golden_path))
    return fmt::format("golden file {} does not exist (run with CADRE_UPDATE_GOLDEN=1 to create it); actual:\n{}",
                       golden_path, actual);
  std::string expected = read_file(golden_path);
  if (expected == actual) return {};
  auto e = lines(expected), a = lines(actual);
  std::string report = fmt::format("{} differs (CADRE_UPDATE_GOLDEN=1 rewrites it):\n", golden_path);
  int shown = 0;
  for (std::size_t i = 0; i < std::max(e.size(), a.size()) && shown < 8; ++i) {
    std::string x = i < e.size() ? e[i] : "<end>", y = i < a.size() ? a[i] : "<end>";
    if (x == y) continue;
    report += fmt::format("  line {}:\n    expected: {}\n    actual:   {}\n", i + 1, x, y);
    ++shown;
  }
  return report;
}

}  // namespace cadre::testing
