// SPDX-License-Identifier: Apache-2.0
// What the CI platforms need beyond the formats' own standards: GitHub code scanning's
// fingerprints that survive edits above a finding, GitLab's Code Quality fields, and the
// GitHub annotations GitHub would drop without a word.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre::testing;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("cadre-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Two flawed records of the repository, copied so that a test can edit them.
fs::path flawed_copy(const std::string& name) {
  fs::path dir = scratch(name);
  for (const char* f : {"duration-too-long.yaml", "proctoring-missing.yaml"})
    fs::copy_file(fs::path(source_dir()) / "fixtures/courses/invalid" / f, dir / f);
  return dir;
}

void prepend_lines(const fs::path& file, int count) {
  std::string text = read_file(file.string());
  std::string lines;
  for (int i = 0; i < count; ++i) lines += "# a comment added above the record\n";
  write_file(file.string(), lines + text);
}

// rule id → its fingerprints and lines, in report order.
std::multimap<std::string, std::pair<std::string, int>> sarif_fingerprints(const std::string& sarif) {
  std::multimap<std::string, std::pair<std::string, int>> out;
  Json doc = Json::parse(sarif);  // named: a range-for keeps no temporary alive
  for (const auto& r : doc["runs"][0]["results"])
    out.emplace(r["ruleId"].get<std::string>(),
                std::pair{r["partialFingerprints"]["cadreFinding/v1"].get<std::string>(),
                          r["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>()});
  return out;
}

}  // namespace

TEST_CASE("sarif: every rule carries help (text and Markdown) from its title, articles, message and indicators",
          "[formats][sarif]") {
  auto run = run_cadre("check --as-of 2025-06-01 --lang en --format sarif --rules-url https://cadre.example/rules/ "
                       "fixtures/courses/invalid/duration-too-long.yaml");
  REQUIRE(run.exit_code == 1);
  auto rules = Json::parse(run.out)["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.size() > 40);
  for (const auto& rule : rules) {
    INFO(rule.dump());
    CHECK(rule["help"]["text"].get<std::string>().size() > 10);
    CHECK(rule["help"]["markdown"].get<std::string>().find("**" + rule["id"].get<std::string>() + "**") == 0);
    CHECK(rule["helpUri"] == "https://cadre.example/rules/" + rule["id"].get<std::string>() + ".md");
  }
  const Json* duration = nullptr;
  for (const auto& rule : rules)
    if (rule["id"] == "DFCU-8.1-duration") duration = &rule;
  REQUIRE(duration);
  std::string text = (*duration)["help"]["text"];
  INFO(text);
  CHECK(text.find("Framework articles: §3, §8.1, §14") != std::string::npos);
  CHECK(text.find("Message: the course takes {course.workload_hours} h") != std::string::npos);
  CHECK(text.find("Qualiopi indicators: 1, 6") != std::string::npos);
  CHECK(text.find("Rule page: https://cadre.example/rules/DFCU-8.1-duration.md") != std::string::npos);
}

TEST_CASE("sarif: partialFingerprints stay the same when lines above a finding move", "[formats][sarif]") {
  fs::path dir = flawed_copy("fingerprints");
  std::string check = "check --as-of 2025-06-01 --format sarif '" + dir.string() + "'";
  auto before = run_cadre(check);
  REQUIRE(before.exit_code == 1);
  prepend_lines(dir / "duration-too-long.yaml", 7);
  prepend_lines(dir / "proctoring-missing.yaml", 3);
  auto after = run_cadre(check);
  REQUIRE(after.exit_code == 1);
  auto a = sarif_fingerprints(before.out), b = sarif_fingerprints(after.out);
  REQUIRE(a.size() >= 2);
  REQUIRE(a.size() == b.size());
  std::set<std::string> fingerprints;
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    CHECK(i->first == j->first);
    CHECK(i->second.first == j->second.first);     // same fingerprint
    CHECK(i->second.second != j->second.second);   // though on another line
    fingerprints.insert(i->second.first);
  }
  CHECK(fingerprints.size() == a.size());  // and no two findings share one
  fs::remove_all(dir);
}

TEST_CASE("gitlab: Code Quality issues carry the fields GitLab reads, with unique, line-independent fingerprints",
          "[formats][gitlab]") {
  // `./` in front of a path, as a CI script would write it: GitLab wants it gone.
  auto run = run_cadre("check --as-of 2025-06-01 --lang en --format gitlab --waivers fixtures/waivers/committee.yaml "
                       "./fixtures/courses/invalid fixtures/records/broken/schema-errors.yaml");
  REQUIRE(run.exit_code == 2);
  auto issues = Json::parse(run.out);
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() > 20);
  std::set<std::string> fingerprints, severities;
  for (const auto& issue : issues) {
    INFO(issue.dump());
    CHECK(!issue["description"].get<std::string>().empty());
    CHECK(!issue["check_name"].get<std::string>().empty());
    std::string path = issue["location"]["path"];
    CHECK(path.rfind("./", 0) == std::string::npos);
    CHECK(path.front() != '/');
    CHECK(fs::exists(path));
    CHECK(issue["location"]["lines"]["begin"].get<int>() >= 1);
    std::string severity = issue["severity"];
    CHECK(std::set<std::string>{"info", "minor", "major", "critical"}.count(severity) == 1);
    severities.insert(severity);
    fingerprints.insert(issue["fingerprint"].get<std::string>());
  }
  CHECK(fingerprints.size() == issues.size());
  CHECK(severities.count("critical") == 1);
  // A waived finding is the committee's accepted exception, not an issue: it is left out.
  auto text = run_cadre("check --as-of 2025-06-01 --lang en --format json --waivers fixtures/waivers/committee.yaml "
                        "./fixtures/courses/invalid fixtures/records/broken/schema-errors.yaml");
  auto json = Json::parse(text.out);
  std::size_t open = json["diagnostics"].size();
  for (const auto& f : json["findings"]) open += f.contains("waived") ? 0 : 1;
  CHECK(issues.size() == open);

  fs::path dir = flawed_copy("gitlab");
  std::string check = "check --as-of 2025-06-01 --format gitlab '" + dir.string() + "'";
  auto before = Json::parse(run_cadre(check).out);
  prepend_lines(dir / "duration-too-long.yaml", 4);
  auto after = Json::parse(run_cadre(check).out);
  REQUIRE(before.size() == after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    CHECK(before[i]["fingerprint"] == after[i]["fingerprint"]);
    CHECK(before[i]["location"]["path"] == after[i]["location"]["path"]);
  }
  fs::remove_all(dir);
}

TEST_CASE("github: more than 10 errors give a notice and the full list in $GITHUB_STEP_SUMMARY", "[formats][github]") {
  const std::string many = "check --as-of 2025-06-01 --lang en --format github fixtures/courses/invalid examples";
  fs::path dir = scratch("step-summary");
  fs::path summary = dir / "step_summary.md";
  write_file(summary.string(), "## An earlier step's summary\n");
  ::setenv("GITHUB_STEP_SUMMARY", summary.string().c_str(), 1);
  auto run = run_cadre(many);
  auto few = run_cadre("check --as-of 2025-06-01 --lang en --format github fixtures/courses/invalid/duration-too-long.yaml");
  auto text = run_cadre("check --as-of 2025-06-01 --lang en fixtures/courses/invalid examples");  // other formats: no summary
  ::unsetenv("GITHUB_STEP_SUMMARY");
  auto unset = run_cadre(many);
  REQUIRE(run.exit_code == 1);
  INFO(run.out);
  std::size_t errors = 0;
  for (auto at = run.out.find("::error "); at != std::string::npos; at = run.out.find("::error ", at + 1)) ++errors;
  REQUIRE(errors > 10);
  CHECK(run.out.find(fmt::format("::notice title=cadre::{} error(s) and 0 warning(s) are not shown inline (GitHub shows "
                                 "10 of each); the full list is in the job summary",
                                 errors - 10)) != std::string::npos);
  CHECK(unset.out.find("the full list is in this step's log") != std::string::npos);
  CHECK(few.out.find("::notice title=cadre::") == std::string::npos);
  std::string written = read_file(summary.string());
  INFO(written);
  CHECK(written.rfind("## An earlier step's summary\n### ❌ cadre: ", 0) == 0);  // appended, not replaced
  CHECK(written.find("DFCU-8.1-duration.md) | `fixtures/courses/invalid/duration-too-long.yaml:16:17` |") !=
        std::string::npos);
  CHECK(text.exit_code == 1);
  // Only the run with the github format and too many annotations wrote it: one summary.
  std::size_t summaries = 0;
  for (auto at = written.find("### ❌ cadre"); at != std::string::npos; at = written.find("### ❌ cadre", at + 1)) ++summaries;
  CHECK(summaries == 1);
  // A link in place of the summary is refused, not followed.
  fs::path elsewhere = dir / "elsewhere.md";
  write_file(elsewhere.string(), "keep\n");
  fs::remove(summary);
  fs::create_symlink(elsewhere, summary);
  ::setenv("GITHUB_STEP_SUMMARY", summary.string().c_str(), 1);
  auto link = run_cadre(many);
  ::unsetenv("GITHUB_STEP_SUMMARY");
  CHECK(link.exit_code == 2);
  CHECK(read_file(elsewhere.string()) == "keep\n");
  fs::remove_all(dir);
}
