// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of the real binary: every directory fixtures/cli/<case>/ holds `cmd`
// (the arguments), `expected.out` (stdout), `expected.err` (stderr, when not empty) and
// `expected.exit`. CADRE_UPDATE_GOLDEN=1 rewrites the expected files.
// A case with a `work/` folder runs in a scratch copy of it (after its `setup` script, when
// there is one), and every file that was there before must be byte-identical afterwards:
// that is how the cases of "outputs never destroy inputs" prove nothing was lost.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"
#include "tests/support/workspace.hpp"

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
      INFO("cadre " << args);
      bool in_workspace = fs::is_directory(dir / "work");
      std::string workspace;
      std::map<std::string, std::string> before;
      if (in_workspace) {
        workspace = make_workspace((dir / "work").string(), fs::exists(dir / "setup") ? (dir / "setup").string() : "");
        REQUIRE(!workspace.empty());
        before = snapshot(workspace);
      }
      auto result = in_workspace ? run_cadre_in(workspace, args) : run_cadre(args);
      if (in_workspace) {
        CHECK(changed_entries(before, snapshot(workspace)) == "");
        fs::remove_all(workspace);
      }
      CHECK(golden_mismatch((dir / "expected.out").string(), result.out) == "");
      if (!result.err.empty() || fs::exists(dir / "expected.err"))
        CHECK(golden_mismatch((dir / "expected.err").string(), result.err) == "");
      CHECK(golden_mismatch((dir / "expected.exit").string(), std::to_string(result.exit_code) + "\n") == "");
    }
  }
}
