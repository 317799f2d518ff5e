// SPDX-License-Identifier: Apache-2.0
// The pack parse cache (engine/pack/parse_cache.cpp): a warm cache gives the same syntax
// trees, node ids and diagnostics as parsing, the CLI's output is byte-identical cold, warm
// and with --no-cache, and entries that are corrupt, truncated or another binary's are
// ignored and rewritten, never trusted.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>

#include <fmt/format.h>

#include "dsl/ast_printer.hpp"
#include "dsl/parse.hpp"
#include "engine/base/sha256.hpp"
#include "engine/pack/parse_cache.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"
#include "tests/support/temp_dir.hpp"

using namespace cadre;
using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

// The entry layout the cache writes: magic (16), format (4), key (32), payload size (8),
// payload SHA-256 (32), payload.
constexpr std::size_t kChecksumAt = 16 + 4 + 32 + 8;
constexpr std::size_t kPayloadAt = kChecksumAt + 32;

/// Sets an environment variable for one scope (the CLI runs inherit it).
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(std::string n, const std::optional<std::string>& value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    if (value) ::setenv(name.c_str(), value->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
  ~ScopedEnv() {
    if (old) ::setenv(name.c_str(), old->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
};

std::vector<std::string> bundled_rule_files() {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(source_dir() + "/rules"))
    if (e.is_regular_file() && e.path().extension() == ".cadre") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

struct ParseResult {
  std::string printed;
  std::vector<std::string> diagnostics;
  ast::NodeId next_id = 0;
  std::vector<ast::NodeId> ids;  // of every rule's requirements
};

ParseResult parse_with(const std::string& cache_dir, const std::string& path, const std::string& text,
                       ast::NodeId first_id) {
  SourceManager sources;
  sources.add("padding", "");  // the module's FileId is not 0: spans must be re-based
  FileId id = sources.add(path, text);
  Diagnostics diagnostics;
  ast::NodeId next_id = first_id;
  auto module = pack::parse_cached(cache_dir, sources, id, diagnostics, next_id);
  ParseResult r;
  r.printed = module ? dsl::print_module(*module, &sources) : "(none)";
  for (const auto& d : diagnostics.items())
    r.diagnostics.push_back(fmt::format("{} {} {}:{}-{} {} | {}", static_cast<int>(d.code), static_cast<int>(d.severity),
                                        d.span.file, d.span.begin, d.span.end, d.message, d.help));
  r.next_id = next_id;
  if (module)
    for (const auto& rule : module->rules)
      for (const auto& q : rule.requirements) r.ids.push_back(q.expr ? q.expr->id : 0);
  return r;
}

void check_same(const ParseResult& a, const ParseResult& b) {
  CHECK(a.printed == b.printed);
  CHECK(a.diagnostics == b.diagnostics);
  CHECK(a.next_id == b.next_id);
  CHECK(a.ids == b.ids);
}

std::string entry_path(const fs::path& dir, const std::string& path, const std::string& text) {
  return (dir / pack::cache_entry_name(path, text)).string();
}

}  // namespace

TEST_CASE("pack cache: a warm entry gives the parse of every bundled rule file", "[pack-cache]") {
  TempDir dir;
  auto files = bundled_rule_files();
  REQUIRE(files.size() >= 10);
  for (const auto& path : files) {
    INFO(path);
    std::string text = read_file(path);
    auto fresh = parse_with("", path, text, 7);
    auto cold = parse_with(dir.path.string(), path, text, 7);
    REQUIRE(fs::exists(entry_path(dir.path, path, text)));
    auto warm = parse_with(dir.path.string(), path, text, 1000);  // other ids before it
    check_same(fresh, cold);
    auto rebased = parse_with("", path, text, 1000);
    check_same(rebased, warm);
  }
}

TEST_CASE("pack cache: parse errors and warnings come back from a warm entry", "[pack-cache]") {
  TempDir dir;
  const std::string path = "broken.cadre";
  const std::string text =
      "pack broken version \"1\" effective 2025-01-01\n"
      "rule R-1 on course {\n  title fr \"x\"\n  require course.title = \n}\n"
      "rule R-2 on course {\n  title fr \"y\"\n  require course.title == \"a\"\n}\n";
  auto fresh = parse_with("", path, text, 1);
  REQUIRE(!fresh.diagnostics.empty());
  auto cold = parse_with(dir.path.string(), path, text, 1);
  auto warm = parse_with(dir.path.string(), path, text, 1);
  check_same(fresh, cold);
  check_same(fresh, warm);
}

TEST_CASE("pack cache: an entry is trusted only when its checksum holds", "[pack-cache]") {
  TempDir dir;
  const std::string path = "one.cadre";
  const std::string text =
      "pack one version \"1\" effective 2025-01-01\n"
      "rule ONE-1 on course {\n  title fr \"Un\"\n  require course.title != \"\"\n}\n";
  auto fresh = parse_with(dir.path.string(), path, text, 1);
  std::string entry = entry_path(dir.path, path, text);
  std::string bytes = read_file(entry);
  REQUIRE(bytes.size() > kPayloadAt);
  auto at = bytes.find("ONE-1", kPayloadAt);
  REQUIRE(at != std::string::npos);

  SECTION("a changed payload with its checksum recomputed is read: entries are really used") {
    std::string forged = bytes;
    forged.replace(at, 5, "TWO-2");
    forged.replace(kChecksumAt, 32, sha256_bytes(std::string_view(forged).substr(kPayloadAt)));
    write_file(entry, forged);
    auto warm = parse_with(dir.path.string(), path, text, 1);
    CHECK(warm.printed.find("TWO-2") != std::string::npos);
  }
  SECTION("a changed payload whose checksum does not match is ignored and rewritten") {
    std::string corrupt = bytes;
    corrupt.replace(at, 5, "TWO-2");
    write_file(entry, corrupt);
    check_same(fresh, parse_with(dir.path.string(), path, text, 1));
    CHECK(read_file(entry) == bytes);
  }
  SECTION("a truncated entry is ignored and rewritten") {
    for (std::size_t size : {std::size_t{0}, std::size_t{10}, kPayloadAt, bytes.size() - 1}) {
      write_file(entry, bytes.substr(0, size));
      check_same(fresh, parse_with(dir.path.string(), path, text, 1));
      CHECK(read_file(entry) == bytes);
    }
  }
  SECTION("another binary's or another file's entry is ignored and rewritten") {
    std::string foreign = bytes;
    foreign[16 + 4] = static_cast<char>(foreign[16 + 4] ^ 1);  // the key: another version or build
    write_file(entry, foreign);
    check_same(fresh, parse_with(dir.path.string(), path, text, 1));
    CHECK(read_file(entry) == bytes);
    std::string other_format = bytes;
    other_format[16] = static_cast<char>(other_format[16] + 1);
    write_file(entry, other_format);
    check_same(fresh, parse_with(dir.path.string(), path, text, 1));
    CHECK(read_file(entry) == bytes);
  }
  SECTION("garbage with a valid checksum is refused by the reader, not trusted") {
    std::string garbage = bytes.substr(0, kPayloadAt) + std::string(bytes.size() - kPayloadAt, '\xff');
    garbage.replace(kChecksumAt, 32, sha256_bytes(std::string_view(garbage).substr(kPayloadAt)));
    write_file(entry, garbage);
    check_same(fresh, parse_with(dir.path.string(), path, text, 1));
    CHECK(read_file(entry) == bytes);
  }
}

TEST_CASE("pack cache: CLI output is byte-identical cold, warm and with --no-cache", "[pack-cache][cli]") {
  TempDir dir;
  ScopedEnv xdg("XDG_CACHE_HOME", dir.path.string());
  ScopedEnv off("CADRE_NO_CACHE", std::nullopt);
  // Cases that load packs in every way: bundled and local packs, rule errors and warnings,
  // lint, pack tests, every report format, stacking and waivers.
  const std::vector<std::string> cases = {
      "valid-courses", "json-report", "format-sarif", "format-junit", "format-github", "format-markdown",
      "rule-syntax-error", "rule-typo", "rule-file-bom", "rule-file-non-ascii", "rule-operator-chain-check",
      "lint-contradictions", "local-pack-override-disable-lookup", "rules-show-local", "pack-tests-incomplete",
      "undecided-missing-data", "stack-cohort", "stack-json", "waivers-applied", "as-of-2025", "unknown-pack"};
  auto trim = [](std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
  };
  for (const auto& name : cases) {
    INFO(name);
    std::string case_dir = source_dir() + "/fixtures/cli/" + name;
    REQUIRE(fs::exists(case_dir + "/cmd"));
    std::string args = trim(read_file(case_dir + "/cmd"));
    fs::remove_all(dir.path / "cadre");
    auto cold = run_cadre(args);
    auto warm = run_cadre(args);
    auto uncached = run_cadre("--no-cache " + args);
    CHECK(golden_mismatch(case_dir + "/expected.out", cold.out) == "");
    CHECK(warm.out == cold.out);
    CHECK(warm.err == cold.err);
    CHECK(warm.exit_code == cold.exit_code);
    CHECK(uncached.out == cold.out);
    CHECK(uncached.err == cold.err);
    CHECK(uncached.exit_code == cold.exit_code);
  }
  // A cold run fills the cache; --no-cache and CADRE_NO_CACHE neither read nor write it.
  const std::string args = trim(read_file(source_dir() + "/fixtures/cli/valid-courses/cmd"));
  fs::remove_all(dir.path / "cadre");
  run_cadre("--no-cache " + args);
  CHECK(!fs::exists(dir.path / "cadre"));
  {
    ScopedEnv env_off("CADRE_NO_CACHE", std::string("1"));
    run_cadre(args);
    CHECK(!fs::exists(dir.path / "cadre"));
  }
  run_cadre(args);
  CHECK(fs::is_directory(dir.path / "cadre"));
  CHECK(!fs::is_empty(dir.path / "cadre"));
}

TEST_CASE("pack cache: a corrupt entry on disk does not change the CLI's output", "[pack-cache][cli]") {
  TempDir dir;
  ScopedEnv xdg("XDG_CACHE_HOME", dir.path.string());
  ScopedEnv off("CADRE_NO_CACHE", std::nullopt);
  std::string case_dir = source_dir() + "/fixtures/cli/json-report";
  std::string args = read_file(case_dir + "/cmd");
  while (!args.empty() && args.back() == '\n') args.pop_back();
  auto cold = run_cadre(args);
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir.path / "cadre")) entries.push_back(e.path());
  REQUIRE(!entries.empty());
  for (const auto& e : entries) {
    std::string bytes = read_file(e.string());
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x20);
    write_file(e.string(), bytes);
  }
  auto after = run_cadre(args);
  CHECK(after.out == cold.out);
  CHECK(after.err == cold.err);
  CHECK(after.exit_code == cold.exit_code);
}
