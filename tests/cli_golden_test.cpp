// End-to-end tests of the real binary: every directory fixtures/cli/<case>/ holds `cmd`
// (the arguments), `expected.out` (stdout), `expected.err` (stderr, when not empty) and
// `expected.exit`. CADRE_UPDATE_GOLDEN=1 rewrites the expected files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

TEST_CASE("cli: golden outputs and exit codes of fixtures/cli", "[cli]") {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(source_dir() + "/fixtures/cli"))
    if (entry.is_directory()) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 10);
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      std::string args = trim(read_file((dir / "cmd").string()));
      auto result = run_cadre(args);
      INFO("cadre " << args);
      CHECK(golden_mismatch((dir / "expected.out").string(), result.out) == "");
      if (!result.err.empty() || fs::exists(dir / "expected.err"))
        CHECK(golden_mismatch((dir / "expected.err").string(), result.err) == "");
      CHECK(golden_mismatch((dir / "expected.exit").string(), std::to_string(result.exit_code) + "\n") == "");
    }
  }
}
