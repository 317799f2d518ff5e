// SPDX-License-Identifier: Apache-2.0
#include "engine/report/json_schema.hpp"

#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/base/locale_format.hpp"

namespace cadre::report {

using Json = nlohmann::ordered_json;

namespace {

// How cadre reads scalars (docs/records.md, "Scalars", "Dates", "Durations"), as JSON Schema
// over the values a YAML editor sees (YAML 1.2 core schema: a date is a string there).
// A `string` field takes any scalar: `id: 2025` is the string "2025" for cadre.
const std::map<std::string, Json>& scalars() {
  static const std::map<std::string, Json> kScalars = {
      {"string", {{"type", Json::array({"string", "number", "boolean"})}}},
      {"number", {{"type", "number"}}},
      {"integer", {{"type", "integer"}}},
      {"boolean", {{"type", "boolean"}}},
      // ISO 8601 calendar dates and local date-times (seconds, fractions, a space for `T`,
      // `Z` or an offset accepted); `format: date` would refuse the date-times.
      {"date",
       {{"type", "string"},
        {"pattern", R"(^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$)"}}},
      // ISO 8601 durations in weeks, days, hours, minutes, seconds; no years nor months.
      {"duration",
       {{"type", "string"},
        {"pattern", R"(^P(?!$)([0-9]+([.,][0-9]+)?W)?([0-9]+([.,][0-9]+)?D)?(T(?=[0-9])([0-9]+([.,][0-9]+)?H)?([0-9]+([.,][0-9]+)?M)?([0-9]+([.,][0-9]+)?S)?)?$)"}}},
  };
  return kScalars;
}

const char* french_scalar(const std::string& name) {
  if (name == "string") return "texte";
  if (name == "number") return "nombre";
  if (name == "integer") return "entier";
  if (name == "boolean") return "booléen";
  if (name == "date") return "date (AAAA-MM-JJ)";
  if (name == "duration") return "durée ISO 8601 (PT2H)";
  return nullptr;
}

std::string type_words(const ast::TypeExpr& t, bool fr) {
  switch (t.kind) {
    case ast::TypeExpr::Kind::Named:
      if (const char* w = fr ? french_scalar(t.name) : nullptr) return w;
      if (scalars().count(t.name)) return t.name == "date" ? "date (YYYY-MM-DD)" : t.name == "duration" ? "ISO 8601 duration (PT2H)" : t.name;
      return fmt::format("`{}`", t.name);
    case ast::TypeExpr::Kind::List: return (fr ? "liste de " : "list of ") + type_words(*t.element, fr);
    case ast::TypeExpr::Kind::Enum: {
      std::string values;
      for (const auto& v : t.values) values += (values.empty() ? "" : ", ") + v;
      return (fr ? "une valeur parmi : " : "one of: ") + values;
    }
    case ast::TypeExpr::Kind::Record: return fr ? "table" : "mapping";
  }
  return {};
}

class Builder {
 public:
  Builder(const catalog::Catalog& catalog, const std::string& lang) : fr_(lang == "fr"), lang_(lang) {
    for (const auto& r : catalog.records) declared_[r.decl->name] = r.decl;
  }

  Json record(const ast::RecordDecl& decl) {
    defs_.clear();
    pending_.clear();
    done_.clear();
    Json schema;
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    schema["title"] = fmt::format("cadre — kind: {}", decl.name);
    std::string what = ast::text_in(decl.doc, lang_);
    schema["description"] = locale::typography(
        fr_ ? fmt::format("{}\n\nEnregistrement `kind: {}` lu par cadre.", what.empty() ? decl.name : what, decl.name)
            : fmt::format("{}\n\nA `kind: {}` record read by cadre.", what.empty() ? decl.name : what, decl.name),
        lang_);
    Json body = object(decl.fields);
    body["properties"] = merge_kind(decl.name, body["properties"]);
    Json required = Json::array({"kind"});
    for (const auto& r : body["required"]) required.push_back(r);
    body["required"] = required;
    for (auto& [key, value] : body.items()) schema[key] = value;
    // Nested types, each once, as they are reached (a pathway's requirement lists requirements).
    while (!pending_.empty()) {
      std::string name = *pending_.begin();
      pending_.erase(pending_.begin());
      const ast::RecordDecl* d = declared_.at(name);
      Json def;
      if (!d->doc.empty()) def["description"] = locale::typography(ast::text_in(d->doc, lang_), lang_);
      Json shape = object(d->fields);  // named: items() keeps no temporary alive
      for (auto& [key, value] : shape.items()) def[key] = value;
      defs_[name] = def;
    }
    if (!defs_.empty()) {
      Json defs;
      for (auto& [name, def] : defs_) defs[name] = def;
      schema["$defs"] = defs;
    }
    return schema;
  }

 private:
  Json merge_kind(const std::string& kind, const Json& properties) const {
    Json out;
    out["kind"] = {{"const", kind}, {"description", fr_ ? "Genre de l’enregistrement." : "The record’s kind."}};
    for (auto& [key, value] : properties.items()) out[key] = value;
    return out;
  }

  Json object(const std::vector<ast::FieldDecl>& fields) {
    Json properties = Json::object();
    Json required = Json::array();
    for (const auto& f : fields) {
      Json p = type(*f.type);
      p["description"] = description(f);
      properties[f.name] = p;
      if (!f.optional) required.push_back(f.name);
    }
    // Unknown keys are warnings for cadre (W0306), not errors: the editor underlines them
    // only with its own "additional properties" hint, so they stay allowed here.
    return {{"type", "object"}, {"properties", properties}, {"required", required}};
  }

  // The pack's description of the field (its `doc` clause) in the schema's language, then
  // what cadre reads there.
  std::string description(const ast::FieldDecl& f) const {
    std::string doc = ast::text_in(f.doc, lang_);
    std::string out = doc.empty() ? "" : doc + "\n\n";
    out += fr_ ? fmt::format("Type : {} ; {}.", type_words(*f.type, true), f.optional ? "facultatif" : "obligatoire")
               : fmt::format("Type: {}; {}.", type_words(*f.type, false), f.optional ? "optional" : "required");
    if (!f.synonyms.empty()) {
      std::string words;
      for (const auto& w : f.synonyms) words += (words.empty() ? "" : ", ") + w;
      out += fr_ ? fmt::format("\nSynonymes signalés (non lus) : {}.", words) : fmt::format("\nSynonyms flagged (not read): {}.", words);
    }
    return locale::typography(out, lang_);  // no-break spaces before French « : » and « ; »
  }

  Json type(const ast::TypeExpr& t) {
    switch (t.kind) {
      case ast::TypeExpr::Kind::Named: {
        if (auto it = scalars().find(t.name); it != scalars().end()) return it->second;
        if (declared_.count(t.name)) {
          if (done_.insert(t.name).second) pending_.insert(t.name);
          return {{"$ref", "#/$defs/" + t.name}};
        }
        return Json::object();  // the pack did not load if a name is unknown; accept anything
      }
      case ast::TypeExpr::Kind::List: return {{"type", "array"}, {"items", type(*t.element)}};
      case ast::TypeExpr::Kind::Enum: return {{"enum", t.values}};
      case ast::TypeExpr::Kind::Record: return object(t.fields);
    }
    return Json::object();
  }

  bool fr_;
  std::string lang_;
  std::map<std::string, const ast::RecordDecl*> declared_;
  std::map<std::string, Json> defs_;
  std::set<std::string> pending_;  // reached, not yet written under $defs
  std::set<std::string> done_;     // reached
};

}  // namespace

std::vector<JsonSchemaFile> json_schemas(const catalog::Catalog& catalog, const std::string& lang) {
  std::map<std::string, const ast::RecordDecl*> kinds;
  for (const auto& r : catalog.records)
    if (r.decl->is_record_kind) kinds[r.decl->name] = r.decl;
  std::vector<JsonSchemaFile> out;
  for (const auto& [name, decl] : kinds) {
    Builder builder(catalog, lang);
    out.push_back({name + ".schema.json", name, builder.record(*decl).dump(2, ' ', false, Json::error_handler_t::replace) + "\n"});
  }
  return out;
}

}  // namespace cadre::report
