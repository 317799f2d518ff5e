// SPDX-License-Identifier: Apache-2.0
// The typed AST of .cadre files: what the engine checks, compiles and documents.
//
// Every node carries its Span (byte offsets into its SourceFile) and expressions carry a
// NodeId unique within a pack, which the checker uses to key its side tables (types,
// resolved paths). Spirit-free: the engine includes this header, never dsl/x3.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/base/calendar.hpp"
#include "engine/base/diagnostic.hpp"
#include "engine/base/source.hpp"

namespace cadre::ast {

using NodeId = std::uint32_t;

enum class BinaryOp {
  Implies, Or, And, Eq, Ne, Lt, Le, Gt, Ge, In, NotIn, Matches, Add, Sub, Mul, Div
};
enum class UnaryOp { Not, Neg };

const char* op_text(BinaryOp op);
const char* op_text(UnaryOp op);

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

using LiteralValue = std::variant<bool, std::int64_t, double, std::string, Date, Duration>;

struct Literal { LiteralValue value; };
struct PathSegment { std::string name; Span span; };
/// `course.assessment.type`: the first segment is a record kind, a constant or a variable.
/// With a `base` (`course(x).producer`), all segments are fields of the base's value.
struct Path {
  std::vector<PathSegment> segments;
  ExprPtr base;
};
/// `name(args)`: built-in functions and the quantifiers all/some/none/count/sum, whose
/// first argument is a binding `x in list`.
struct Call { std::string name; Span name_span; std::vector<ExprPtr> args; };
struct Unary { UnaryOp op; ExprPtr operand; };
struct Binary { BinaryOp op; ExprPtr lhs; ExprPtr rhs; };
struct Between { ExprPtr subject; ExprPtr low; ExprPtr high; };
struct List { std::vector<ExprPtr> items; };

struct Expr {
  NodeId id = 0;
  Span span;
  std::variant<Literal, Path, Call, Unary, Binary, Between, List> node;
};

/// A message with `{expression}` holes; literal parts already unescaped.
struct Template {
  struct Part {
    std::string text;  // literal text, when expr is null
    ExprPtr expr;
  };
  std::vector<Part> parts;
  Span span;
};

/// Text in several languages, keyed by language code ("fr", "en").
template <class T>
using Localized = std::map<std::string, T>;

/// The text in `lang`, else in the other language, else any; null when there is none.
template <class T>
const T* in_language(const Localized<T>& texts, const std::string& lang) {
  if (auto it = texts.find(lang); it != texts.end()) return &it->second;
  if (auto it = texts.find(lang == "fr" ? "en" : "fr"); it != texts.end()) return &it->second;
  return texts.empty() ? nullptr : &texts.begin()->second;
}

/// in_language for plain texts, empty when there is none.
inline std::string text_in(const Localized<std::string>& texts, const std::string& lang) {
  const std::string* t = in_language(texts, lang);
  return t ? *t : std::string{};
}

// ---- declarations ---------------------------------------------------------------------

struct PackHeader {
  std::string id;
  Span span;
  std::string title;
  std::string version;
  std::optional<Date> effective;
  std::string source;
};

struct UseDecl {
  std::string target;  // a pack id or a path relative to the declaring file
  bool is_path = false;
  Span span;
};

struct ConstDecl {
  std::string name;
  Span span;
  ExprPtr value;
};

/// `disable RULE because ...`: a used pack's rule that this pack switches off.
struct DisableDecl {
  std::string rule_id;
  Span span;
  Localized<std::string> reasons;
};

/// `indicator 11 title ...`: a quality indicator that rules may cite.
struct IndicatorDecl {
  int number = 0;
  Span span;
  Localized<std::string> titles;
};

struct TypeExpr;
using TypeExprPtr = std::unique_ptr<TypeExpr>;

struct FieldDecl {
  std::string name;
  Span span;
  bool optional = false;
  TypeExprPtr type;
  /// What the field means, by language (`doc fr "…" en "…"`); a plain string is kept under
  /// the key "" (no stated language). `cadre schema` writes it as the field's description.
  Localized<std::string> doc;
  Span doc_span;  // the `doc` clause or string; empty when there is none
  std::vector<std::string> synonyms;  // keys that stand for this field (W0306 suggests it)
};

struct TypeExpr {
  enum class Kind { Named, List, Enum, Record };
  Kind kind = Kind::Named;
  Span span;
  std::string name;                 // Named: string, integer, ..., or a declared type
  TypeExprPtr element;              // List
  std::vector<std::string> values;  // Enum
  std::vector<FieldDecl> fields;    // Record
};

/// `record course {...}` declares a record kind (a file's `kind:`); `type x {...}` a
/// reusable nested shape.
struct RecordDecl {
  std::string name;
  Span span;
  bool is_record_kind = true;
  Localized<std::string> doc;  // as FieldDecl::doc
  Span doc_span;
  std::vector<FieldDecl> fields;
};

struct Requirement {
  ExprPtr expr;
  Localized<Template> otherwise;  // overrides the rule's message for this requirement
};

struct RuleDecl {
  std::string id;
  Span span;     // the whole declaration
  Span id_span;
  std::string subject;  // record kind
  Span subject_span;
  Localized<std::string> titles;
  std::vector<std::string> citations;
  std::vector<int> qualiopi;
  std::vector<Span> qualiopi_spans;
  Severity severity = Severity::Error;
  ExprPtr when;
  std::vector<Requirement> requirements;
  Localized<Template> message;
  std::optional<Date> from;
  std::optional<Date> until;
  bool checked = true;              // false for `unchecked` declarations
  Localized<std::string> because;   // unchecked: why software cannot check it
};

/// One parsed .cadre file.
struct Module {
  FileId file = kNoFile;
  std::optional<PackHeader> header;
  std::vector<UseDecl> uses;
  std::vector<ConstDecl> constants;
  std::vector<ConstDecl> overrides;
  std::vector<DisableDecl> disables;
  std::vector<IndicatorDecl> indicators;
  std::vector<RecordDecl> records;
  std::vector<RuleDecl> rules;
  std::vector<RuleDecl> unchecked;
};

}  // namespace cadre::ast
