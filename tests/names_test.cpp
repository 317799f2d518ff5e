// SPDX-License-Identifier: Apache-2.0
// Names of universities as records write them (issue 11): the comparison key (ICU), the
// table built-ins of the language, and messages that name the item a quantifier stopped at.
#include <catch2/catch.hpp>

#include "engine/base/name_fold.hpp"
#include "tests/support/snippets.hpp"

using namespace cadre;
using testing::run_snippet;

namespace {

const char* kCourse = R"(kind: course
id: C1
title: "T"
producer: { university: "Universite du  LITTORAL cote d'Opale" }
participants:
  - { university: "Université Toulouse III – Paul Sabatier" }
  - { university: "Université de Toulouse 3 - Paul Sabatier" }
  - { university: "Universitat de Barcelona" }
workload_hours: 10
modality: distance
activities:
  - { id: J1, hours: 4 }
  - { id: J2, hours: 0 }
)";

const char* kTable = R"(const unis = [
  ["0595964M", "Université du Littoral Côte d’Opale", "Université Littoral Côte d’Opale"],
  ["0311384L", "Université Toulouse III – Paul Sabatier", "Université Toulouse 3"],
  ["0597239Y", "Université de Lille"]
]
)";

std::vector<std::string> messages(const std::string& require, const std::string& message) {
  std::string rule = std::string(kTable) + "rule R on course\n  title fr \"t\" en \"t\"\n  severity error\n  require " +
                     require + "\n  message fr \"" + message + "\" en \"" + message + "\"\n";
  auto run = run_snippet(rule, kCourse);
  INFO(run.text);
  REQUIRE(run.diagnostics.empty());
  return run.messages;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("names: the comparison key folds what spelling varies", "[names]") {
  // The seeds' own spellings: typographic apostrophe, en dash, accents.
  CHECK(name_key("Université Littoral Côte d’Opale") == name_key("universite littoral cote d'opale"));
  CHECK(name_key("Université Toulouse III – Paul Sabatier") == name_key("Universite Toulouse III - Paul Sabatier"));
  CHECK(name_key("Université de Perpignan-Via Domitia") == name_key("Université de Perpignan Via Domitia"));
  // Decomposed accents (NFD, as macOS writes file names) and no-break spaces.
  CHECK(name_key("Universite\xCC\x81 de Ni\xCC\x82mes") == name_key("Université de Nîmes"));
  CHECK(name_key("Université\xC2\xA0" "de\xE2\x80\xAF" "Lille ") == name_key("université de lille"));
  CHECK(name_key("  Le Mans   Université") == "le mans universite");
  // Different words stay different.
  CHECK(name_key("Université de Rennes") != name_key("Université de Rennes 2"));
  // Invalid UTF-8 is left as it is, never guessed at.
  CHECK(name_key("\xFF\xFE") == "\xFF\xFE");
}

TEST_CASE("names: row_key finds a row by id or name or alias", "[names]") {
  CHECK(messages("row_key(unis, course.producer.university) == \"\"", "{row_key(unis, course.producer.university)}") ==
        Lines{"0595964M"});
  CHECK(messages("row_key(unis, \"0311384l\") == \"\"", "m") == Lines{"m"});       // ids compare like names
  CHECK(messages("row_key(unis, \"Université Toulouse 3\") == \"0311384L\"", "m").empty());
  CHECK(messages("row_key(unis, \"Université de Bordeaux\") == \"\"", "m").empty());  // not a member: ""
  // The first present value is the one looked up: an id beside a name.
  CHECK(messages("row_key(unis, course.producer.uai, course.producer.university) == \"0595964M\"", "m").empty());
}

TEST_CASE("names: nearest_row and mentioned_row", "[names]") {
  CHECK(messages("false", "{nearest_row(unis, \\\"Universite de Lile\\\")}") == Lines{"Université de Lille"});
  CHECK(messages("false", "{nearest_row(unis, \\\"Université Toulouse Trois\\\")}") ==
        Lines{"Université Toulouse III – Paul Sabatier"});
  CHECK(messages("mentioned_row(unis, \"Université de Lille — Direction de la formation continue\") == \"0597239Y\"", "m")
            .empty());
  CHECK(messages("mentioned_row(unis, \"Université de Lillebonne\") == \"\"", "m").empty());
  CHECK(messages("same_name(\"CY Paris Université\", \"cy paris universite\")", "m").empty());
  CHECK(messages("same_name(\"CY Paris Université\", \"CY Cergy Paris Université\")", "m") == Lines{"m"});
}

TEST_CASE("names: same_row is the same name or the same row", "[names]") {
  // The same name, spelt two ways; not in the table.
  CHECK(messages("same_row(unis, \"CY Paris Université\", \"cy paris universite\")", "m").empty());
  // A name and an alias of the same row; an id and the row's name.
  CHECK(messages("same_row(unis, \"Université Toulouse 3\", \"Université Toulouse III – Paul Sabatier\")", "m").empty());
  CHECK(messages("same_row(unis, \"0595964m\", course.producer.university)", "m").empty());
  // Two rows; two unknown names (both give "" as their row_key: not the same row).
  CHECK(messages("same_row(unis, \"Université de Lille\", \"Université Toulouse 3\")", "m") == Lines{"m"});
  CHECK(messages("same_row(unis, \"Université de Bordeaux\", \"Université de Nantes\")", "m") == Lines{"m"});
  // What it stands for gives the same answers, on every pair of the course's participants.
  CHECK(messages("all(p in course.participants, all(q in course.participants, same_row(unis, p.university, "
                 "q.university) == (same_name(p.university, q.university) or (present(row_key(unis, p.university)) "
                 "and row_key(unis, p.university) == row_key(unis, q.university)))))",
                 "m")
            .empty());
  // A missing operand leaves it undecided, as it leaves `same_name` (the producer has no uai).
  CHECK(messages("same_row(unis, course.producer.uai, \"x\")", "m") ==
        messages("same_name(course.producer.uai, \"x\")", "m"));
  CHECK(messages("same_row(unis, \"x\", course.producer.uai)", "m") ==
        messages("same_name(\"x\", course.producer.uai)", "m"));
}

TEST_CASE("names: a message names the item its quantifier stopped at", "[names][evaluator]") {
  CHECK(messages("all(a in course.activities, a.hours > 0)", "jalon {a.id} : {a.hours} h") == Lines{"jalon J2 : 0 h"});
  CHECK(messages("all(p in course.participants, row_key(unis, p.university) != \"\")",
                 "{p.university} ? {nearest_row(unis, p.university)}") ==
        Lines{"Université de Toulouse 3 - Paul Sabatier ? Université Toulouse III – Paul Sabatier"});
  CHECK(messages("unique(p in course.participants, row_key(unis, p.university))", "deux fois") == Lines{"deux fois"});
}

TEST_CASE("names: a message cannot name an item no failure decides", "[names][checker]") {
  // `some` ends on whatever item came last: its variable is not in the message's scope.
  std::string rule = "rule R on course\n  title fr \"t\" en \"t\"\n  severity error\n"
                     "  require some(a in course.activities, a.hours > 5)\n  message fr \"{a.id}\" en \"{a.id}\"\n";
  auto run = run_snippet(rule, kCourse);
  CHECK_FALSE(run.diagnostics.empty());
}
