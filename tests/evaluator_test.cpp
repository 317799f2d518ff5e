// SPDX-License-Identifier: Apache-2.0
// Evaluator tests: outcomes, blame positions, missing-data semantics, built-ins.
#include <catch2/catch.hpp>

#include "tests/support/snippets.hpp"

using namespace cadre;
using testing::run_snippet;

namespace {

const char* kCourse = R"(kind: course
id: C1
title: "Évaluer été"
producer: { university: "U" }
workload_hours: 35
modality: distance
activities:
  - { id: J1, hours: 10 }
  - { id: J2, hours: 0 }
  - { id: X3, hours: 25 }
calendar:
  start: 2025-01-13
  end: 2025-03-07
  virtual_classes: [2025-01-20T18:00, 2025-03-07T18:00]
assessment:
  duration: PT2H
)";

std::string rule(const std::string& require, const std::string& message = "m", const std::string& when = "") {
  return "rule R on course\n  title fr \"t\" en \"t\"\n  severity error\n" +
         (when.empty() ? std::string{} : "  when " + when + "\n") + "  require " + require +
         "\n  message fr \"" + message + "\" en \"" + message + "\"\n";
}

std::vector<std::string> findings(const std::string& require, const std::string& when = "") {
  auto run = run_snippet(rule(require, "m", when), kCourse);
  REQUIRE(run.diagnostics.empty());
  return run.findings;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("evaluator: a failed comparison points at the value", "[evaluator]") {
  CHECK(findings("course.workload_hours between 7 and 30") == Lines{"R 5:17 /workload_hours"});
  CHECK(findings("course.workload_hours <= 40").empty());
  CHECK(findings("7 <= course.workload_hours").empty());
}

TEST_CASE("evaluator: messages interpolate values", "[evaluator]") {
  auto run = run_snippet(rule("course.workload_hours <= 30",
                              "{course.workload_hours} h > {30}; {course.title}; {course.calendar.start}; "
                              "{course.assessment.duration}; {course.workload_hours / 2}; {course.ects}"),
                         kCourse);
  REQUIRE(run.messages.size() == 1);
  CHECK(run.messages[0] == "35 h > 30; Évaluer été; 13 January 2025; 2\u00A0h; 17.5; ?");
}

TEST_CASE("evaluator: a message writes dates, times and numbers in its own language", "[evaluator][locale]") {
  // The pack's text is the same in both languages; the engine formats the typed values.
  std::string r = "rule R on course\n  title fr \"t\" en \"t\"\n  severity error\n  require all(v in course.calendar.virtual_classes, v < course.calendar.start)\n"
                  "  message fr \"du {course.calendar.start} à {v} : {course.workload_hours / 2} h, "
                  "{course.workload_hours * 100} ; {course.assessment.duration}\"\n"
                  "          en \"from {course.calendar.start} to {v}: {course.workload_hours / 2} h, "
                  "{course.workload_hours * 100}; {course.assessment.duration}\"\n";
  auto fr = run_snippet(r, kCourse, "fr");
  REQUIRE(fr.diagnostics.empty());
  CHECK(fr.messages == Lines{"du 13 janvier 2025 à 20 janvier 2025 à 18\u00A0h\u00A000 : 17,5 h, 3\u202F500 ; 2\u00A0h"});
  auto en = run_snippet(r, kCourse, "en");
  CHECK(en.messages == Lines{"from 13 January 2025 to 20 January 2025 at 18:00: 17.5 h, 3,500; 2\u00A0h"});
}

TEST_CASE("evaluator: missing data is never a silent pass", "[evaluator]") {
  // The field is absent: the rule cannot be decided, and the finding names what is missing
  // and points at the nearest enclosing field.
  CHECK(findings("course.ects >= 1") == Lines{"R 1:1 /ects undecided"});
  CHECK(findings("course.calendar.assessments == []") == Lines{"R 11:1 /calendar/assessments undecided"});
  auto run = run_snippet(rule("course.ects >= 1"), kCourse);
  CHECK(run.messages == Lines{"t — cannot be decided: `course.ects` is missing"});
  // present() decides absence, and Kleene logic lets a guard settle the question.
  CHECK(findings("present(course.ects)") == Lines{"R 1:1 /ects"});
  CHECK(findings("present(course.ects) implies course.ects >= 1").empty());
  CHECK(findings("not present(course.ects) or course.ects >= 1").empty());
  CHECK(findings("present(course.ects) and course.ects >= 1") == Lines{"R 1:1 /ects"});
  CHECK(findings("course.ects >= 1 or course.workload_hours > 1").empty());
  CHECK(findings("course.ects >= 1 and course.workload_hours < 1") == Lines{"R 5:17 /workload_hours"});
}

TEST_CASE("evaluator: present() treats blank strings and empty lists as absent", "[evaluator]") {
  auto run = run_snippet(rule("present(course.language) and present(course.rncp_blocks)"),
                         "kind: course\nid: C\ntitle: t\nproducer: {university: U}\nworkload_hours: 7\n"
                         "modality: hybrid\nlanguage: \"  \"\nrncp_blocks: []\n");
  CHECK(run.findings == Lines{"R 7:11 /language"});
}

TEST_CASE("evaluator: a `when` precondition selects the records", "[evaluator]") {
  CHECK(findings("false", "course.modality == \"hybrid\"").empty());
  CHECK(findings("false", "course.modality == \"distance\"") == Lines{"R 1:1 "});
  CHECK(findings("false", "course.ects > 1") == Lines{"R 1:1 /ects undecided"});
}

TEST_CASE("evaluator: quantifiers blame the first item that fails", "[evaluator]") {
  CHECK(findings("all(a in course.activities, a.hours > 0)") == Lines{"R 9:22 /activities/1/hours"});
  CHECK(findings("all(a in course.activities, a.id matches \"^J[0-9]+$\")") == Lines{"R 10:11 /activities/2/id"});
  CHECK(findings("some(a in course.activities, a.hours > 24)").empty());
  CHECK(findings("none(a in course.activities, a.hours > 24)") == Lines{"R 10:22 /activities/2/hours"});
  CHECK(findings("count(a in course.activities, a.hours > 5) == 2").empty());
  CHECK(findings("sum(a in course.activities, a.hours) == course.workload_hours").empty());
  CHECK(findings("count(course.activities) == 3 and len(course.activities) == 3").empty());
  CHECK(findings("unique(a in course.activities, a.id)").empty());
  CHECK(findings("unique(a in course.activities, a.hours > 5)") == Lines{"R 10:5 /activities/2"});
  CHECK(findings("all(a in course.activities, all(b in course.activities, a.hours + b.hours < 100))").empty());
  CHECK(findings("all(d in course.calendar.virtual_classes, d between course.calendar.start and course.calendar.end)")
            .empty());
}

TEST_CASE("evaluator: built-in functions", "[evaluator]") {
  CHECK(findings("len(course.title) == 11").empty());
  CHECK(findings("lower(\"AbC\") == \"abc\"").empty());
  CHECK(findings("days_between(course.calendar.start, course.calendar.end) == 53").empty());
  CHECK(findings("days_between(course.calendar.end, course.calendar.start) == -53").empty());
  CHECK(findings("hours(course.assessment.duration) == 2").empty());
  CHECK(findings("course.assessment.duration < PT3H and course.assessment.duration + PT1H == PT3H").empty());
  CHECK(findings("today() == 2025-06-01").empty());
  CHECK(findings("course.modality in [\"distance\", \"hybrid\"] and course.modality not in [\"hybrid\"]").empty());
  CHECK(findings("7 / 2 == 3.5 and 7 - 2 * 3 == 1 and -course.workload_hours == -35").empty());
}

TEST_CASE("evaluator: impossible arithmetic is undecided, not a crash", "[evaluator]") {
  CHECK(findings("course.workload_hours / 0 > 1") == Lines{"R 5:17 /workload_hours undecided"});
  CHECK(findings("9223372036854775807 + 1 > 0") == Lines{"R 1:1  undecided"});
}

TEST_CASE("evaluator: messages follow the requested language", "[evaluator]") {
  std::string r = "rule R on course\n  title fr \"titre\" en \"title\"\n  severity warning\n"
                  "  require course.ects > 1\n  require false otherwise fr \"faux\" en \"false\"\n"
                  "  message fr \"fr\" en \"en\"\n";
  auto fr = run_snippet(r, kCourse, "fr");
  CHECK(fr.messages == Lines{"faux", "titre — impossible à décider : `course.ects` est absent"});
  auto en = run_snippet(r, kCourse, "en");
  CHECK(en.messages == Lines{"false", "title — cannot be decided: `course.ects` is missing"});
}

TEST_CASE("evaluator: regular expressions match in linear time on hostile values", "[evaluator]") {
  // A backtracking engine takes exponential time on this pattern and input.
  std::string title(100000, 'a');
  auto run = run_snippet(rule("not (course.title matches \"^(a+)+$\")"),
                         "kind: course\nid: C\ntitle: \"" + title + "b\"\nproducer: {university: U}\n"
                         "workload_hours: 7\nmodality: hybrid\n");
  CHECK(run.diagnostics.empty());
  CHECK(run.findings.empty());
}

TEST_CASE("evaluator: tree() reaches every node of a recursive type and blames the one that fails", "[evaluator]") {
  const char* rule = "rule P on pathway\n  title fr \"t\" en \"t\"\n  severity error\n"
                     "  require all(r in tree(pathway.requirement, \"all_of\"), present(r.n_of) implies r.n_of <= count(r.from))\n"
                     "  message fr \"m\" en \"m\"\n";
  auto deep = run_snippet(rule, "kind: pathway\nid: P\nrequirement:\n  all_of:\n  - course: A\n  - all_of:\n"
                                "    - all_of:\n      - {n_of: 3, from: [A, B]}\n");
  CHECK(deep.findings == std::vector<std::string>{"P 8:16 /requirement/all_of/1/all_of/0/all_of/0/n_of"});
  auto fine = run_snippet(rule, "kind: pathway\nid: P\nrequirement:\n  all_of:\n  - {n_of: 1, from: [A, B]}\n");
  CHECK(fine.findings.empty());
}

TEST_CASE("evaluator: max() and min() over computed numbers, undecided on an empty list", "[evaluator]") {
  const char* rule = "rule B on session\n  title fr \"t\" en \"t\"\n  severity error\n"
                     "  require max(t in session.trainees, count(x in session.trainees, x.university == t.university))\n"
                     "          <= min(u in session.trainees, count(y in session.trainees, y.university == u.university)) + 1\n"
                     "  message fr \"m\" en \"m\"\n";
  auto balanced = run_snippet(rule, "kind: session\nid: S\ncourse: C\ntrainees:\n  - {id: a, university: U}\n"
                                    "  - {id: b, university: V}\n  - {id: c, university: U}\n");
  CHECK(balanced.findings.empty());  // 2 and 1
  auto unbalanced = run_snippet(rule, "kind: session\nid: S\ncourse: C\ntrainees:\n  - {id: a, university: U}\n"
                                      "  - {id: b, university: V}\n  - {id: c, university: U}\n  - {id: d, university: U}\n");
  CHECK(unbalanced.findings.size() == 1);  // 3 and 1
  auto empty = run_snippet(rule, "kind: session\nid: S\ncourse: C\ntrainees: []\n");
  REQUIRE(empty.findings.size() == 1);
  CHECK(empty.findings[0].find("undecided") != std::string::npos);
}
