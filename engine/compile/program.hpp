// SPDX-License-Identifier: Apache-2.0
// The evaluable form of a checked pack: every expression compiled once into a closure
// (constants folded, regular expressions compiled, paths resolved to field names and
// frame slots), run on every record of the rule's kind.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/check/checker.hpp"
#include "engine/eval/runtime_value.hpp"

namespace cadre::compile {

/// Every valid record of a run, by kind and id, for lookups such as `course(id)`.
using RecordIndex = std::unordered_map<std::string, std::unordered_map<std::string, const record::Value*>>;

/// What an expression sees while it runs: the record, the quantifier variables, the date,
/// and the other records.
struct Frame {
  const record::Value* root = nullptr;
  std::vector<eval::RuntimeValue> slots;
  Date as_of;
  const RecordIndex* index = nullptr;
};

using Evaluator = std::function<eval::RuntimeValue(Frame&)>;

struct CompiledTemplate {
  struct Part {
    std::string text;
    Evaluator expr;  // empty for literal text
  };
  std::vector<Part> parts;
  std::string render(Frame& frame, const std::string& lang) const;
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
  std::optional<Date> pack_effective;  // the rule is not in force before its pack is
};

struct Program {
  std::vector<CompiledRule> rules;
};

/// The value of every constant (overrides applied), by name.
using Constants = std::map<std::string, eval::RuntimeValue>;
Constants constant_values(const check::CheckedPack& checked);

/// The value of an expression that reads no record (literals, constants, arithmetic), or
/// nothing when it depends on a record, a variable or the date of judgement.
std::optional<eval::RuntimeValue> fold(const ast::Expr& e, const check::CheckedPack& checked,
                                       const std::map<std::string, eval::RuntimeValue>& constants);

/// The pack a rule comes from, for reports and dates in force.
struct RuleOrigin {
  std::string pack_id;
  std::optional<Date> effective;
};

/// Compiles the rules of a pack set that checked without errors, leaving out the rules
/// that a pack disables.
Program compile(const std::vector<const ast::Module*>& modules, const check::CheckedPack& checked,
                const std::map<const ast::RuleDecl*, RuleOrigin>& origins);

/// The same with the constants computed before (`constant_values`): only the constants
/// missing from `known` are computed (a module checked with `check_more` may add some), so
/// a pack set's constants are computed once however many times rules are compiled.
Program compile(const std::vector<const ast::Module*>& modules, const check::CheckedPack& checked,
                const std::map<const ast::RuleDecl*, RuleOrigin>& origins, const Constants& known);

}  // namespace cadre::compile
