// SPDX-License-Identifier: Apache-2.0
// Checker tests: every path resolved against the schema, every expression typed, every
// error of a file reported, with codes, positions and suggestions.
#include <catch2/catch.hpp>

#include "tests/support/snippets.hpp"

using namespace cadre;
using testing::run_snippet;

namespace {

const char* kValidCourse = R"(kind: course
id: C1
title: "t"
producer: { university: "U" }
workload_hours: 10
modality: distance
)";

std::string rule_with(const std::string& require, const std::string& extra = "") {
  return "rule R on course\n  title fr \"t\" en \"t\"\n  severity error\n" + extra + "  require " + require +
         "\n  message fr \"m\" en \"m\"\n";
}

}  // namespace

TEST_CASE("checker: an unknown field points at it and suggests the closest name", "[checker]") {
  auto run = run_snippet(rule_with("present(course.assessment.resit_polcy)"), kValidCourse);
  REQUIRE(run.diagnostics == std::vector<std::string>{"E0201 4:37"});
  CHECK(run.text.find("did you mean `assessment.resit_policy`?") != std::string::npos);
  CHECK(run.result.records.empty());  // rules that do not check never run
}

TEST_CASE("checker: every error of a file is reported", "[checker]") {
  std::string rules = rule_with("course.workload_hours == \"vingt\"") +
                      "rule S on course\n  title fr \"t\" en \"t\"\n  severity error\n"
                      "  require lenght(course.title) > 3\n  require course.modality == \"distnce\"\n"
                      "  require course.activities.hours > 1\n  require course.title\n"
                      "  require course.title matches \"([a-z\"\n  require count(course.title)\n"
                      "  require days_between(course.title) > 1\n  require titl.x\n"
                      "  message fr \"m\" en \"m\"\n"
                      "rule T on cours\n  title fr \"t\" en \"t\"\n  severity error\n  require true\n"
                      "  message fr \"m\" en \"m\"\n";
  auto run = run_snippet(rules, kValidCourse);
  CHECK(run.diagnostics == std::vector<std::string>{
                               "E0203 4:11",   // number == string
                               "E0205 9:11",   // lenght
                               "E0208 10:30",  // "distnce" is not a modality
                               "E0203 11:29",  // a list has no field
                               "E0203 12:11",  // require of a string
                               "E0207 13:32",  // bad regular expression
                               "E0203 14:11",  // require of an integer
                               "E0203 14:17",  // count of a string
                               "E0206 15:11",  // days_between arity
                               "E0202 16:11",  // unknown name
                               "E0204 18:11",  // unknown record kind
                           });
  CHECK(run.text.find("did you mean `len`?") != std::string::npos);
  CHECK(run.text.find("did you mean `distance`?") != std::string::npos);
  CHECK(run.text.find("did you mean `course`?") != std::string::npos);
  CHECK(run.text.find("use a quantifier: all(x in course.activities, x.hours ...)") != std::string::npos);
}

TEST_CASE("checker: quantifier variables are scoped and typed", "[checker]") {
  auto ok = run_snippet(rule_with("all(a in course.activities, a.hours > 0 and a.id matches \"^J\")"), kValidCourse);
  CHECK(ok.diagnostics.empty());
  auto out_of_scope = run_snippet(rule_with("all(a in course.activities, a.hours > 0) and a.hours > 1"), kValidCourse);
  CHECK(out_of_scope.diagnostics == std::vector<std::string>{"E0202 4:56"});
  auto shadow = run_snippet(rule_with("all(course in course.activities, true)"), kValidCourse);
  CHECK(shadow.diagnostics == std::vector<std::string>{"E0101 4:15"});
  auto not_a_binding = run_snippet(rule_with("all(course.activities, true)"), kValidCourse);
  CHECK(not_a_binding.diagnostics == std::vector<std::string>{"E0203 4:15"});
}

TEST_CASE("checker: constants are typed and cannot read records", "[checker]") {
  auto run = run_snippet("const bad = course.title\n" + rule_with("course.workload_hours >= min_hours"), kValidCourse);
  CHECK(run.diagnostics == std::vector<std::string>{"E0210 1:13"});
}

TEST_CASE("checker: duplicate rule ids are reported at the second one", "[checker]") {
  auto run = run_snippet(rule_with("true") + rule_with("true"), kValidCourse);
  CHECK(run.diagnostics == std::vector<std::string>{"E0101 6:6"});
}

TEST_CASE("checker: tree() needs a record and a field that lists records of the same type", "[checker]") {
  auto rule = [](const std::string& require) {
    return "rule P on pathway\n  title fr \"t\" en \"t\"\n  severity error\n  require " + require +
           "\n  message fr \"m\" en \"m\"\n";
  };
  const char* pathway = "kind: pathway\nid: P\nrequirement: {course: A}\n";
  CHECK(run_snippet(rule("count(tree(pathway.requirement, \"all_of\")) >= 1"), pathway).diagnostics.empty());
  CHECK(run_snippet(rule("count(tree(pathway.requirement, \"from\")) >= 1"), pathway).diagnostics ==
        std::vector<std::string>{"E0203 4:43"});  // `from` lists strings
  CHECK(run_snippet(rule("count(tree(pathway.requirement, pathway.id)) >= 1"), pathway).diagnostics ==
        std::vector<std::string>{"E0203 4:43"});  // the field is named, not computed
  CHECK(run_snippet(rule("count(tree(pathway.id, \"all_of\")) >= 1"), pathway).diagnostics ==
        std::vector<std::string>{"E0203 4:22"});
}
