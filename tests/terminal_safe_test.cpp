// SPDX-License-Identifier: Apache-2.0
// Text quoted from a file into a terminal report (record ids, messages, source lines, names)
// is shown, never obeyed: an escape sequence cannot clear the screen or retitle the window,
// a line break cannot forge a line (a CI log reads `::error ...` lines as commands), and a
// bidirectional override cannot reorder what the reader sees.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "engine/base/source.hpp"
#include "engine/report/markup.hpp"
#include "engine/report/writers.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre;
using report::TerminalKeep;
using report::terminal_safe;
using testing::run_cadre;

namespace {

bool has_line_starting_with(const std::string& text, const std::string& start) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(start, 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("terminal safe: controls, C1, separators and bidi overrides are written as escapes", "[terminal]") {
  CHECK(terminal_safe("a\x1b[2Jb") == "a\\x1B[2Jb");
  CHECK(terminal_safe("one\ntwo\rthree") == "one\\x0Atwo\\x0Dthree");
  CHECK(terminal_safe("del\x7f") == "del\\x7F");
  CHECK(terminal_safe("csi \xc2\x9b" "31m") == "csi \\u009B31m");           // U+009B, CSI in C1
  CHECK(terminal_safe("a\xe2\x80\xa8" "b") == "a\\u2028b");                // line separator
  CHECK(terminal_safe("\xe2\x80\xae" "txt.exe") == "\\u202Etxt.exe");      // right-to-left override
  CHECK(terminal_safe("\xe2\x81\xa6" "x") == "\\u2066x");                  // left-to-right isolate
  // What is not a control stays as it is: accents, no-break spaces, quotes, an em dash.
  const std::string french = "Réussite «\xc2\xa0" "examen\xc2\xa0» \xe2\x80\x94 é";
  CHECK(terminal_safe(french) == french);
  CHECK(terminal_safe("\xe2\x80\x94\xe2\x80\xa9") == "\xe2\x80\x94\\u2029");
  // Tabs: escaped in a value, kept in a quoted source line; line breaks kept only in a whole report.
  CHECK(terminal_safe("a\tb") == "a\\x09b");
  CHECK(terminal_safe("a\tb", TerminalKeep::tabs) == "a\tb");
  CHECK(terminal_safe("a\nb\x1b", TerminalKeep::tabs) == "a\\x0Ab\\x1B");
  CHECK(terminal_safe("a\nb\x1b", TerminalKeep::tabs_and_newlines) == "a\nb\\x1B");
  // A truncated sequence at the end is left as it is, never read past.
  CHECK(terminal_safe("x\xc2") == "x\xc2");
  CHECK(terminal_safe("x\xe2\x80") == "x\xe2\x80");
}

TEST_CASE("terminal safe: the caret lines up under the quoted line after an escaped control", "[terminal]") {
  SourceManager sources;
  //                                  columns: a=1 ESC=2 b=3 :=4 space=5 x=6
  FileId file = sources.add("f.yaml", std::string("a\x1b" "b: x\n"));
  std::string shown = report::excerpt(sources.file(file), 5, 5);
  CHECK(shown == "    1 | a\\x1Bb: x\n      |         ^\n");
}

TEST_CASE("terminal safe: check and stack show what a hostile record holds without replaying it", "[terminal][cli]") {
  auto check = run_cadre(
      "check --as-of 2025-06-01 --lang en fixtures/records/hostile/terminal-controls.json "
      "fixtures/records/hostile/terminal-escape.yaml");
  CHECK(check.exit_code == 2);  // the YAML file is refused (E0301)
  CHECK(check.out.find('\x1b') == std::string::npos);
  CHECK(check.out.find("\xc2\x9b") == std::string::npos);
  CHECK(check.out.find("\xe2\x80\xae") == std::string::npos);
  CHECK_FALSE(has_line_starting_with(check.out, "::error"));
  CHECK_THAT(check.out, Catch::Contains("UC-\\x1B[2J\\x0A::error file=evil.yaml"));
  CHECK_THAT(check.out, Catch::Contains("title: \"x\\x1B]0;pwned\\x07y\""));

  auto stack = run_cadre(
      "stack --pathway fixtures/stack/pathway.yaml --catalog fixtures/stack/catalog --as-of 2025-06-01 --lang en "
      "--transcript fixtures/stack/terminal-controls.yaml");
  CHECK(stack.out.find('\x1b') == std::string::npos);
  CHECK_FALSE(has_line_starting_with(stack.out, "::error"));
  CHECK_THAT(stack.out, Catch::Contains("Holder: Awa\\x1B[2J Diallo\\x0A::error::forged"));
}

TEST_CASE("terminal safe: audit verify names a manifest's files without replaying them", "[terminal][cli]") {
  // An evidence pack comes from a provider: its manifest may name any file.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("cadre-terminal-audit-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto written = run_cadre("audit --as-of 2025-06-01 --out '" + dir.string() + "' examples/courses");
  REQUIRE(written.exit_code == 0);
  nlohmann::json manifest;
  std::ifstream(dir / "manifest.json") >> manifest;
  manifest["outputs"].push_back({{"path", "x\x1b[2J\n::error::forged"}, {"bytes", 1}, {"sha256", "00"}});
  std::ofstream(dir / "manifest.json") << manifest.dump(2);
  auto verified = run_cadre("audit verify '" + dir.string() + "'");
  CHECK(verified.exit_code == 1);
  CHECK(verified.out.find('\x1b') == std::string::npos);
  CHECK_FALSE(has_line_starting_with(verified.out, "::error"));
  CHECK_THAT(verified.out, Catch::Contains("x\\x1B[2J\\x0A::error::forged"));
  fs::remove_all(dir);
}
