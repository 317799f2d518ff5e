// SPDX-License-Identifier: Apache-2.0
// The strict JSON reader behind .json, .jsonl and .jsonld records: same values and positions
// as the YAML path, RFC 8259 strictness, escapes, and bounded nesting.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "engine/record/loader.hpp"

using namespace cadre;

namespace {

struct Loaded {
  std::vector<record::Record> records;
  std::vector<std::string> diagnostics;  // "CODE line:column message"
};

Loaded load(const std::string& path, const std::string& text) {
  SourceManager sources;
  Diagnostics diagnostics;
  FileId id = sources.add(path, text);
  Loaded out;
  out.records = record::load_records(sources, id, diagnostics);
  for (const auto& d : diagnostics.items()) {
    auto p = sources.file(d.span.file).position(d.span.begin);
    out.diagnostics.push_back(fmt::format("{} {}:{} {}", diag_info(d.code).code, p.line, p.column, d.message));
  }
  return out;
}

}  // namespace

TEST_CASE("json reader: values, kinds and positions match the YAML reading", "[loader][json]") {
  std::string text = "{\"kind\": \"course\", \"id\": \"C1\", \"hours\": 21.5, \"on\": true, \"none\": null,\n"
                     " \"list\": [1, \"2\", {\"a\": -3e2}]}";
  auto json = load("a.json", text);
  auto yaml = load("a.yaml", text);  // JSON is YAML too: the two readings must agree
  REQUIRE(json.diagnostics.empty());
  REQUIRE(json.records.size() == 1);
  REQUIRE(yaml.records.size() == 1);
  std::function<void(const record::Value&, const record::Value&)> same = [&](const record::Value& a, const record::Value& b) {
    CHECK(a.kind == b.kind);
    CHECK(a.text == b.text);
    CHECK(a.quoted == b.quoted);
    CHECK(a.key == b.key);
    CHECK(a.offset == b.offset);
    CHECK(a.key_offset == b.key_offset);
    REQUIRE(a.children.size() == b.children.size());
    for (std::size_t i = 0; i < a.children.size(); ++i) same(a.children[i], b.children[i]);
  };
  same(*json.records[0].root, *yaml.records[0].root);
  CHECK(json.records[0].kind == "course");
  CHECK(json.records[0].id == "C1");
}

TEST_CASE("json reader: escapes, surrogate pairs and a byte order mark", "[loader][json]") {
  auto r = load("a.json", "\xEF\xBB\xBF{\"kind\": \"course\", \"t\": \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83c\\udf93\"}");
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].root->get("t")->text == "a\"b\\c/d\n\xC3\xA9\xF0\x9F\x8E\x93");
}

TEST_CASE("json reader: what RFC 8259 forbids is an error at its place", "[loader][json]") {
  using V = std::vector<std::string>;
  CHECK(load("a.json", "{\"kind\": \"course\",}").diagnostics == V{"E0301 1:19 expected a key in double quotes"});
  CHECK(load("a.json", "{'kind': 'course'}").diagnostics == V{"E0301 1:2 expected a key in double quotes"});
  CHECK(load("a.json", "{\"kind\": \"course\"} {}").diagnostics == V{"E0301 1:20 unexpected text after the JSON value"});
  CHECK(load("a.json", "{\"kind\": \"course\", \"n\": 01}").diagnostics == V{"E0301 1:26 expected `,` or `}` in this object"});
  CHECK(load("a.json", "{\"kind\": \"course\", \"n\": .5}").diagnostics == V{"E0301 1:25 unexpected `.`: expected a JSON value"});
  CHECK(load("a.json", "{\"kind\": \"co\turse\"}").diagnostics == V{"E0301 1:13 a control character must be escaped in a string"});
  CHECK(load("a.json", "{\"kind\": \"c\\x\"}").diagnostics == V{"E0301 1:12 `\\x` is not a JSON escape"});
  CHECK(load("a.json", "{\"kind\": \"\\ud83c\"}").diagnostics == V{"E0301 1:11 a high surrogate must be followed by a low one"});
  CHECK(load("a.json", "{\"kind\": \"course\"").diagnostics == V{"E0301 1:18 expected `,` or `}` in this object"});
  CHECK(load("a.json", "").diagnostics == V{"E0301 1:1 a value is missing at the end of the text"});
}

TEST_CASE("json reader: duplicate keys and deep nesting keep the loader's diagnostics", "[loader][json]") {
  auto dup = load("a.json", "{\"kind\": \"course\", \"id\": \"a\", \"id\": \"b\"}");
  REQUIRE(dup.diagnostics.size() == 1);
  CHECK(dup.diagnostics[0].rfind("E0305 1:31", 0) == 0);
  REQUIRE(dup.records.size() == 1);
  // The key is ambiguous, not the record: its first value is marked, the second dropped.
  CHECK(dup.records[0].valid);
  REQUIRE(dup.records[0].root->get("id"));
  CHECK(dup.records[0].root->get("id")->unreadable == record::Unreadable::DuplicateKey);
  std::string deep = "{\"kind\": \"course\", \"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto nested = load("a.jsonl", deep);
  REQUIRE(nested.diagnostics.size() == 1);
  CHECK(nested.diagnostics[0].rfind("E0308", 0) == 0);
}

TEST_CASE("json reader: a JSON Lines error names its line and the other lines still load", "[loader][json]") {
  auto r = load("a.jsonl", "{\"kind\": \"course\", \"id\": \"a\"}\n{\"kind\": [}\n{\"kind\": \"course\", \"id\": \"b\"}\n");
  CHECK(r.diagnostics == std::vector<std::string>{"E0301 2:11 unexpected `}`: expected a JSON value"});
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[1].id == "b");
}

TEST_CASE("loader: text that is not UTF-8 is one positioned error, in YAML and in JSON", "[loader][json]") {
  using V = std::vector<std::string>;
  CHECK(load("a.yaml", "kind: course\nid: \"UC-\xE9\"\n").diagnostics ==
        V{"E0301 2:9 byte 0xE9 is not UTF-8"});
  CHECK(load("a.json", "{\"kind\": \"caf\xE9\"}").diagnostics == V{"E0301 1:14 byte 0xE9 is not UTF-8"});
  CHECK(load("a.json", "{\"kind\": \"\xED\xA0\x80\"}").diagnostics == V{"E0301 1:11 byte 0xED is not UTF-8"});  // a surrogate
  CHECK(load("a.json", "{\"kind\": \"\xC0\xAF\"}").diagnostics == V{"E0301 1:11 byte 0xC0 is not UTF-8"});      // overlong
  // A JSON Lines file: the bad line only.
  auto lines = load("a.jsonl", "{\"kind\": \"course\", \"id\": \"a\"}\n\xE9\n{\"kind\": \"course\", \"id\": \"b\"}\n");
  CHECK(lines.diagnostics == V{"E0301 2:1 byte 0xE9 is not UTF-8"});
  CHECK(lines.records.size() == 2);
  // A character outside ASCII in a message is shown whole.
  CHECK(load("a.json", "{\"kind\": é}").diagnostics == V{"E0301 1:10 unexpected `é`: expected a JSON value"});
}

TEST_CASE("json reader: nesting is bounded as in YAML, and JSON Lines count each line alone", "[loader][json]") {
  auto nested = [](int n) { return "{\"kind\": \"course\", \"x\": " + std::string(n, '[') + "1" + std::string(n, ']') + "}"; };
  CHECK(load("a.json", nested(63)).diagnostics.empty());  // 64 containers, as YAML allows
  CHECK(load("a.yaml", nested(63)).diagnostics.empty());
  auto deep = load("a.json", nested(64));
  REQUIRE(deep.diagnostics.size() == 1);
  CHECK(deep.diagnostics[0].rfind("E0308", 0) == 0);
  // 65 lines that leave a bracket open, then a good line: 65 syntax errors, and the good line read.
  std::string text;
  for (int i = 0; i < 65; ++i) text += "{\"kind\": \"transcript\", \"credentials\": [\n";
  text += "{\"kind\": \"course\", \"id\": \"ok\"}\n";
  auto lines = load("a.jsonl", text);
  CHECK(lines.diagnostics.size() == 65);
  REQUIRE(lines.records.size() == 1);
  CHECK(lines.records[0].id == "ok");
}

TEST_CASE("json reader: a bad \\u escape is reported at its backslash", "[loader][json]") {
  using V = std::vector<std::string>;
  CHECK(load("a.json", "{\"kind\": \"a\\uZZZZ\"}").diagnostics == V{"E0301 1:12 `\\u` needs four hexadecimal digits"});
  CHECK(load("a.json", "{\"kind\": \"\\udc00\"}").diagnostics == V{"E0301 1:11 a low surrogate without a high one"});
}

TEST_CASE("loader: the value budget is the whole JSON Lines file's, reported once", "[loader][json]") {
  SourceManager sources;
  Diagnostics diagnostics;
  std::string text;
  for (int i = 0; i < 10; ++i) text += "{\"kind\": \"course\", \"list\": [1, 2, 3, 4, 5]}\n";  // 9 values a line
  FileId id = sources.add("a.jsonl", text);
  record::LoadLimits limits;
  limits.max_values = 40;
  auto records = record::load_records(sources, id, diagnostics, limits);
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].code == DiagCode::E0308);
  CHECK(sources.file(id).position(diagnostics.items()[0].span.begin).line == 5);  // 45 values by then
  CHECK(records.size() == 4);
}
