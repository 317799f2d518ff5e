// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: any bytes given as one more `.cadre` file of the dfcu-2023 pack get
// diagnostics or findings, never a crash or a hang — through the parser, the schema builder,
// the checker, the compiler and the compiled closures, run on records that exercise lookups,
// quantifiers, tree() and message templates.
//
// The bundled pack and the records are read, parsed, checked and indexed ONCE per process:
// the pack's declarations (records, types, constants, indicators) stay, its rules are
// dropped, its schema is built, its constants checked and computed once. An input that
// only adds constants and rules (check::extends_only) is checked alone against them
// (check::check_more) and compiled with the constants already computed, so each input
// costs what its own text costs: it is parsed, lowered, checked and compiled alone, then
// run on a fixed set of records. An input that changes the set (records, overrides,
// disables, indicators) is checked with the whole set, as the engine would.
// (Through Engine::check, every input re-read and re-checked the whole pack: 11 executions
// per second.) Build and run: tests/fuzz/run.sh; seeds: the pack's rules, one per file.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "dsl/parse.hpp"
#include "engine/base/calendar.hpp"
#include "engine/check/checker.hpp"
#include "engine/compile/program.hpp"
#include "engine/pack/pack_loader.hpp"
#include "engine/record/conform.hpp"
#include "engine/record/loader.hpp"
#include "engine/schema/schema.hpp"

namespace {

using namespace cadre;

struct World {
  SourceManager sources;
  pack::PackSet packs;                     // declarations only: rules dropped
  schema::Schema schema;                   // the packs' record kinds and types
  check::CheckedPack checked;              // the packs' constants and indicators, checked
  compile::Constants constants;            // and computed
  std::vector<record::Record> records;     // valid records of the base schema
  compile::RecordIndex index;
  ast::NodeId next_id = 1;
  Date as_of = *parse_date("2025-06-01");
};

const World& world() {
  static const World* w = [] {
    auto* made = new World;
    Diagnostics diagnostics;
    std::string source = CADRE_SOURCE_DIR;
    made->packs = pack::load_packs(source + "/rules/dfcu-2023", {source + "/rules"}, made->sources, diagnostics);
    for (auto& p : made->packs.packs)
      for (auto& m : p.modules) {
        m.rules.clear();
        m.unchecked.clear();
      }
    made->schema = schema::build_schema(made->packs.modules(), diagnostics);
    made->checked = check::check(made->packs.modules(), made->schema, diagnostics);
    made->constants = compile::constant_values(made->checked);
    const auto& schema = made->schema;
    for (const char* file : {"fixtures/stack/pathway.yaml", "fixtures/stack/catalog/courses.yaml",
                             "fixtures/stack/catalog/certificates.yaml", "fixtures/audit/sessions/s1.yaml",
                             "fixtures/stack/inline-certificates.yaml"}) {
      FileId id = made->sources.add(source + "/" + file, {});
      if (!record::read_record_file(made->sources, id, diagnostics)) continue;
      for (auto& rec : record::load_records(made->sources, id, diagnostics)) {
        auto type = schema.kind(rec.kind);
        if (!rec.valid || !type || !record::conform(rec, *type, diagnostics)) continue;
        made->records.push_back(std::move(rec));
      }
    }
    for (const auto& rec : made->records)
      if (!rec.id.empty()) made->index[rec.kind].emplace(rec.id, rec.root.get());
    // Node ids of fuzz inputs start past the pack's.
    made->next_id = 1u << 30;
    return made;
  }();
  return *w;
}

/// What Engine's evaluation does with a compiled rule on a record: `when`, each requirement,
/// the message or `otherwise` rendered in both languages.
void judge(const compile::CompiledRule& rule, const record::Record& rec, const World& w) {
  compile::Frame frame;
  frame.root = rec.root.get();
  frame.as_of = w.as_of;
  frame.index = &w.index;
  frame.slots.resize(static_cast<std::size_t>(rule.slots));
  if (rule.when) {
    auto applies = rule.when(frame);
    if (applies.kind == eval::RuntimeValue::Kind::Bool && !applies.boolean) return;
  }
  for (const auto& req : rule.requirements) {
    auto result = req.test(frame);
    if (result.kind == eval::RuntimeValue::Kind::Bool && result.boolean) continue;
    const auto& messages = req.otherwise.empty() ? rule.message : req.otherwise;
    for (const auto& [lang, text] : messages) (void)text.render(frame, lang);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const World& w = world();
  // The input's own source manager: only the parser reads it (the checker and the compiler
  // work on the AST), so the pack's files need not be copied in for each input.
  SourceManager sources;
  Diagnostics diagnostics;
  ast::NodeId next = w.next_id;
  FileId file = sources.add("fuzz.cadre", std::string(reinterpret_cast<const char*>(data), size));
  auto module = dsl::parse(sources, file, diagnostics, next);
  if (!module) return 0;
  std::map<const ast::RuleDecl*, compile::RuleOrigin> origins;
  for (const auto& r : module->rules) origins[&r] = {"fuzz", std::nullopt};
  compile::Program program;
  if (check::extends_only(*module)) {
    auto checked = check::check_more(*module, w.checked, w.schema, diagnostics);
    if (diagnostics.has_errors()) return 0;
    program = compile::compile({&*module}, checked, origins, w.constants);
  } else {
    auto modules = w.packs.modules();
    modules.push_back(&*module);
    std::optional<schema::Schema> own_schema;  // only when the input declares records or types
    if (!module->records.empty()) {
      own_schema = schema::build_schema(modules, diagnostics);
      if (diagnostics.has_errors()) return 0;
    }
    const schema::Schema& schema = own_schema ? *own_schema : w.schema;
    auto checked = check::check(modules, schema, diagnostics);
    if (diagnostics.has_errors()) return 0;
    program = compile::compile(modules, checked, origins);
  }
  for (const auto& rule : program.rules)
    for (const auto& rec : w.records)
      if (rec.kind == rule.decl->subject) judge(rule, rec, w);
  return 0;
}
