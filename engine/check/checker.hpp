// SPDX-License-Identifier: Apache-2.0
// The checker: resolves every name and path against the schemas and types every
// expression, before anything runs. Results are side tables keyed by NodeId (cel-cpp
// style), read by the compiler. Diagnostics E02xx.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/base/diagnostic.hpp"
#include "engine/schema/schema.hpp"

namespace cadre::check {

/// What the first segment of a path names.
struct HeadBinding {
  enum class Kind { Subject, Constant, Variable };
  Kind kind = Kind::Subject;
  int slot = -1;            // Variable: frame slot
  std::string constant;     // Constant: its name
};

struct CheckedPack {
  std::unordered_map<ast::NodeId, schema::TypeRef> types;
  std::unordered_map<ast::NodeId, std::string> lookups;  // `course(id)` Call nodes -> record kind
  std::set<const ast::RuleDecl*> rules_with_lookups;     // rules that read other records
  std::unordered_map<ast::NodeId, HeadBinding> heads;   // Path nodes
  std::unordered_map<ast::NodeId, int> binders;         // quantifier Call nodes -> variable slot
  /// Constants in declaration order; an overridden one carries its override's expression.
  std::vector<std::pair<std::string, const ast::Expr*>> constants;
  std::map<std::string, schema::TypeRef> constant_types;        // as declared (an override keeps it)
  std::map<std::string, const ast::ConstDecl*> overrides;       // name -> the override in force
  std::map<std::string, const ast::DisableDecl*> disabled;      // rule id -> why it is off
  std::map<int, const ast::IndicatorDecl*> indicators;
  std::unordered_map<const ast::RuleDecl*, int> slot_counts;
  schema::TypeRef type_of(const ast::Expr& e) const;
};

/// Checks constants and rules of `modules` (used packs first). Returns the side tables;
/// `diagnostics` holds every error found, not only the first. `modules_per_pack` splits
/// `modules` into packs: a pack's rules see the constants of its own pack and of the packs
/// before it (those it uses), never those of a pack that uses it. Empty: one pack.
CheckedPack check(const std::vector<const ast::Module*>& modules, const schema::Schema& schema,
                  Diagnostics& diagnostics, const std::vector<std::size_t>& modules_per_pack = {});

/// Checks one more module against a pack set checked before (`base`), without checking that
/// set again: its constants keep their types and its indicators stay declared. The module
/// may declare constants, rules and unchecked rules; what changes the set itself (overrides,
/// disables, indicators, record kinds) needs `check` on the whole set (see `extends_only`).
/// The result holds the base's constants and indicators and the module's own tables.
CheckedPack check_more(const ast::Module& module, const CheckedPack& base, const schema::Schema& schema,
                       Diagnostics& diagnostics);

/// True when `check_more` can check this module: it only adds constants and rules.
bool extends_only(const ast::Module& module);

/// The source text of a path, `course.assessment.type`.
std::string path_text(const ast::Path& path, std::size_t segments = SIZE_MAX);

}  // namespace cadre::check
