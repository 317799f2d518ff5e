// SPDX-License-Identifier: Apache-2.0
// Issue 10, "no input crashes or hangs cadre": operator chains of any length, any byte in a
// rule file, files over the size limit, and the YAML that made yaml-cpp loop. Each gets a
// positioned diagnostic naming its cause; the fuzz regression corpus (fuzz_replay_test.cpp)
// covers what the fuzzers found.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <fmt/format.h>

#include "dsl/ast_printer.hpp"
#include "dsl/cst.hpp"
#include "dsl/parse.hpp"
#include "engine/base/bounded_read.hpp"
#include "engine/record/loader.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre;
namespace fs = std::filesystem;

namespace {

struct Parsed {
  std::optional<ast::Module> module;
  std::vector<std::string> diagnostics;  // `CODE line:col message`
};

Parsed parse_text(const std::string& text) {
  Parsed p;
  SourceManager sources;
  Diagnostics diagnostics;
  ast::NodeId next = 1;
  FileId id = sources.add("hostile.cadre", text);
  p.module = dsl::parse(sources, id, diagnostics, next);
  diagnostics.sort(sources);
  for (const auto& d : diagnostics.items()) {
    auto pos = sources.file(d.span.file).position(d.span.begin);
    p.diagnostics.push_back(fmt::format("{} {}:{} {}", diag_info(d.code).code, pos.line, pos.column, d.message));
  }
  return p;
}

/// `const x = 1 OP 1 OP 1 ...` with `count` operators; `refused_at` gets the 1-based column
/// of the operand after the first operator past the bound.
std::string chain(const std::string& op, std::size_t count, std::size_t* refused_at = nullptr) {
  std::string text = "const x = 1";
  for (std::size_t i = 1; i <= count; ++i) {
    text += " " + op + " ";
    if (i == dsl::kMaxExpressionDepth + 1 && refused_at) *refused_at = text.size() + 1;
    text += "1";
  }
  return text + "\n";
}

/// A scratch directory under the build's temp dir, removed at the end of the test.
struct ScratchDir {
  fs::path path;
  explicit ScratchDir(const std::string& name)
      : path(fs::temp_directory_path() / fmt::format("cadre-hostile-{}-{}", name, ::getpid())) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchDir() { fs::remove_all(path); }
};

const char* kPackHeader = "pack hostile\n  version \"0.1\"\n  effective 2025-01-01\n\nuse dfcu-2023\n\n";

}  // namespace

TEST_CASE("hostile: 100,000 chained operators get a positioned E0004, not a stack overflow", "[hostile]") {
  // Lowering recursed once per operator: ~10,000 `and` crashed check, parse and lint.
  for (std::string op : {"and", "or", "+", "-", "*", "/", "==", "<", "in", "matches"}) {
    INFO(op);
    std::size_t at = 0;
    auto parsed = parse_text(chain(op, 100'000, &at));
    CHECK_FALSE(parsed.module);
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0] ==
          fmt::format("E0004 1:{} expression too deep here: more than 1000 levels of operators", at));
  }
  // Fields of a call's result fold the same way.
  std::string members = "const x = f(1)";
  for (int i = 0; i < 100'000; ++i) members += ".a";
  auto parsed = parse_text(members + "\n");
  REQUIRE(parsed.diagnostics.size() == 1);
  CHECK(parsed.diagnostics[0].starts_with("E0004 1:"));
}

TEST_CASE("hostile: deep nesting of brackets, not, minus and list types gets a positioned E0004", "[hostile]") {
  for (std::string open : {"(", "[", "not ", "-"}) {
    INFO(open);
    std::string text = "const x = ";
    for (int i = 0; i < 100'000; ++i) text += open;
    auto parsed = parse_text(text + "1\n");
    REQUIRE(parsed.diagnostics.size() == 1);
    CHECK(parsed.diagnostics[0].starts_with("E0004 1:"));
    CHECK(parsed.diagnostics[0].ends_with("nested past what the parser allows"));
  }
  std::string types = "record r {\n  f: ";
  for (int i = 0; i < 100'000; ++i) types += "list of ";
  auto parsed = parse_text(types + "string\n}\n");
  REQUIRE(parsed.diagnostics.size() == 1);
  CHECK(parsed.diagnostics[0].starts_with("E0004 2:"));
}

TEST_CASE("hostile: an operator chain at the bound goes through every pass of check, lint and parse", "[hostile]") {
  // The bound is on the tree, so the recursive passes after the parser (lowering, checker,
  // compiler, evaluator, AST printer, lint, destructors) all see at most this depth.
  ScratchDir dir("chain");
  std::string sum = "course.workload_hours";
  for (std::uint32_t i = 0; i < dsl::kMaxExpressionDepth - 2; ++i) sum += "\n  + 0";
  std::string all = "true";
  for (std::uint32_t i = 0; i < dsl::kMaxExpressionDepth - 1; ++i) all += "\n  and true";
  testing::write_file((dir.path / "pack.cadre").string(),
             std::string(kPackHeader) + "rule LOCAL-sum on course\n  title fr \"s\" en \"s\"\n  severity error\n"
             "  require " + sum + " > 1000\n  message fr \"m\" en \"m\"\n\n"
             "rule LOCAL-all on course\n  title fr \"a\" en \"a\"\n  severity error\n"
             "  require " + all + "\n  message fr \"m\" en \"m\"\n");
  auto check = testing::run_cadre(fmt::format("check --rules {} --as-of 2025-06-01 --format json fixtures/courses/valid",
                                              dir.path.string()));
  CHECK(check.exit_code == 1);  // LOCAL-sum fails on every course; nothing crashed
  CHECK(check.out.find("\"LOCAL-sum\"") != std::string::npos);
  auto lint = testing::run_cadre(fmt::format("lint {}", dir.path.string()));
  CHECK(lint.err.find("internal error") == std::string::npos);
  CHECK(lint.exit_code <= 1);
  auto parse = testing::run_cadre(fmt::format("parse {}", (dir.path / "pack.cadre").string()));
  CHECK(parse.exit_code == 0);
  CHECK(parse.out.find("LOCAL-all") != std::string::npos);
}

TEST_CASE("hostile: a UTF-8 byte order mark starts a rule file", "[hostile]") {
  auto parsed = parse_text("\xEF\xBB\xBF" "const x = 1\n");
  CHECK(parsed.diagnostics.empty());
  REQUIRE(parsed.module);
  CHECK(parsed.module->constants.size() == 1);
}

TEST_CASE("hostile: any byte >= 0x80 outside a string is a positioned E0001 naming it", "[hostile]") {
  // Boost's standard char classes passed these bytes, as negative chars, to isalnum/isspace:
  // undefined behaviour, an assertion in debug builds. Found by fuzz_dsl in 227 executions.
  for (int byte = 0x80; byte <= 0xFF; ++byte) {
    INFO(byte);
    std::string text = "const abc";
    text += static_cast<char>(byte);
    text += " = 1\n";
    auto parsed = parse_text(text);
    REQUIRE_FALSE(parsed.diagnostics.empty());
    CHECK(parsed.diagnostics[0].starts_with(fmt::format("E0001 1:10 unexpected non-ASCII byte 0x{:02X}", byte)));
    // ... and in the whitespace the skipper reads, and in a comment (which may hold any byte).
    CHECK_FALSE(parse_text(std::string("const x = 1 ") + static_cast<char>(byte) + "\n").diagnostics.empty());
    CHECK(parse_text(std::string("# ") + static_cast<char>(byte) + "\nconst x = 1\n").diagnostics.empty());
  }
  // Accented text in strings is what strings are for.
  CHECK(parse_text("const x = \"écrit à la française\"\n").diagnostics.empty());
}

TEST_CASE("hostile: a record file over the size limit costs a stat, not a read", "[hostile]") {
  ScratchDir dir("size");
  // Sparse: 1 GB on paper, no disk blocks. Read whole it took 4.2 GB and 30-40 s.
  fs::path big = dir.path / "big.yaml";
  { std::ofstream touch(big); }
  fs::resize_file(big, 1u << 30);
  SourceManager sources;
  Diagnostics diagnostics;
  FileId id = sources.add(big.string(), {});
  CHECK_FALSE(record::read_record_file(sources, id, diagnostics));
  CHECK(sources.file(id).text().empty());
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].code == DiagCode::E0308);
  CHECK(diagnostics.items()[0].message == "the file has 1073741824 bytes; record files are limited to 16777216");
  // The same through the CLI, with the file's path.
  auto run = testing::run_cadre(fmt::format("check --as-of 2025-06-01 {}", big.string()));
  CHECK(run.exit_code == 2);
  CHECK((run.out + run.err).find(big.string() + ": error[E0308]: the file has 1073741824 bytes") != std::string::npos);
  // At the limit, the file is read.
  fs::path limit = dir.path / "limit.yaml";
  { std::ofstream out(limit); out << "kind: course\n"; }
  fs::resize_file(limit, 16u << 20);
  Diagnostics at_limit;
  FileId limit_id = sources.add(limit.string(), {});
  CHECK(record::read_record_file(sources, limit_id, at_limit));
  CHECK(sources.file(limit_id).text().size() == 16u << 20);
}

TEST_CASE("hostile: a file without a size (a device) is read no further than the limit", "[hostile]") {
  auto zeros = read_within("/dev/zero", 1000);
  CHECK(zeros.status == BoundedRead::Status::TooLarge);
  CHECK(zeros.size == 1001);
  CHECK(zeros.text.empty());
  auto missing = read_within("/nonexistent/cadre.yaml", 1000);
  CHECK(missing.status == BoundedRead::Status::Unreadable);
  CHECK(missing.reason == "No such file or directory");
}

TEST_CASE("hostile: a rule file over the size limit is refused before it is read (E0005)", "[hostile]") {
  ScratchDir dir("rules");
  fs::path big = dir.path / "big.cadre";
  { std::ofstream touch(big); }
  fs::resize_file(big, 1u << 30);
  auto run = testing::run_cadre(fmt::format("check --rules {} --as-of 2025-06-01 fixtures/courses/valid", big.string()));
  CHECK(run.exit_code == 2);
  CHECK((run.out + run.err).find(big.string() + ": error[E0005]: the rule file has 1073741824 bytes; rule files are limited to 16777216") !=
        std::string::npos);
}

TEST_CASE("hostile: a `,` outside brackets stops the YAML reader with its cause, not 1,000,000 null documents", "[hostile]") {
  // yaml-cpp 0.7 never consumes a flow-entry `,` in block context: it reports an empty
  // document at the comma and starts the next one there, for ever. `{},` was reported as
  // "alias bomb?" after 171 MB of events.
  for (std::string text : {"{},", ",", "kind: course\nid: a\n---\n,\n", "[1], ,"}) {
    INFO(text);
    SourceManager sources;
    Diagnostics diagnostics;
    FileId id = sources.add("stray.yaml", text);
    record::load_records(sources, id, diagnostics);
    // Documents before the comma are kept (`{}` and `[1]` are records without a kind, E0307).
    std::vector<const Diagnostic*> syntax;
    for (const auto& d : diagnostics.items()) {
      CHECK(d.code != DiagCode::E0308);
      if (d.code == DiagCode::E0301) syntax.push_back(&d);
    }
    REQUIRE(syntax.size() == 1);
    CHECK(syntax[0]->message == "a `,` outside `[...]` or `{...}`: a value cannot start with a comma");
    CHECK(text[syntax[0]->span.begin] == ',');
  }
}
