// SPDX-License-Identifier: Apache-2.0
#include "engine/schema/schema.hpp"


#include <fmt/format.h>

#include "engine/base/fuzzy.hpp"

namespace cadre::schema {

const Field* Type::field(const std::string& field_name) const {
  for (const auto& f : fields)
    if (f.name == field_name) return &f;
  return nullptr;
}

std::vector<std::string> Type::field_names() const {
  std::vector<std::string> names;
  for (const auto& f : fields) names.push_back(f.name);
  return names;
}

TypeRef scalar(Type::Kind kind) {
  static std::map<Type::Kind, TypeRef> cache = [] {
    std::map<Type::Kind, TypeRef> m;
    for (auto k : {Type::Kind::Error, Type::Kind::Any, Type::Kind::Bool, Type::Kind::Integer,
                   Type::Kind::Number, Type::Kind::String, Type::Kind::Date, Type::Kind::Duration}) {
      auto t = std::make_shared<Type>();
      t->kind = k;
      m[k] = t;
    }
    return m;
  }();
  return cache.at(kind);
}

TypeRef list_of(TypeRef element) {
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::List;
  t->element = std::move(element);
  return t;
}

std::string describe(const Type& type) {
  switch (type.kind) {
    case Type::Kind::Error: return "(error)";
    case Type::Kind::Any: return "any";
    case Type::Kind::Bool: return "boolean";
    case Type::Kind::Integer: return "integer";
    case Type::Kind::Number: return "number";
    case Type::Kind::String: return "string";
    case Type::Kind::Date: return "date";
    case Type::Kind::Duration: return "duration";
    case Type::Kind::Enum: {
      std::string values;
      for (const auto& v : type.values) values += (values.empty() ? "" : ", ") + v;
      return fmt::format("enum({})", values);
    }
    case Type::Kind::List: return "list of " + describe(*type.element);
    case Type::Kind::Record:
      return type.name.empty() ? "record" : (type.is_kind ? "record " : "type ") + type.name;
  }
  return "?";
}

bool is_numeric(const Type& type) {
  return type.kind == Type::Kind::Integer || type.kind == Type::Kind::Number;
}

DeclaredTypes::~DeclaredTypes() {
  for (auto& t : types) t->fields.clear();
}

TypeRef Schema::kind(const std::string& name) const {
  auto it = kinds.find(name);
  return it == kinds.end() ? nullptr : it->second;
}

std::vector<std::string> Schema::kind_names() const {
  std::vector<std::string> names;
  for (const auto& [name, type] : kinds) names.push_back(name);
  return names;
}

namespace {

class Builder {
 public:
  Builder(Schema& schema, Diagnostics& diagnostics) : schema_(schema), diagnostics_(diagnostics) {}

  void declare(const ast::RecordDecl& decl) {
    auto& table = decl.is_record_kind ? schema_.kinds : schema_.types;
    auto& other = decl.is_record_kind ? schema_.types : schema_.kinds;
    if (table.count(decl.name) || other.count(decl.name)) {
      diagnostics_.add(DiagCode::E0101, decl.span,
                       fmt::format("`{}` is declared twice", decl.name));
      return;
    }
    auto t = std::make_shared<Type>();
    t->kind = Type::Kind::Record;
    t->name = decl.name;
    t->is_kind = decl.is_record_kind;
    t->doc = decl.doc;
    t->span = decl.span;
    table[decl.name] = t;
    schema_.declared->types.push_back(t);
    pending_.push_back({&decl, t});
  }

  void resolve_all() {
    for (auto& [decl, type] : pending_) type->fields = fields(decl->fields, decl->is_record_kind);
  }

 private:
  std::vector<Field> fields(const std::vector<ast::FieldDecl>& decls, bool top_level = false) {
    std::vector<Field> out;
    for (const auto& d : decls) {
      if (top_level && d.name == "kind") {
        diagnostics_.add(DiagCode::E0101, d.span, "`kind` is reserved: it names the record kind");
        continue;
      }
      out.push_back({d.name, d.optional, d.type ? resolve(*d.type) : scalar(Type::Kind::Error),
                     d.doc, d.span, d.synonyms});
    }
    return out;
  }

  TypeRef resolve(const ast::TypeExpr& t) {
    using K = ast::TypeExpr::Kind;
    switch (t.kind) {
      case K::List: return list_of(resolve(*t.element));
      case K::Enum: {
        auto e = std::make_shared<Type>();
        e->kind = Type::Kind::Enum;
        e->values = t.values;
        e->span = t.span;
        return e;
      }
      case K::Record: {
        auto r = std::make_shared<Type>();
        r->kind = Type::Kind::Record;
        r->span = t.span;
        r->fields = fields(t.fields);
        return r;
      }
      case K::Named: break;
    }
    static const std::map<std::string, Type::Kind> kBuiltins = {
        {"string", Type::Kind::String}, {"integer", Type::Kind::Integer},
        {"number", Type::Kind::Number}, {"boolean", Type::Kind::Bool},
        {"date", Type::Kind::Date},     {"duration", Type::Kind::Duration},
        {"any", Type::Kind::Any}};
    if (auto it = kBuiltins.find(t.name); it != kBuiltins.end()) return scalar(it->second);
    TypeRef found;
    if (auto a = schema_.types.find(t.name); a != schema_.types.end()) found = a->second;
    else if (auto b = schema_.kinds.find(t.name); b != schema_.kinds.end()) found = b->second;
    if (!found) {
      std::vector<std::string> candidates = {"string", "integer", "number", "boolean", "date", "duration"};
      for (const auto& [name, type] : schema_.types) candidates.push_back(name);
      auto suggestion = closest_name(t.name, candidates);
      diagnostics_.add(DiagCode::E0209, t.span, fmt::format("unknown type `{}`", t.name),
                       suggestion ? fmt::format("did you mean `{}`?", *suggestion) : std::string{});
      return scalar(Type::Kind::Error);
    }
    // A type may nest itself (a pathway's requirement tree): data is finite, so is checking.
    return found;
  }

  Schema& schema_;
  Diagnostics& diagnostics_;
  std::vector<std::pair<const ast::RecordDecl*, std::shared_ptr<Type>>> pending_;
};

}  // namespace

Schema build_schema(const std::vector<const ast::Module*>& modules, Diagnostics& diagnostics) {
  Schema schema;
  Builder builder(schema, diagnostics);
  for (const auto* m : modules)
    for (const auto& decl : m->records) builder.declare(decl);
  builder.resolve_all();
  return schema;
}

}  // namespace cadre::schema
