// SPDX-License-Identifier: Apache-2.0
// The bundled rule packs hold to their own standards: their tests pass with every rule
// covered, they lint clean, and docs/rules/ is what `cadre rules doc` writes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> bundled_packs() {
  std::vector<std::string> packs;
  for (const auto& entry : fs::directory_iterator(source_dir() + "/rules"))
    if (entry.is_directory()) packs.push_back(entry.path().filename().string());
  std::sort(packs.begin(), packs.end());
  return packs;
}

}  // namespace

TEST_CASE("packs: every bundled pack's tests pass and cover every rule", "[packs]") {
  auto packs = bundled_packs();
  REQUIRE(packs.size() >= 4);
  for (const auto& pack : packs) {
    if (pack == "qualiopi-v9") continue;  // declares indicators, no rule
    DYNAMIC_SECTION(pack) {
      auto result = run_cadre("test " + pack);
      INFO(result.out << result.err);
      CHECK(result.exit_code == 0);
      CHECK(result.out.find("rules covered (100.0 %)") != std::string::npos);
    }
  }
}

TEST_CASE("packs: every bundled pack lints clean", "[packs]") {
  for (const auto& pack : bundled_packs()) {
    DYNAMIC_SECTION(pack) {
      auto result = run_cadre("lint " + pack);
      INFO(result.out << result.err);
      CHECK(result.exit_code == 0);
    }
  }
}

TEST_CASE("packs: docs/rules is up to date (run `cadre rules doc dfcu-2023 eu-2022 ut3-u360`)", "[packs]") {
  fs::path out = fs::temp_directory_path() / ("cadre-rule-docs-" + std::to_string(::getpid()));
  fs::remove_all(out);
  std::string packs;
  for (const auto& p : bundled_packs())
    if (p != "qualiopi-v9") packs += " " + p;
  auto result = run_cadre("rules doc --out '" + out.string() + "'" + packs);
  REQUIRE(result.exit_code == 0);
  std::vector<std::string> generated, committed;
  for (const auto& e : fs::directory_iterator(out)) generated.push_back(e.path().filename().string());
  for (const auto& e : fs::directory_iterator(source_dir() + "/docs/rules")) committed.push_back(e.path().filename().string());
  std::sort(generated.begin(), generated.end());
  std::sort(committed.begin(), committed.end());
  CHECK(generated == committed);
  for (const auto& name : generated) {
    INFO(name << " differs: run `build/cli/cadre rules doc" << packs << "` from the repository root");
    CHECK(read_file((out / name).string()) == read_file(source_dir() + "/docs/rules/" + name));
  }
  fs::remove_all(out);
}
