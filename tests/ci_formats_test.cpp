// SPDX-License-Identifier: Apache-2.0
// The CI formats hold to their standards: the SARIF passes the official validator
// (sarif-multitool, installed by .ci/setup), the JUnit XML is well-formed (xmllint), and one
// run can write several formats, each identical to what a run of that format alone writes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "engine/report/markup.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

const char* kInputs = "examples fixtures/courses fixtures/records/broken fixtures/records/undecided";
const char* kCommon = "check --as-of 2025-06-01 --rules-url https://cadre.example/docs/rules/ "
                      "--waivers fixtures/waivers/committee.yaml";

fs::path temp(const std::string& name) {
  return fs::temp_directory_path() / ("cadre-" + std::to_string(::getpid()) + "-" + name);
}

std::string run_shell(const std::string& command, int& status) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  char buffer[4096];
  std::size_t n = 0;
  while (pipe && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  status = pipe ? ::pclose(pipe) : -1;
  return out;
}

fs::path sarif_validator() {
  return fs::path(source_dir()) / "tools/npm/node_modules/.bin/sarif-multitool";
}

// Runs the official validator on `sarif` with the default rules (the SARIF specification),
// then GitHub code scanning's (GH1001…GH2012: among them, every rule must carry `help`).
// `--rule-kind` takes a list: it goes after the file, or it would swallow the file name.
void expect_valid_sarif(const fs::path& sarif) {
  for (std::string kind : {"", " --rule-kind Gh"}) {
    int status = 0;
    // The validator is a .NET program: run it without ICU data so that it needs no locale.
    std::string out = run_shell("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 '" + sarif_validator().string() +
                                    "' validate '" + sarif.string() + "'" + kind,
                                status);
    INFO("rule kind:" << kind);
    INFO(out);
    CHECK(status == 0);
    CHECK(out.find("Analysis completed successfully") != std::string::npos);
    CHECK(out.find("skipped") == std::string::npos);  // a file it does not read passes silently
    // The validator exits 0 even on errors: read its findings.
    CHECK(out.find(": error ") == std::string::npos);
    CHECK(out.find(": warning ") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("formats: the SARIF passes the official validator without error or warning", "[formats]") {
  INFO("install it with: bash .ci/setup");
  REQUIRE(fs::exists(sarif_validator()));
  fs::path sarif = temp("report.sarif");  // the validator skips files not named *.sarif
  auto run = run_cadre(std::string(kCommon) + " --format sarif --output '" + sarif.string() + "' " + kInputs);
  REQUIRE(run.exit_code == 2);  // the broken records make the run incomplete; the report is still whole
  expect_valid_sarif(sarif);
  std::string text = read_file(sarif.string());
  CHECK(text.find("\"columnKind\": \"unicodeCodePoints\"") != std::string::npos);
  CHECK(text.find("\"suppressions\"") != std::string::npos);
  CHECK(text.find("\"helpUri\": \"https://cadre.example/docs/rules/DFCU-8.1-duration.md\"") != std::string::npos);
  fs::remove(sarif);
}

// The files a folder walk skipped (not records) are counted in the run's properties: GitHub's
// rule kind accepts them there (the golden case check-skipped-sarif holds the report).
TEST_CASE("formats: the SARIF that counts skipped files passes the official validator", "[formats]") {
  REQUIRE(fs::exists(sarif_validator()));
  std::string report = read_file((fs::path(source_dir()) / "fixtures/cli/check-skipped-sarif/expected.out").string());
  REQUIRE(report.find("\"filesSkipped\": 2") != std::string::npos);
  fs::path sarif = temp("skipped.sarif");
  {
    std::ofstream out(sarif, std::ios::binary);
    out << report;
  }
  expect_valid_sarif(sarif);
  fs::remove(sarif);
}

TEST_CASE("formats: the JUnit XML is well-formed", "[formats]") {
  fs::path junit = temp("report.xml");
  auto run = run_cadre(std::string(kCommon) + " --format junit --output '" + junit.string() + "' " + kInputs);
  REQUIRE(run.exit_code == 2);
  int status = 0;
  std::string out = run_shell("xmllint --noout '" + junit.string() + "'", status);
  INFO(out);
  CHECK(status == 0);
  std::string text = read_file(junit.string());
  CHECK(text.find("<testsuite name=\"dfcu-2023\"") != std::string::npos);
  CHECK(text.find("<failure type=\"error\"") != std::string::npos);
  CHECK(text.find("<skipped message=\"waived until 2025-06-30") != std::string::npos);
  fs::remove(junit);
}

TEST_CASE("formats: one run writes several formats, each as a run of its own would", "[formats]") {
  std::string inputs = "fixtures/courses";
  fs::path sarif = temp("multi.sarif"), junit = temp("multi.xml");
  auto multi = run_cadre(std::string(kCommon) + " --format sarif --output '" + sarif.string() + "' --format text " +
                         "--format junit --output '" + junit.string() + "' " + inputs);
  auto text = run_cadre(std::string(kCommon) + " " + inputs);
  auto sarif_alone = run_cadre(std::string(kCommon) + " --format sarif " + inputs);
  auto junit_alone = run_cadre(std::string(kCommon) + " --format junit " + inputs);
  CHECK(multi.exit_code == text.exit_code);
  CHECK(multi.out == text.out);
  CHECK(read_file(sarif.string()) == sarif_alone.out);
  CHECK(read_file(junit.string()) == junit_alone.out);
  auto twice = run_cadre(std::string(kCommon) + " --format json --format text " + inputs);
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("only one format can go to standard output") != std::string::npos);
  fs::remove(sarif);
  fs::remove(junit);
}

// Issue 11: `info` findings are the packs' readings, advice: a record with nothing else passes,
// whatever the format. This record has two (a resit after the end, no CFVU date).
TEST_CASE("formats: a record with only info findings passes in every format", "[formats]") {
  const std::string input = " fixtures/courses/valid/ulco-hybrid-onsite-workshop.yaml";
  const std::string check = "check --as-of 2025-06-01 --lang en";
  auto text = run_cadre(check + input);
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("info[DFCU-8.3-assessment-period]") != std::string::npos);
  CHECK(text.out.find("1 passed, 0 failed, 0 invalid; 0 errors, 0 warnings, 2 info") != std::string::npos);
  auto json = run_cadre(check + " --format json" + input);
  CHECK(json.exit_code == 0);
  CHECK(json.out.find("\"status\": \"pass\"") != std::string::npos);
  CHECK(json.out.find("\"failed\": 0") != std::string::npos);
  auto sarif = run_cadre(check + " --format sarif" + input);
  CHECK(sarif.exit_code == 0);
  auto results = sarif.out.find("\"results\"");
  REQUIRE(results != std::string::npos);
  CHECK(sarif.out.find("\"level\": \"note\"", results) != std::string::npos);
  CHECK(sarif.out.find("\"level\": \"error\"", results) == std::string::npos);
  auto junit = run_cadre(check + " --format junit" + input);
  CHECK(junit.exit_code == 0);
  CHECK(junit.out.find("failures=\"0\"") != std::string::npos);
  CHECK(junit.out.find("<failure") == std::string::npos);
  CHECK(junit.out.find("<system-out>info: fixtures/courses/valid/ulco-hybrid-onsite-workshop.yaml:36:29") != std::string::npos);
  auto markdown = run_cadre(check + " --format markdown" + input);
  CHECK(markdown.exit_code == 0);
  CHECK(markdown.out.find("### ✅ cadre") != std::string::npos);
  CHECK(markdown.out.find("| passed / failed / invalid | 1 / 0 / 0 |") != std::string::npos);
  // The audit pack counts them apart ("noted"), never as failed, and no indicator falls short.
  fs::path pack = temp("info-audit");
  fs::remove_all(pack);
  auto audit = run_cadre("audit --as-of 2025-06-01 --lang en --out '" + pack.string() + "'" + input);
  CHECK(audit.exit_code == 0);
  CHECK(audit.out.find("0 shortfall") != std::string::npos);
  std::string evidence = read_file((pack / "evidence.json").string());
  auto rule = evidence.find("\"id\": \"DFCU-8.3-assessment-period\"");
  REQUIRE(rule != std::string::npos);
  auto records = evidence.find("\"records\"", rule);
  REQUIRE(records != std::string::npos);
  std::string counts = evidence.substr(records, evidence.find('}', records) - records);
  INFO(counts);
  CHECK(counts.find("\"failed\": 0") != std::string::npos);
  CHECK(counts.find("\"noted\": 1") != std::string::npos);
  std::string md = read_file((pack / "evidence.md").string());
  CHECK(md.find("| info | 1 | 0 (+1 info) | 0 | 0 |") != std::string::npos);
  fs::remove_all(pack);
}

TEST_CASE("terminal_safe: text quoted from a file cannot drive the terminal or forge a report line", "[report]") {
  using cadre::report::terminal_safe;
  CHECK(terminal_safe("https://x\x1b[2J\x1b[31mVERIFIED\r\nfake: verified") ==
        "https://x\\x1B[2J\\x1B[31mVERIFIED\\x0D\\x0Afake: verified");
  CHECK(terminal_safe("Université de Lille — clé 2025") == "Université de Lille — clé 2025");  // UTF-8 untouched
  CHECK(terminal_safe(std::string("a\0b\x7f", 4)) == "a\\x00b\\x7F");
}
