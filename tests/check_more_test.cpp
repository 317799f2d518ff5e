// SPDX-License-Identifier: Apache-2.0
// check::check_more and compile() with constants computed before: one more module checked
// and compiled against a pack set checked once (what fuzz_rules does for each input) gives
// what checking and compiling the whole set again gives.
#include <catch2/catch.hpp>

#include "dsl/parse.hpp"
#include "engine/check/checker.hpp"
#include "engine/compile/program.hpp"
#include "engine/pack/pack_loader.hpp"
#include "engine/schema/schema.hpp"
#include "tests/support/golden.hpp"

using namespace cadre;

namespace {

struct Base {
  SourceManager sources;
  Diagnostics diagnostics;
  pack::PackSet packs;
  schema::Schema schema;
  check::CheckedPack checked;
  compile::Constants constants;
  Base() {
    std::string source = testing::source_dir();
    packs = pack::load_packs(source + "/rules/dfcu-2023", {source + "/rules"}, sources, diagnostics);
    for (auto& p : packs.packs)
      for (auto& m : p.modules) m.rules.clear();
    schema = schema::build_schema(packs.modules(), diagnostics);
    checked = check::check(packs.modules(), schema, diagnostics);
    constants = compile::constant_values(checked);
  }
};

std::optional<ast::Module> parse(Base& base, const std::string& text) {
  ast::NodeId next = 1u << 30;
  FileId file = base.sources.add("more.cadre", text);
  return dsl::parse(base.sources, file, base.diagnostics, next);
}

std::vector<std::string> codes(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.items()) out.push_back(diag_info(x.code).code);
  return out;
}

}  // namespace

TEST_CASE("check_more: a module of constants and rules checks as it does with the whole set", "[checker]") {
  Base base;
  REQUIRE_FALSE(base.diagnostics.has_errors());
  auto module = parse(base, "const extra = max_hours + 2\n"
                            "rule R on course\n  title fr \"t\" en \"t\"\n  severity error\n"
                            "  require course.workload_hours between min_hours and extra\n"
                            "  require all(a in course.activities, a.hours <= max_hours)\n"
                            "  message fr \"m\" en \"m\"\n");
  REQUIRE(module);
  REQUIRE(check::extends_only(*module));
  Diagnostics alone;
  auto more = check::check_more(*module, base.checked, base.schema, alone);
  CHECK_FALSE(alone.has_errors());
  auto modules = base.packs.modules();
  modules.push_back(&*module);
  Diagnostics whole;
  auto all = check::check(modules, base.schema, whole);
  CHECK_FALSE(whole.has_errors());
  const auto& rule = module->rules.front();
  CHECK(more.slot_counts.at(&rule) == all.slot_counts.at(&rule));
  CHECK(more.constants.size() == all.constants.size());
  // The new constant is computed from the known ones; the known ones are not computed again.
  auto program = compile::compile({&*module}, more, {}, base.constants);
  REQUIRE(program.rules.size() == 1);
  CHECK(program.rules.front().requirements.size() == 2);
  auto values = compile::constant_values(all);
  CHECK(values.at("extra").integer == 32);
}

TEST_CASE("check_more: errors of the module are reported as the whole check reports them", "[checker]") {
  Base base;
  auto module = parse(base, "rule R on course\n  title fr \"t\" en \"t\"\n  severity error\n"
                            "  require course.workload_hours < max_hour\n  message fr \"m\" en \"m\"\n");
  REQUIRE(module);
  Diagnostics alone, whole;
  check::check_more(*module, base.checked, base.schema, alone);
  auto modules = base.packs.modules();
  modules.push_back(&*module);
  check::check(modules, base.schema, whole);
  CHECK(codes(alone) == std::vector<std::string>{"E0202"});
  CHECK(codes(alone) == codes(whole));
}

TEST_CASE("check_more: what changes the pack set needs the whole check", "[checker]") {
  Base base;
  auto overrides = parse(base, "override const max_hours = 40\n");
  auto disables = parse(base, "disable DFCU-8.3-calendar because fr \"plus tard\"\n");
  REQUIRE(overrides);
  REQUIRE(disables);
  CHECK_FALSE(check::extends_only(*overrides));
  CHECK_FALSE(check::extends_only(*disables));
}
