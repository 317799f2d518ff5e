// SPDX-License-Identifier: Apache-2.0
// Record schemas: the record kinds and their typed fields, built from `record` and `type`
// declarations of the rule packs. The engine knows no record kind by itself.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/base/diagnostic.hpp"

namespace cadre::schema {

struct Type;
using TypeRef = std::shared_ptr<const Type>;

struct Field {
  std::string name;
  bool optional = false;
  TypeRef type;
  ast::Localized<std::string> doc;  // by language, as the pack wrote it
  Span span;
  std::vector<std::string> synonyms;  // keys people write for it (`valid_until` for `expires`)
};

/// A value type. Scalars, enumerations, lists and records; `Any` types the elements of an
/// empty list literal, `Error` an expression already reported (it silences cascades).
struct Type {
  enum class Kind { Error, Any, Bool, Integer, Number, String, Date, Duration, Enum, List, Record };
  Kind kind = Kind::Error;
  std::string name;                 // record kind or declared type name, for messages
  bool is_kind = false;             // a record kind (`record`), not a nested `type`
  std::vector<std::string> values;  // Enum
  TypeRef element;                  // List
  std::vector<Field> fields;        // Record, in declaration order
  ast::Localized<std::string> doc;  // by language, as the pack wrote it
  Span span;

  const Field* field(const std::string& field_name) const;
  std::vector<std::string> field_names() const;
};

TypeRef scalar(Type::Kind kind);
TypeRef list_of(TypeRef element);
/// How a type reads in a message: `integer`, `list of string`, `record activity`.
std::string describe(const Type& type);
bool is_numeric(const Type& type);

/// Every record kind of the loaded packs.
/// Owns the declared record types. A type may contain itself (a pathway's requirement lists
/// requirements), a cycle of shared pointers: when the last Schema sharing this owner goes,
/// it empties their fields so the types can be freed.
struct DeclaredTypes {
  std::vector<std::shared_ptr<Type>> types;
  DeclaredTypes() = default;
  DeclaredTypes(const DeclaredTypes&) = delete;
  DeclaredTypes& operator=(const DeclaredTypes&) = delete;
  ~DeclaredTypes();
};

struct Schema {
  std::map<std::string, TypeRef> kinds;   // record kinds (a record file's `kind:`)
  std::map<std::string, TypeRef> types;   // named nested types
  std::shared_ptr<DeclaredTypes> declared = std::make_shared<DeclaredTypes>();
  TypeRef kind(const std::string& name) const;
  std::vector<std::string> kind_names() const;
};

/// Builds the schema from record/type declarations. Unknown type names (E0209) and
/// duplicate declarations (E0101) are reported.
Schema build_schema(const std::vector<const ast::Module*>& modules, Diagnostics& diagnostics);

}  // namespace cadre::schema
