// SPDX-License-Identifier: Apache-2.0
// Record loading: positions for YAML, JSON and JSON Lines; schema validation; hostile input.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "engine/record/loader.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/snippets.hpp"

using namespace cadre;
using testing::run_snippet;

namespace {

const char* kDurationRule = R"(rule D on course
  title fr "t" en "t"
  severity error
  require course.workload_hours <= 30
  message fr "m" en "m"
)";

std::vector<std::string> load(const std::string& path, const std::string& text, std::size_t* count = nullptr) {
  SourceManager sources;
  Diagnostics diagnostics;
  FileId id = sources.add(path, text);
  auto records = record::load_records(sources, id, diagnostics);
  if (count) *count = records.size();
  std::vector<std::string> out;
  for (const auto& d : diagnostics.items()) {
    auto p = sources.file(d.span.file).position(d.span.begin);
    out.push_back(fmt::format("{} {}:{}", diag_info(d.code).code, p.line, p.column));
  }
  return out;
}

}  // namespace

TEST_CASE("loader: schema violations are positioned errors", "[loader]") {
  auto run = run_snippet(kDurationRule, R"(kind: course
id: C1
title: "t"
producer: { university: "U", expert: { role: "x" } }
workload_hours: "vingt"
modality: distance
calendar: { start: 2025-02-30 }
assessment: { duration: 2h, supervision: proctored }
wrkload: 3
)");
  CHECK(run.diagnostics == std::vector<std::string>{
                               "E0302 4:30",   // expert.name missing
                               "E0303 5:17",   // quoted string for a number
                               "E0304 7:20",   // 30 February
                               "E0309 8:25",   // not an ISO duration
                               "E0310 8:42",   // not a supervision value
                               "W0306 9:1",    // unknown field, with a suggestion
                           });
  CHECK(run.text.find("did you mean `workload_hours`?") != std::string::npos);
  CHECK(run.text.find("did you mean `proctored_online`?") != std::string::npos);
  REQUIRE(run.result.records.size() == 1);
  // Each error is about its field: the record is judged on the rest, and the rule reading
  // the unreadable workload is undecided rather than silent.
  CHECK(run.result.records[0].status == report::RecordStatus::Status::Fail);
  CHECK(run.findings == std::vector<std::string>{"D 5:17 /workload_hours undecided"});
  CHECK(run.result.records[0].unreadable ==
        std::vector<std::string>{"/producer/expert/name", "/workload_hours", "/calendar/start",
                                 "/assessment/duration", "/assessment/supervision"});
}

TEST_CASE("loader: missing required fields and unknown kinds", "[loader]") {
  auto run = run_snippet(kDurationRule, "kind: course\nid: C1\ntitle: \"t\"\nmodality: hybrid\n---\nkind: cours\nid: X\n---\nid: Y\n");
  CHECK(run.diagnostics == std::vector<std::string>{"E0302 1:1", "E0302 1:1", "E0307 6:1", "E0307 9:1"});
  CHECK(run.text.find("required field `producer` is missing") != std::string::npos);
  CHECK(run.text.find("did you mean `course`?") != std::string::npos);
}

TEST_CASE("loader: YAML syntax errors and duplicate keys", "[loader]") {
  CHECK(load("a.yaml", "kind: course\nid: [1, 2\n") == std::vector<std::string>{"E0301 3:1"});
  CHECK(load("a.yaml", "kind: course\nid: a\nid: b\n") == std::vector<std::string>{"E0305 3:1"});
  CHECK(load("a.yaml", "kind: course\n  bad indent: x\n").size() == 1);
}

TEST_CASE("loader: JSON and JSON Lines keep line and column", "[loader]") {
  std::size_t n = 0;
  CHECK(load("a.json", "{\"kind\": \"course\", \"id\": \"a\"}", &n).empty());
  CHECK(n == 1);
  CHECK(load("a.jsonl", "{\"kind\": \"course\", \"id\": \"a\"}\n\n{\"kind\": \"course\", \"id\": \"b\"}\n", &n).empty());
  CHECK(n == 2);
  CHECK(load("a.jsonl", "{\"kind\": \"course\"}\n{\"kind\": \"course\", \"id\": \"a\"\n") ==
        std::vector<std::string>{"E0301 2:29"});
}

TEST_CASE("loader: several YAML documents per file", "[loader]") {
  std::size_t n = 0;
  CHECK(load("a.yaml", "kind: course\nid: a\n---\nkind: course\nid: b\n---\n", &n).empty());
  CHECK(n == 2);
}

TEST_CASE("loader: hostile files get a diagnostic, not a crash", "[loader]") {
  std::string deep = "kind: course\nid: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  CHECK(load("a.yaml", deep) == std::vector<std::string>{"E0308 2:69"});
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c, ++prev)
    bomb += fmt::format("{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n", c, c, prev, prev, prev, prev,
                        prev, prev, prev, prev, prev, prev);
  auto diagnostics = load("bomb.yaml", "kind: course\n" + bomb);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].rfind("E0308", 0) == 0);
  std::string big(17u << 20, ' ');
  CHECK(load("big.yaml", big) == std::vector<std::string>{"E0308 1:1"});
}

TEST_CASE("loader: a malformed file on which yaml-cpp's own loader runs away is bounded", "[loader]") {
  // Found by fuzzing (tests/fuzz/fuzz_records): YAML::LoadAll allocates without end on it. Its
  // trigger is a byte sequence that is not UTF-8, which the loader now rejects before
  // yaml-cpp sees it (with valid UTF-8 in its place, yaml-cpp reads the file normally).
  std::string text = cadre::testing::read_file(cadre::testing::source_dir() + "/fixtures/records/hostile/yaml-cpp-runaway.yaml");
  REQUIRE(text.size() > 1000);
  CHECK(load("runaway.yaml", text) == std::vector<std::string>{"E0301 41:2"});
}

TEST_CASE("loader: positions after accented text and a byte order mark are exact", "[loader]") {
  // libyaml counts characters and skips the mark; the loader keeps byte offsets, and lines
  // and columns (in characters) come from them.
  CHECK(load("a.yaml", "kind: course\ntitle: \"Élaboré à Créteil\"\nid: a\nid: b\n") ==
        std::vector<std::string>{"E0305 4:1"});
  CHECK(load("a.yaml", "kind: course\ntitle: \"œuvre\"  # é\nid: [« x », \"y\"\n") ==
        std::vector<std::string>{"E0301 4:1"});
  CHECK(load("a.yaml", "\xEF\xBB\xBFkind: course\nid: a\nid: b\n") == std::vector<std::string>{"E0305 3:1"});
  // yaml-cpp counted from after the mark: it put this duplicate at 2:4, three bytes early.
  CHECK(load("a.yaml", "\xEF\xBB\xBFid: !!binary aGk=\n").front() == "E0301 1:5");
  CHECK(load("a.yaml", "\xEF\xBB\xBFkind: course\ntitle: é\nx: !!binary aGk=\n") == std::vector<std::string>{"E0301 3:4"});
}

TEST_CASE("loader: anchors, aliases and their failures", "[loader]") {
  std::size_t n = 0;
  CHECK(load("a.yaml", "kind: course\nid: &i a\ntitle: *i\n", &n).empty());
  CHECK(n == 1);
  // An alias to no anchor is a syntax error at the alias, not a silent null.
  CHECK(load("a.yaml", "kind: course\nid: a\ntitle: *nowhere\n") == std::vector<std::string>{"E0301 3:8"});
  // A name given again rebinds (YAML 1.2 §3.2.2.2): the later anchor is the one used.
  CHECK(load("a.yaml", "kind: course\nid: &i a\ntitle: &i b\nx: *i\n").empty());
}

TEST_CASE("loader: characters YAML does not allow are refused where they are", "[loader]") {
  // Control characters other than tab, LF and CR (and DEL, and C1 controls) are not YAML.
  CHECK(load("a.yaml", "kind: course\nid: \"a\x01\"\n") == std::vector<std::string>{"E0301 2:7"});
  CHECK(load("a.yaml", "kind: course\nid: a\x7F\n") == std::vector<std::string>{"E0301 2:6"});
}

TEST_CASE("loader: line breaks only YAML 1.1 knows are refused where they are", "[loader]") {
  // libyaml would read `title` as a field of its own; an editor shows one line.
  CHECK(load("a.yaml", "kind: course\nid: a\xC2\x85title: b\n") == std::vector<std::string>{"E0301 2:6"});
  CHECK(load("a.yaml", "kind: course\nid: \"a\xE2\x80\xA8\"\n") == std::vector<std::string>{"E0301 2:7"});
  CHECK(load("a.json", "{\"kind\": \"course\", \"id\": \"a\xE2\x80\xA8\"}").empty());  // JSON: a character like any other
}
