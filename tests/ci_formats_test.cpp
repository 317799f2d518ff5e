// The CI formats hold to their standards: the SARIF passes the official validator
// (sarif-multitool, installed by .ci/setup), the JUnit XML is well-formed (xmllint), and one
// run can write several formats, each identical to what a run of that format alone writes.
#include <catch2/catch.hpp>

#include <filesystem>

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

}  // namespace

TEST_CASE("formats: the SARIF passes the official validator without error or warning", "[formats]") {
  fs::path validator = fs::path(source_dir()) / "tools/npm/node_modules/.bin/sarif-multitool";
  INFO("install it with: bash .ci/setup");
  REQUIRE(fs::exists(validator));
  fs::path sarif = temp("report.sarif");
  auto run = run_cadre(std::string(kCommon) + " --format sarif --output '" + sarif.string() + "' " + kInputs);
  REQUIRE(run.exit_code == 2);  // the broken records make the run incomplete; the report is still whole
  int status = 0;
  // The validator is a .NET program: run it without ICU data so that it needs no locale.
  std::string out = run_shell("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 '" + validator.string() + "' validate '" +
                                  sarif.string() + "'",
                              status);
  INFO(out);
  CHECK(status == 0);
  CHECK(out.find("Analysis completed successfully") != std::string::npos);
  // The validator exits 0 even on errors: read its findings.
  CHECK(out.find(": error ") == std::string::npos);
  CHECK(out.find(": warning ") == std::string::npos);
  std::string text = read_file(sarif.string());
  CHECK(text.find("\"columnKind\": \"unicodeCodePoints\"") != std::string::npos);
  CHECK(text.find("\"suppressions\"") != std::string::npos);
  CHECK(text.find("\"helpUri\": \"https://cadre.example/docs/rules/DFCU-8.1-duration.md\"") != std::string::npos);
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
