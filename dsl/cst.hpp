// SPDX-License-Identifier: Apache-2.0
// The concrete syntax tree the Spirit X3 grammar produces.
//
// One uniform node type keeps the grammar's attributes trivial (no Fusion adaptation, no
// variant folding quirks); lower.cpp turns it into the typed AST of ast.hpp, checking what
// the grammar does not (literal values, clause multiplicity, chained comparisons).
// Spirit-free on purpose: only dsl/x3/ includes Spirit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cadre::dsl {

enum class CstKind : std::uint8_t {
  None,
  Token,  // an operator or keyword, text only
  // leaves: text is the exact source text
  Name, RuleId, PackId, String, Number, Date, Duration, Bool, Severity, LangCode,
  // expressions
  Path, Call, List, Paren, Unary, Binary, Compare, Between,
  // declarations
  Module, Pack, PackClause, Use, Const, Record, TypeDecl, Field, OptionalMark,
  TypeName, TypeList, TypeEnum, TypeRecord, Doc, Synonyms,
  Rule, Clause, LangText, Override, Disable, Unchecked, Indicator, Member,
};

/// The kinds the expression grammar builds (the bound below is on expressions: a rule's
/// clauses add a few levels of their own).
constexpr bool is_expression(CstKind kind) {
  return (kind >= CstKind::Name && kind <= CstKind::Between) || kind == CstKind::Member;
}

struct Cst {
  CstKind kind = CstKind::None;
  std::string text;
  std::vector<Cst> kids;
  std::uint32_t begin = 0;  // byte offsets into the parsed text
  std::uint32_t end = 0;
  std::uint32_t depth = 0;  // levels of nodes below this one (0 for a leaf)
};

/// The deepest expression tree the grammar builds. Every later pass (lowering, checking,
/// compiling, evaluating, printing, destroying) walks the tree recursively, so a chain of
/// 100,000 `and` must be refused here rather than overflow the stack there. No real rule
/// comes near: a long list of alternatives is `x in [...]`.
inline constexpr std::uint32_t kMaxExpressionDepth = 1000;

}  // namespace cadre::dsl
