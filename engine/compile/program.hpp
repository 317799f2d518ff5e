// The evaluable form of a checked pack: every expression compiled once into a closure
// (constants folded, regular expressions compiled, paths resolved to field names and
// frame slots), run on every record of the rule's kind.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/check/checker.hpp"
#include "engine/eval/runtime_value.hpp"

namespace cadre::compile {

/// What an expression sees while it runs: the record, the quantifier variables, the date.
struct Frame {
  const record::Value* root = nullptr;
  std::vector<eval::RuntimeValue> slots;
  Date as_of;
};

using Evaluator = std::function<eval::RuntimeValue(Frame&)>;

struct CompiledTemplate {
  struct Part {
    std::string text;
    Evaluator expr;  // empty for literal text
  };
  std::vector<Part> parts;
  std::string render(Frame& frame) const;
};

using Messages = std::map<std::string, CompiledTemplate>;

struct CompiledRequirement {
  Evaluator test;
  Span span;
  Messages otherwise;
};

struct CompiledRule {
  const ast::RuleDecl* decl = nullptr;
  std::string pack_id;
  Evaluator when;  // empty: always applies
  std::vector<CompiledRequirement> requirements;
  Messages message;
  int slots = 0;
};

struct Program {
  std::vector<CompiledRule> rules;
};

/// Compiles the rules of a pack that checked without errors. `pack_of` names the pack
/// that declares each rule (for reports).
Program compile(const std::vector<const ast::Module*>& modules, const check::CheckedPack& checked,
                const std::map<const ast::RuleDecl*, std::string>& pack_of);

}  // namespace cadre::compile
