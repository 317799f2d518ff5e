// SPDX-License-Identifier: Apache-2.0
// Parser tests: table-driven, against the AST printer (cel-cpp style), and error cases
// asserting diagnostic codes and positions rather than prose.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "dsl/ast_printer.hpp"
#include "dsl/parse.hpp"

using namespace cadre;

namespace {

struct Parsed {
  std::optional<ast::Module> module;
  std::vector<std::string> diagnostics;  // `CODE line:col`
  SourceManager sources;
};

std::unique_ptr<Parsed> parse_text(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  Diagnostics diagnostics;
  ast::NodeId next = 1;
  FileId id = p->sources.add("test.cadre", text);
  p->module = dsl::parse(p->sources, id, diagnostics, next);
  diagnostics.sort(p->sources);
  for (const auto& d : diagnostics.items()) {
    auto pos = p->sources.file(d.span.file).position(d.span.begin);
    p->diagnostics.push_back(fmt::format("{} {}:{}", diag_info(d.code).code, pos.line, pos.column));
  }
  return p;
}

std::string parse_expr(const std::string& expr) {
  auto p = parse_text("const x = " + expr + "\n");
  if (!p->diagnostics.empty()) return "error " + p->diagnostics.front();
  REQUIRE(p->module);
  REQUIRE(p->module->constants.size() == 1);
  return dsl::print_expr(*p->module->constants[0].value);
}

}  // namespace

TEST_CASE("parser: expressions print as their AST", "[parser]") {
  struct Case {
    const char* input;
    const char* ast;
  };
  const Case cases[] = {
      {"1 + 2 * 3", "(+ 1 (* 2 3))"},
      {"(1 + 2) * 3", "(* (+ 1 2) 3)"},
      {"10 - 4 - 3", "(- (- 10 4) 3)"},
      {"-3 - -2", "(- (- 3) (- 2))"},
      {"a and b or c", "(or (and (path a) (path b)) (path c))"},
      {"a or b and c", "(or (path a) (and (path b) (path c)))"},
      {"not a and b", "(and (not (path a)) (path b))"},
      {"not not a", "(not (not (path a)))"},
      {"a implies b or c", "(implies (path a) (or (path b) (path c)))"},
      {"x between 1 and 2 and y", "(and (between (path x) 1 2) (path y))"},
      {"x between a + 1 and b * 2", "(between (path x) (+ (path a) 1) (* (path b) 2))"},
      {"x not in [1, 2]", "(not in (path x) [1 2])"},
      {"x in []", "(in (path x) [])"},
      {"s matches \"^J[0-9]+$\"", "(matches (path s) \"^J[0-9]+$\")"},
      {"course.assessment.type == \"x\"", "(== (path course.assessment.type) \"x\")"},
      {"a.in.not", "(path a.in.not)"},
      {"count(a in xs, a.h >= 1)", "(call count (in (path a) (path xs)) (>= (path a.h) 1))"},
      {"present(course.ects)", "(call present (path course.ects))"},
      {"today()", "(call today)"},
      {"2024-01-31", "(date 2024-01-31)"},
      {"2024-01-31T18:30", "(date 2024-01-31T18:30)"},
      {"PT1H30M", "(duration PT1H30M)"},
      {"1.5", "1.5"},
      {"true != false", "(!= true false)"},
      {"\"a\\\"b\" \"c\"", "\"a\\\"bc\""},
      {"x <= 3 or x >= 5", "(or (<= (path x) 3) (>= (path x) 5))"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    CHECK(parse_expr(c.input) == c.ast);
  }
}

TEST_CASE("parser: nodes carry their source positions", "[parser]") {
  auto p = parse_text("const x =\n  a.b between 1 and (c + 2)\n");
  REQUIRE(p->module);
  CHECK(dsl::print_expr(*p->module->constants[0].value, &p->sources) ==
        "(between (path a.b)@2:3 1@2:15 (+ (path c)@2:22 2@2:26)@2:21)@2:3");
}

TEST_CASE("parser: a rule with every clause", "[parser]") {
  auto p = parse_text(R"(rule DFCU-8.1-duration on course
  title fr "Durée" en "Duration"
  cite "§8.1", "§14"   qualiopi 1, 6   severity warning
  from 2024-01-01 until 2026-12-31
  when course.modality == "distance"
  require course.workload_hours between min_hours and max_hours
    otherwise fr "{course.workload_hours} h" en "{course.workload_hours} hours"
  require true
  message fr "a {{b}} {1 + 2}" en "x"
)");
  REQUIRE(p->diagnostics.empty());
  REQUIRE(p->module);
  CHECK(dsl::print_module(*p->module) == R"(rule DFCU-8.1-duration on course severity warning
  title en "Duration"
  title fr "Durée"
  cite "§8.1" "§14"
  qualiopi 1 6
  from 2024-01-01
  until 2026-12-31
  when (== (path course.modality) "distance")
  require (between (path course.workload_hours) (path min_hours) (path max_hours))
    otherwise en (template {(path course.workload_hours)} " hours")
    otherwise fr (template {(path course.workload_hours)} " h")
  require true
  message en (template "x")
  message fr (template "a {b} " {(+ 1 2)})
)");
}

TEST_CASE("parser: schemas with nested, list and enum types", "[parser]") {
  auto p = parse_text(R"(record course "doc" {
  id: string
  ects?: number "credits"
  modality: enum(distance, hybrid)
  brand?: enum("Micro-C", "MC")
  activities?: list of { id: string, hours: number }
  calendar?: calendar
}
type calendar { start?: date }
)");
  REQUIRE(p->diagnostics.empty());
  CHECK(dsl::print_module(*p->module) == R"(record course "doc"
  id: string
  ects?: number "credits"
  modality: (enum "distance" "hybrid")
  brand?: (enum "Micro-C" "MC")
  activities?: (list {id: string hours: number})
  calendar?: calendar
type calendar
  start?: date
)");
}

TEST_CASE("parser: fields may declare synonyms", "[parser]") {
  // A field named `synonyms` still parses; a field after the last synonym is not one.
  auto p = parse_text(R"(record certificate {
  expires?: date "expiry" synonyms "valid_until", "expiry", course: string
  issued?: date synonyms "validFrom"
  synonyms: string
}
)");
  REQUIRE(p->diagnostics.empty());
  CHECK(dsl::print_module(*p->module) == R"(record certificate
  expires?: date "expiry" synonyms "valid_until", "expiry"
  course: string
  issued?: date synonyms "validFrom"
  synonyms: string
)");
}

TEST_CASE("parser: fields, records and types carry descriptions in French and English", "[parser]") {
  // `doc` then languages, as a rule's title; a field named `doc` still parses; the older
  // plain string is kept, in no stated language.
  auto p = parse_text(R"(record course
  doc fr "Une proposition" en "A proposal" {
  id: string
    doc fr "identifiant" en "id"
    synonyms "code"
  doc?: string doc en "a field named doc"
  ects?: number "credits"
  approval?: { decision: string doc fr "décision" en "decision" } doc fr "avis" en "approval"
}
type activity "plain" { hours: number }
)");
  REQUIRE(p->diagnostics.empty());
  CHECK(dsl::print_module(*p->module) == R"(record course doc en "A proposal" fr "Une proposition"
  id: string doc en "id" fr "identifiant" synonyms "code"
  doc?: string doc en "a field named doc"
  ects?: number "credits"
  approval?: {decision: string doc en "decision" fr "décision"} doc en "approval" fr "avis"
type activity "plain"
  hours: number
)");
  const auto& course = p->module->records.at(0);
  CHECK(ast::text_in(course.fields.at(0).doc, "fr") == "identifiant");
  CHECK(ast::text_in(course.fields.at(2).doc, "fr") == "credits");  // the plain string, in any language
  // The clause's position: line 4, column 5 (`doc fr ...` of `id`).
  auto at = p->sources.file(course.fields.at(0).doc_span.file).position(course.fields.at(0).doc_span.begin);
  CHECK(fmt::format("{}:{}", at.line, at.column) == "4:5");
}

TEST_CASE("parser: a malformed field description is a positioned diagnostic", "[parser]") {
  struct Case {
    const char* input;
    std::vector<std::string> diagnostics;
  };
  const Case cases[] = {
      // a text that is not a string
      {"record r {\n  hours: number doc fr \"h\" en 35\n}\n", {"E0001 2:31"}},
      // `doc` with no language
      {"record r {\n  hours: number doc \"hours\"\n}\n", {"E0001 2:21"}},
      // a language cadre does not know, a language given twice
      {"record r {\n  hours: number doc fr \"h\" de \"h\"\n}\n", {"E0001 2:28"}},
      {"record r {\n  hours: number doc fr \"h\" fr \"h\"\n}\n", {"E0105 2:28"}},
      {"record r doc fr \"r\" en {\n  hours: number\n}\n", {"E0001 1:24"}},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    CHECK(parse_text(c.input)->diagnostics == c.diagnostics);
  }
}

TEST_CASE("parser: errors have codes and positions", "[parser]") {
  struct Case {
    const char* input;
    std::vector<std::string> diagnostics;
  };
  const Case cases[] = {
      {"rule A on course\n  severity fatal\n", {"E0001 2:12"}},
      {"const x = 1 +\n", {"E0001 2:1"}},
      {"const x = 1 < 2 < 3\n", {"E0001 1:11"}},
      {"const x = 2024-13-01\n", {"E0002 1:11"}},
      {"const x = PT2Y\n", {"E0002 1:11"}},
      {"const x = \"a\\qb\"\n", {"E0002 1:13"}},
      // Control characters (C0 and DEL) are refused where they stand; \n and \t are their escapes.
      {"const x = \"a\tb\"\n", {"E0002 1:13"}},
      {"const x = \"a\x01\x1B\x7F\"\n", {"E0002 1:13", "E0002 1:14", "E0002 1:15"}},
      {"const x = \"a\\\tb\"\n", {"E0002 1:14"}},
      {"const x = \"a\\tb\\nc\"\n", {}},
      {"rule A on course\n  title fr \"a\tb\" en \"t\"\n  severity error\n  require true\n  message fr \"m\" en \"m\"\n",
       {"E0002 2:14"}},
      {"record r {\n  hours: number doc fr \"h\x0Bh\"\n}\n", {"E0002 2:26"}},
      {"const x = \"unterminated\n", {"E0001 1:24"}},
      {"garbage here\n", {"E0001 1:1"}},
      {"rule A on course\n  title fr \"t\" en \"t\"\n  severity error\n  require true\n  message fr \"{x\" en \"y\"\n",
       {"E0003 5:15"}},
      {"rule A on course\n  title fr \"t\" en \"t\"\n  severity error\n  require true\n  message fr \"{}\" en \"y\"\n",
       {"E0003 5:16"}},
      {"rule A on course\n  title fr \"t\"\n  require true\n", {"E0104 1:6", "E0104 1:6"}},
      {"rule A on course\n  title fr \"t\" en \"t\"\n  severity error severity info\n  require true\n  message fr \"m\"\n",
       {"E0105 3:18"}},
      {"rule A on course\n  title fr \"t\" de \"t\"\n  severity error\n  require true\n  message fr \"m\"\n",
       {"E0001 2:16"}},
      {"unchecked A on course\n  title fr \"t\"\n  require true\n", {"E0104 1:11", "E0001 3:3"}},
      {"disable X-1\n", {"E0001 2:1"}},
      {"override x = 1\n", {"E0001 1:10"}},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    CHECK(parse_text(c.input)->diagnostics == c.diagnostics);
  }
}

TEST_CASE("parser: a NUL inside a string literal is refused at its position", "[parser]") {
  std::string text = "const x = \"a";
  text += '\0';
  text += "b\"\n";
  CHECK(parse_text(text)->diagnostics == std::vector<std::string>{"E0002 1:13"});
}

TEST_CASE("parser: one broken declaration does not hide the next ones", "[parser]") {
  auto p = parse_text(R"(rule A on course
  severity fatal
  require "message {with braces}"

rule B on course
  title fr "b" en "b"
  severity error
  require course.x ==
  message fr "b"

rule C on course
  title fr "c" en "c"
  severity info
  require true
  message fr "c"
)");
  CHECK(p->diagnostics == std::vector<std::string>{"E0001 2:12", "E0001 9:3"});
  REQUIRE(p->module);
  REQUIRE(p->module->rules.size() == 1);
  CHECK(p->module->rules[0].id == "C");
}

TEST_CASE("parser: hostile nesting is a diagnostic, not a crash", "[parser]") {
  std::string deep = "const x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\n";
  // E0004 is placed where the parser's stack budget ran out: inside the brackets, at a
  // column that depends on the compiler's frame sizes (and sanitizers), so only its line and
  // the token there are asserted.
  auto column_of = [](const std::string& diagnostic) { return std::stoul(diagnostic.substr(diagnostic.rfind(':') + 1)); };
  auto p = parse_text(deep);
  REQUIRE(p->diagnostics.size() == 1);
  CHECK(p->diagnostics[0].starts_with("E0004 1:"));
  CHECK(deep[column_of(p->diagnostics[0]) - 1] == '(');
  std::string nots = "const x = ";
  for (int i = 0; i < 50000; ++i) nots += "not ";
  auto q = parse_text(nots + "true\n");
  REQUIRE(q->diagnostics.size() == 1);
  CHECK(q->diagnostics[0].starts_with("E0004 1:"));
  CHECK(nots.substr(column_of(q->diagnostics[0]) - 1, 4) == "not ");
}
