#include "engine/verify/jsonld.hpp"

#include "engine/verify/pinned_contexts.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace cadre::verify::jsonld {

using nlohmann::json;

namespace {

[[noreturn]] void unsupported(const std::string& what) { throw Error("unsupported JSON-LD feature: " + what); }
[[noreturn]] void invalid(const std::string& what) { throw Error("invalid JSON-LD: " + what); }

const std::set<std::string, std::less<>>& keywords() {
  static const std::set<std::string, std::less<>> k{
      "@base",    "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph",
      "@id",      "@import",    "@included", "@index",  "@json",      "@language", "@list",   "@nest",
      "@none",    "@omitDefault", "@prefix", "@preserve", "@propagate", "@protected", "@requireAll",
      "@reverse", "@set",       "@type",    "@value",   "@version",   "@vocab"};
  return k;
}
bool is_keyword(std::string_view s) { return keywords().contains(s); }

// "@" followed by ALPHA only: reserved for future keywords, ignored by processors (§3.7).
bool looks_like_keyword(std::string_view s) {
  if (s.size() < 2 || s[0] != '@') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

// An absolute IRI: a scheme (RFC 3987 §2.2) then ':'.
bool is_absolute_iri(std::string_view s) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = s[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Well-formed for RDF: absolute, and none of the characters N-Quads cannot write in an IRI.
bool is_well_formed_iri(std::string_view s) {
  if (!is_absolute_iri(s)) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
           c == '`' || c == '\\';
  });
}

bool is_blank_id(std::string_view s) { return s.size() > 2 && s[0] == '_' && s[1] == ':'; }

// BCP 47 shape (the check toRdf applies before writing a language tag).
bool is_well_formed_language(std::string_view s) {
  std::size_t i = 0, part = 0;
  while (i <= s.size()) {
    std::size_t j = s.find('-', i);
    if (j == std::string_view::npos) j = s.size();
    const std::string_view sub = s.substr(i, j - i);
    if (sub.empty() || sub.size() > 8) return false;
    for (char c : sub) {
      if (part == 0 ? !std::isalpha(static_cast<unsigned char>(c)) : !std::isalnum(static_cast<unsigned char>(c)))
        return false;
    }
    ++part;
    i = j + 1;
  }
  return part > 0;
}

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json as_array(const json& v) { return v.is_array() ? v : json::array({v}); }

// ---------------------------------------------------------------------------------------------
// Active context (§4.1)

struct TermDef {
  std::optional<std::string> iri;  // nullopt: the term is explicitly mapped to null
  bool prefix = false;
  bool is_protected = false;
  std::optional<std::string> type;
  std::set<std::string> container;
  bool has_language = false;
  std::optional<std::string> language;  // has_language && nullopt: "no language"
  std::shared_ptr<const json> local_context;
  std::string base_url;

  bool same_definition(const TermDef& o) const {
    const bool same_context = (!local_context && !o.local_context) ||
                              (local_context && o.local_context && *local_context == *o.local_context);
    return iri == o.iri && prefix == o.prefix && type == o.type && container == o.container &&
           has_language == o.has_language && language == o.language && same_context;
  }
};

struct Context;
using ContextPtr = std::shared_ptr<const Context>;

struct Context {
  std::map<std::string, TermDef, std::less<>> terms;
  std::optional<std::string> vocab;
  std::optional<std::string> default_language;
  ContextPtr previous;  // set by non-propagated (type-scoped) contexts

  const TermDef* find(std::string_view term) const {
    auto it = terms.find(term);
    return it == terms.end() ? nullptr : &it->second;
  }
};

class Processor {
 public:
  explicit Processor(const Options& options) : options_(options) {
    if (!options_.load_context) options_.load_context = &pinned_context;
  }

  json expand_document(const json& document) {
    ContextPtr initial = std::make_shared<Context>();
    json expanded = expand(initial, std::nullopt, document, 0, false);
    if (expanded.is_object() && expanded.size() == 1 && expanded.contains("@graph")) expanded = expanded["@graph"];
    if (expanded.is_null()) expanded = json::array();
    return as_array(expanded);
  }

 private:
  void safe(const std::string& what) const {
    if (options_.safe_mode) throw Error("safe mode: " + what);
  }
  // An IRI-expanded @id or @type: a keyword-like string ("@foo") expands to nothing and is dropped.
  json iri_or_null(const ContextPtr& active, const std::string& value, bool vocab) {
    std::optional<std::string> iri = expand_iri(active, value, true, vocab);
    if (!iri) {
      safe("\"" + value + "\" has the form of a keyword and would be dropped");
      return nullptr;
    }
    return *iri;
  }

  // ---- Context processing (§4.1.2) ----
  ContextPtr process_context(const ContextPtr& active, const json& local, std::vector<std::string> remote,
                             bool override_protected = false, bool propagate = true, bool validate_scoped = true) {
    auto result = std::make_shared<Context>(*active);
    if (local.is_object() && local.contains("@propagate")) {
      if (!local["@propagate"].is_boolean()) invalid("invalid @propagate value");
      propagate = local["@propagate"].get<bool>();
    }
    if (!propagate && !result->previous) result->previous = active;
    for (const json& context : as_array(local)) {
      if (context.is_null()) {
        if (!override_protected) {
          for (const auto& [term, def] : result->terms) {
            if (def.is_protected) invalid("invalid context nullification (protected term \"" + term + "\")");
          }
        }
        auto fresh = std::make_shared<Context>();
        if (!propagate) fresh->previous = result;
        result = fresh;
        continue;
      }
      if (context.is_string()) {
        const std::string url = context.get<std::string>();
        if (!validate_scoped && std::find(remote.begin(), remote.end(), url) != remote.end()) continue;
        if (remote.size() > 32) invalid("context overflow (more than 32 remote contexts)");
        remote.push_back(url);
        const json* document = options_.load_context(url);
        if (document == nullptr) throw Error("unsupported context: " + url);
        if (!document->is_object() || !document->contains("@context")) invalid("remote context " + url + " has no @context");
        result = std::const_pointer_cast<Context>(
            process_context(result, (*document)["@context"], remote, false, true, validate_scoped));
        continue;
      }
      if (!context.is_object()) invalid("invalid local context");
      if (context.contains("@version") && !(context["@version"].is_number() && context["@version"].get<double>() == 1.1))
        invalid("invalid @version value");
      if (context.contains("@import")) unsupported("@import");
      if (context.contains("@base")) unsupported("@base");
      if (context.contains("@direction") && !context["@direction"].is_null()) unsupported("@direction");
      if (context.contains("@vocab")) {
        const json& v = context["@vocab"];
        if (v.is_null()) {
          result->vocab.reset();
        } else if (v.is_string()) {
          std::optional<std::string> iri = expand_iri(*result, v.get<std::string>(), true, true, nullptr, nullptr);
          if (!iri || !(is_absolute_iri(*iri) || is_blank_id(*iri))) {
            if (options_.safe_mode || !iri) throw Error("safe mode: relative @vocab \"" + v.get<std::string>() + "\"");
          }
          result->vocab = iri;
        } else {
          invalid("invalid vocab mapping");
        }
      }
      if (context.contains("@language")) {
        const json& v = context["@language"];
        if (v.is_null()) result->default_language.reset();
        else if (v.is_string()) result->default_language = lowercase(v.get<std::string>());
        else invalid("invalid default language");
      }
      bool protect = false;
      if (context.contains("@protected")) {
        if (!context["@protected"].is_boolean()) invalid("invalid @protected value");
        protect = context["@protected"].get<bool>();
      }
      std::map<std::string, bool> defined;
      for (const auto& [key, value] : context.items()) {
        static const std::set<std::string> skip{"@base", "@direction", "@import", "@language", "@propagate",
                                                "@protected", "@version", "@vocab"};
        if (skip.contains(key)) continue;
        create_term(*result, context, key, defined, protect, override_protected, remote, validate_scoped);
      }
    }
    return result;
  }

  // ---- Create term definition (§4.2.2) ----
  void create_term(Context& active, const json& local, const std::string& term, std::map<std::string, bool>& defined,
                   bool protect, bool override_protected, const std::vector<std::string>& remote,
                   bool validate_scoped) {
    if (auto it = defined.find(term); it != defined.end()) {
      if (it->second) return;
      invalid("cyclic IRI mapping at \"" + term + "\"");
    }
    if (term.empty()) invalid("invalid term definition: empty term");
    defined[term] = false;
    json value = local[term];
    if (term == "@type" && value.is_object()) {
      for (const auto& [k, v] : value.items()) {
        if (!(k == "@protected" || (k == "@container" && v == "@set"))) invalid("keyword redefinition: @type");
      }
      if (!value.contains("@container")) invalid("keyword redefinition: @type");
    } else if (is_keyword(term)) {
      invalid("keyword redefinition: " + term);
    } else if (looks_like_keyword(term)) {
      defined[term] = true;  // ignored, as the spec says
      return;
    }
    std::optional<TermDef> previous;
    if (auto it = active.terms.find(term); it != active.terms.end()) {
      previous = it->second;
      active.terms.erase(it);
    }
    bool simple = false;
    if (value.is_null()) value = json{{"@id", nullptr}};
    if (value.is_string()) {
      simple = true;
      value = json{{"@id", value}};
    }
    if (!value.is_object()) invalid("invalid term definition: \"" + term + "\"");
    static const std::set<std::string> allowed{"@id", "@reverse", "@container", "@context", "@direction", "@index",
                                               "@language", "@nest", "@prefix", "@protected", "@type"};
    for (const auto& [k, v] : value.items()) {
      if (!allowed.contains(k)) invalid("invalid term definition: \"" + term + "\" has " + k);
    }
    TermDef def;
    def.is_protected = protect;
    if (value.contains("@protected")) {
      if (!value["@protected"].is_boolean()) invalid("invalid @protected value");
      def.is_protected = value["@protected"].get<bool>();
    }
    if (value.contains("@type")) {
      if (!value["@type"].is_string()) invalid("invalid type mapping for \"" + term + "\"");
      std::optional<std::string> type = expand_iri(active, value["@type"].get<std::string>(), false, true, &local, &defined);
      if (!type || !(*type == "@id" || *type == "@json" || *type == "@none" || *type == "@vocab" || is_absolute_iri(*type)))
        invalid("invalid type mapping for \"" + term + "\"");
      def.type = type;
    }
    if (value.contains("@reverse")) unsupported("@reverse (term \"" + term + "\")");
    if (value.contains("@index")) unsupported("@index (term \"" + term + "\")");
    if (value.contains("@nest")) unsupported("@nest (term \"" + term + "\")");
    if (value.contains("@direction") && !value["@direction"].is_null()) unsupported("@direction (term \"" + term + "\")");

    if (value.contains("@id") && value["@id"] != json(term)) {
      const json& id = value["@id"];
      if (id.is_null()) {
        def.iri.reset();
      } else {
        if (!id.is_string()) invalid("invalid IRI mapping for \"" + term + "\"");
        const std::string id_text = id.get<std::string>();
        if (!is_keyword(id_text) && looks_like_keyword(id_text)) {
          defined[term] = true;  // ignored
          return;
        }
        def.iri = expand_iri(active, id_text, false, true, &local, &defined);
        if (!def.iri || (!is_keyword(*def.iri) && !is_absolute_iri(*def.iri) && !is_blank_id(*def.iri)))
          invalid("invalid IRI mapping for \"" + term + "\"");
        if (*def.iri == "@context") invalid("invalid keyword alias: \"" + term + "\"");
        if ((term.find(':', 1) != std::string::npos && term.find(':', 1) < term.size() - 1) ||
            term.find('/') != std::string::npos) {
          defined[term] = true;
          if (expand_iri(active, term, false, true, &local, &defined) != def.iri)
            invalid("invalid IRI mapping: \"" + term + "\" does not expand to its @id");
        }
        if (term.find(':') == std::string::npos && term.find('/') == std::string::npos && simple) {
          static const std::string gen_delims = ":/?#[]@";
          def.prefix = is_blank_id(*def.iri) || gen_delims.find(def.iri->back()) != std::string::npos;
        }
      }
    } else if (term.find(':', 1) != std::string::npos) {
      const std::size_t colon = term.find(':', 1);
      const std::string prefix = term.substr(0, colon), suffix = term.substr(colon + 1);
      if (local.contains(prefix)) create_term(active, local, prefix, defined, protect, override_protected, remote, validate_scoped);
      const TermDef* p = active.find(prefix);
      if (p && p->iri) def.iri = *p->iri + suffix;
      else def.iri = term;
    } else if (term.find('/') != std::string::npos) {
      if (!is_absolute_iri(term)) invalid("invalid IRI mapping for \"" + term + "\"");
      def.iri = term;
    } else if (term == "@type") {
      def.iri = "@type";
    } else if (active.vocab) {
      def.iri = *active.vocab + term;
    } else {
      invalid("invalid IRI mapping: \"" + term + "\" without @vocab");
    }

    if (value.contains("@container")) {
      static const std::set<std::string> known{"@graph", "@id", "@index", "@language", "@list", "@set", "@type"};
      for (const json& c : as_array(value["@container"])) {
        if (!c.is_string() || !known.contains(c.get<std::string>())) invalid("invalid container mapping for \"" + term + "\"");
        def.container.insert(c.get<std::string>());
      }
      for (const char* map : {"@id", "@index", "@type"}) {
        if (def.container.contains(map)) unsupported(std::string(map) + " container (term \"" + term + "\")");
      }
    }
    if (value.contains("@context")) {
      def.local_context = std::make_shared<const json>(value["@context"]);
      if (validate_scoped) {
        // Processed once now so that a scoped context naming an unknown URL fails even unused.
        process_context(std::make_shared<Context>(active), *def.local_context, remote, true, true, false);
      }
    }
    if (value.contains("@language") && !value.contains("@type")) {
      const json& lang = value["@language"];
      if (!lang.is_null() && !lang.is_string()) invalid("invalid language mapping for \"" + term + "\"");
      def.has_language = true;
      if (lang.is_string()) def.language = lowercase(lang.get<std::string>());
    }
    if (value.contains("@prefix")) {
      if (term.find(':') != std::string::npos || term.find('/') != std::string::npos || !value["@prefix"].is_boolean())
        invalid("invalid @prefix for \"" + term + "\"");
      def.prefix = value["@prefix"].get<bool>();
      if (def.prefix && def.iri && is_keyword(*def.iri)) invalid("invalid term definition: keyword alias \"" + term + "\" as a prefix");
    }
    if (!override_protected && previous && previous->is_protected) {
      if (!previous->same_definition(def)) invalid("protected term redefinition: \"" + term + "\"");
      def = *previous;
    }
    active.terms[term] = std::move(def);
    defined[term] = true;
  }

  // ---- IRI expansion (§5.2.2) ----
  std::optional<std::string> expand_iri(Context& active, const std::string& value, bool document_relative, bool vocab,
                                        const json* local, std::map<std::string, bool>* defined) {
    if (is_keyword(value)) return value;
    if (looks_like_keyword(value)) return std::nullopt;
    if (local && local->contains(value)) {
      auto it = defined->find(value);
      if (it == defined->end() || !it->second) create_term(active, *local, value, *defined, false, false, {}, true);
    }
    if (const TermDef* def = active.find(value)) {
      if (def->iri && is_keyword(*def->iri)) return def->iri;
      if (vocab) return def->iri;
    }
    const std::size_t colon = value.find(':', 1);
    if (colon != std::string::npos) {
      const std::string prefix = value.substr(0, colon), suffix = value.substr(colon + 1);
      if (prefix == "_" || suffix.starts_with("//")) return value;
      if (local && local->contains(prefix)) {
        auto it = defined->find(prefix);
        if (it == defined->end() || !it->second) create_term(active, *local, prefix, *defined, false, false, {}, true);
      }
      if (const TermDef* def = active.find(prefix); def && def->iri && def->prefix) return *def->iri + suffix;
      if (is_absolute_iri(value)) return value;
    }
    if (vocab && active.vocab) return *active.vocab + value;
    (void)document_relative;  // no document base: a relative IRI stays relative, and toRdf refuses it
    return value;
  }
  std::optional<std::string> expand_iri(const ContextPtr& active, const std::string& value, bool document_relative,
                                        bool vocab) {
    return expand_iri(const_cast<Context&>(*active), value, document_relative, vocab, nullptr, nullptr);
  }

  // ---- Value expansion (§5.3.2) ----
  json expand_value(const ContextPtr& active, const std::string& property, const json& value) {
    const TermDef* def = active->find(property);
    if (def && def->type && value.is_string()) {
      if (*def->type == "@id" || *def->type == "@vocab") {
        json id = iri_or_null(active, value.get<std::string>(), *def->type == "@vocab");
        return id.is_null() ? json(nullptr) : json{{"@id", id}};
      }
    }
    json result{{"@value", value}};
    if (def && def->type && *def->type != "@id" && *def->type != "@vocab" && *def->type != "@none") {
      result["@type"] = *def->type;
    } else if (value.is_string()) {
      std::optional<std::string> language = def && def->has_language ? def->language : active->default_language;
      if (language) result["@language"] = *language;
    }
    return result;
  }

  // ---- Expansion (§5.1.2) ----
  json expand(ContextPtr active, const std::optional<std::string>& property, const json& element, int depth,
              bool from_map) {
    if (depth > options_.max_depth) throw Error("too complex: JSON nesting deeper than " + std::to_string(options_.max_depth));
    if (element.is_null()) return nullptr;
    const TermDef* property_def = property ? active->find(*property) : nullptr;
    std::shared_ptr<const json> property_scoped = property_def ? property_def->local_context : nullptr;

    if (!element.is_object() && !element.is_array()) {
      if (!property || *property == "@graph") {
        safe("a free-floating value (" + element.dump() + ") would be dropped");
        return nullptr;
      }
      if (property_scoped) active = process_context(active, *property_scoped, {}, true);
      return expand_value(active, *property, element);
    }
    if (element.is_array()) {
      json result = json::array();
      const bool list_container = property_def && property_def->container.contains("@list");
      for (const json& item : element) {
        json expanded = expand(active, property, item, depth + 1, from_map);
        if (list_container && expanded.is_array()) expanded = json{{"@list", expanded}};
        if (expanded.is_array()) {
          for (json& e : expanded) result.push_back(std::move(e));
        } else if (!expanded.is_null()) {
          result.push_back(std::move(expanded));
        }
      }
      return result;
    }

    // A map. Step 7: a type-scoped context does not reach into nested node objects.
    if (active->previous && !from_map) {
      bool revert = true;
      bool only_id = element.size() == 1;
      for (const auto& [key, v] : element.items()) {
        const std::optional<std::string> k = expand_iri(active, key, false, true);
        if (k == "@value") revert = false;
        if (k != "@id") only_id = false;
      }
      if (only_id) revert = false;
      if (revert) active = active->previous;
    }
    if (property_scoped) active = process_context(active, *property_scoped, {}, true);
    if (element.contains("@context")) active = process_context(active, element["@context"], {});
    const ContextPtr type_scoped = active;

    std::vector<std::string> keys;
    for (const auto& [key, v] : element.items()) keys.push_back(key);  // nlohmann objects iterate sorted
    std::string type_key_input;
    for (const std::string& key : keys) {
      if (expand_iri(active, key, false, true) != "@type") continue;
      std::vector<std::string> types;
      for (const json& t : as_array(element[key])) {
        if (t.is_string()) types.push_back(t.get<std::string>());
      }
      std::sort(types.begin(), types.end());
      for (const std::string& t : types) {
        const TermDef* def = type_scoped->find(t);
        if (def && def->local_context) {
          active = process_context(active, *def->local_context, {}, false, false);
        }
      }
    }

    json result = json::object();
    for (const std::string& key : keys) {
      const json& value = element[key];
      if (key == "@context") continue;
      const std::optional<std::string> expanded_property = expand_iri(active, key, false, true);
      if (!expanded_property || (!is_absolute_iri(*expanded_property) && !is_blank_id(*expanded_property) &&
                                 !is_keyword(*expanded_property))) {
        safe("property \"" + key + "\" is not defined by the context and would be dropped");
        continue;
      }
      if (is_keyword(*expanded_property)) {
        const std::string& kw = *expanded_property;
        if (property == "@reverse") unsupported("@reverse");
        if (result.contains(kw) && kw != "@type") invalid("colliding keywords: " + kw);
        json expanded_value;
        if (kw == "@id") {
          if (!value.is_string()) invalid("invalid @id value");
          expanded_value = iri_or_null(active, value.get<std::string>(), false);
        } else if (kw == "@type") {
          if (value.is_string()) {
            expanded_value = iri_or_null(type_scoped, value.get<std::string>(), true);
          } else if (value.is_array()) {
            expanded_value = json::array();
            for (const json& t : value) {
              if (!t.is_string()) invalid("invalid type value");
              json type = iri_or_null(type_scoped, t.get<std::string>(), true);
              if (!type.is_null()) expanded_value.push_back(std::move(type));
            }
          } else {
            invalid("invalid type value");
          }
          if (result.contains("@type") && !expanded_value.is_null()) {
            json merged = as_array(result["@type"]);
            for (const json& t : as_array(expanded_value)) merged.push_back(t);
            expanded_value = merged;
          }
        } else if (kw == "@graph") {
          expanded_value = as_array(expand(active, std::string("@graph"), value, depth + 1, false));
        } else if (kw == "@value") {
          result["@value"] = value;  // a structured value is valid only with type @json, checked below
          continue;
        } else if (kw == "@language") {
          if (!value.is_string()) invalid("invalid language-tagged string");
          expanded_value = lowercase(value.get<std::string>());
        } else if (kw == "@index") {
          if (!value.is_string()) invalid("invalid @index value");
          expanded_value = value;
        } else if (kw == "@list") {
          if (!property || *property == "@graph") {
            safe("a free-floating @list would be dropped");
            continue;
          }
          expanded_value = as_array(expand(active, property, value, depth + 1, false));
        } else if (kw == "@set") {
          expanded_value = expand(active, property, value, depth + 1, false);
        } else if (kw == "@direction" || kw == "@reverse" || kw == "@nest" || kw == "@included") {
          unsupported(kw);
        } else {
          unsupported(kw + " in a document");
        }
        if (!expanded_value.is_null()) result[kw] = std::move(expanded_value);
        continue;
      }

      const TermDef* def = active->find(key);
      json expanded_value;
      if (def && def->type == "@json") {
        expanded_value = json{{"@value", value}, {"@type", "@json"}};
      } else if (def && def->container.contains("@language") && value.is_object()) {
        expanded_value = json::array();
        for (const auto& [language, items] : value.items()) {
          for (const json& item : as_array(items)) {
            if (item.is_null()) continue;
            if (!item.is_string()) invalid("invalid language map value for \"" + key + "\"");
            json v{{"@value", item}};
            if (language != "@none" && expand_iri(active, language, false, true) != "@none")
              v["@language"] = lowercase(language);
            expanded_value.push_back(std::move(v));
          }
        }
      } else {
        expanded_value = expand(active, key, value, depth + 1, false);
      }
      if (expanded_value.is_null()) continue;
      if (def && def->container.contains("@list") && !(expanded_value.is_object() && expanded_value.contains("@list"))) {
        expanded_value = json{{"@list", as_array(expanded_value)}};
      }
      if (def && def->container.contains("@graph")) {
        json graphs = json::array();
        for (const json& ev : as_array(expanded_value)) graphs.push_back(json{{"@graph", as_array(ev)}});
        expanded_value = std::move(graphs);
      }
      json& slot = result[*expanded_property];
      if (slot.is_null()) slot = json::array();
      for (const json& ev : as_array(expanded_value)) slot.push_back(ev);
    }

    if (result.contains("@value")) {
      for (const auto& [k, v] : result.items()) {
        if (k != "@value" && k != "@type" && k != "@language" && k != "@index") invalid("invalid value object (" + k + ")");
      }
      if (result.contains("@type") && result.contains("@language")) invalid("invalid value object (@type with @language)");
      const json& v = result["@value"];
      const bool is_json = result.contains("@type") && result["@type"] == "@json";
      if (v.is_null() && !is_json) return nullptr;
      if (!is_json && (v.is_object() || v.is_array())) invalid("invalid value object value");
      if (!is_json && result.contains("@language") && !v.is_string()) invalid("invalid language-tagged value");
      if (result.contains("@type") && !is_json) {
        if (!result["@type"].is_string()) invalid("invalid typed value " + result["@type"].dump());
        if (!is_well_formed_iri(result["@type"].get<std::string>())) {
          if (options_.safe_mode) throw Error("safe mode: value type " + result["@type"].dump() + " is not an absolute IRI");
          invalid("invalid typed value " + result["@type"].dump());
        }
      }
    } else if (result.contains("@type") && !result["@type"].is_array()) {
      result["@type"] = json::array({result["@type"]});
    } else if (result.contains("@set") || result.contains("@list")) {
      for (const auto& [k, v] : result.items()) {
        if (k != "@set" && k != "@list" && k != "@index") invalid("invalid set or list object");
      }
      if (result.contains("@set")) return result["@set"];
    }
    if (result.size() == 1 && result.contains("@language")) return nullptr;
    if (!property || *property == "@graph") {
      if (result.empty() || result.contains("@value") || result.contains("@list")) {
        if (result.contains("@value") || result.contains("@list")) safe("a free-floating value would be dropped");
        return nullptr;
      }
      if (result.size() == 1 && result.contains("@id")) return nullptr;
    }
    return result;
  }

  Options options_;
};

// ---------------------------------------------------------------------------------------------
// toRdf (§7.2.2 node map generation, §8.1 deserialize)

class NodeMapper {
 public:
  explicit NodeMapper(bool safe_mode) : safe_mode_(safe_mode) {}
  json node_map = json::object();

  void generate(const json& element, const std::string& graph_name, const std::optional<std::string>& subject,
                const std::optional<std::string>& property, json* list) {
    if (element.is_array()) {
      for (const json& item : element) generate(item, graph_name, subject, property, list);
      return;
    }
    json& graph = node_map[graph_name];
    if (graph.is_null()) graph = json::object();
    auto add_unique = [](json& array, const json& item) {
      if (array.is_null()) array = json::array();
      for (const json& existing : array) {
        if (existing == item) return;
      }
      array.push_back(item);
    };
    const bool free_floating = !list && (!subject || !property);
    if (free_floating && (element.contains("@value") || element.contains("@list"))) {
      // A value outside any node (e.g. from a top-level @set): toRdf has no triple for it.
      if (safe_mode_) throw Error("safe mode: a free-floating value would be dropped");
      return;
    }
    if (element.contains("@value")) {
      if (list) list->at("@list").push_back(element);
      else add_unique(graph[*subject][*property], element);
      return;
    }
    if (element.contains("@list")) {
      json result{{"@list", json::array()}};
      generate(element["@list"], graph_name, subject, property, &result);
      if (list) list->at("@list").push_back(result);
      else {
        json& slot = graph[*subject][*property];
        if (slot.is_null()) slot = json::array();
        slot.push_back(result);
      }
      return;
    }
    std::string id;
    if (element.contains("@id")) {
      id = element["@id"].get<std::string>();
      if (is_blank_id(id)) id = relabel(id);
    } else {
      id = fresh();
    }
    if (!graph.contains(id)) graph[id] = json{{"@id", id}};
    if (subject && property) {
      const json reference{{"@id", id}};
      if (list) list->at("@list").push_back(reference);
      else add_unique(node_map[graph_name][*subject][*property], reference);
    }
    if (element.contains("@type")) {
      for (const json& t : element["@type"]) {
        std::string type = t.get<std::string>();
        if (is_blank_id(type)) type = relabel(type);
        add_unique(node_map[graph_name][id]["@type"], type);
      }
    }
    if (element.contains("@index")) {
      json& node = node_map[graph_name][id];
      if (node.contains("@index") && node["@index"] != element["@index"]) invalid("conflicting indexes");
      node["@index"] = element["@index"];
    }
    if (element.contains("@graph")) generate(element["@graph"], id, std::nullopt, std::nullopt, nullptr);
    for (const auto& [key, value] : element.items()) {
      if (key == "@id" || key == "@type" || key == "@index" || key == "@graph") continue;
      std::string p = key;
      if (is_blank_id(p)) p = relabel(p);
      json& node = node_map[graph_name][id];
      if (!node.contains(p)) node[p] = json::array();
      generate(value, graph_name, id, p, nullptr);
    }
  }

 private:
  std::string relabel(const std::string& label) {
    auto it = labels_.find(label);
    if (it != labels_.end()) return it->second;
    return labels_[label] = fresh();
  }
  std::string fresh() { return "_:b" + std::to_string(counter_++); }
  bool safe_mode_;
  std::map<std::string, std::string> labels_;
  std::size_t counter_ = 0;
};

constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";

// JSON-LD's canonical xsd:double form, as ECMAScript's toExponential(15) then trimmed: 1.1E0.
std::string canonical_double(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.15e", v);
  std::string text = buffer;
  const std::size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  const int exponent = std::stoi(text.substr(e + 1));
  while (mantissa.size() > 3 && mantissa.back() == '0' && mantissa[mantissa.size() - 2] != '.') mantissa.pop_back();
  if (mantissa.back() == '0' && mantissa.size() > 2 && mantissa[mantissa.size() - 2] == '.') {
    // "5.0" stays: at least one fraction digit, as the reference algorithm keeps.
  }
  return mantissa + "E" + std::to_string(exponent);
}

// ECMAScript Number::toString, for numbers inside an rdf:JSON literal (RFC 8785 §3.2.2.3).
std::string ecmascript_number(double v) {
  if (v == 0) return "0";
  if (!std::isfinite(v)) invalid("number out of range in a @json value");
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific);
  std::string text(buffer, end);
  std::string sign;
  if (text[0] == '-') {
    sign = "-";
    text.erase(0, 1);
  }
  const std::size_t e = text.find('e');
  std::string digits = text.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int n = std::stoi(text.substr(e + 1)) + 1;
  const int k = static_cast<int>(digits.size());
  std::string out;
  if (k <= n && n <= 21) out = digits + std::string(static_cast<std::size_t>(n - k), '0');
  else if (0 < n && n <= 21) out = digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
  else if (-6 < n && n <= 0) out = "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  else {
    const int x = n - 1;
    out = digits.substr(0, 1) + (k > 1 ? "." + digits.substr(1) : "") + "e" + (x < 0 ? "-" : "+") + std::to_string(std::abs(x));
  }
  return sign + out;
}

std::u16string utf16(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp;
    std::size_t len;
    if (c < 0x80) { cp = c; len = 1; }
    else if (c < 0xE0) { cp = c & 0x1F; len = 2; }
    else if (c < 0xF0) { cp = c & 0x0F; len = 3; }
    else { cp = c & 0x07; len = 4; }
    for (std::size_t j = 1; j < len && i + j < s.size(); ++j) cp = (cp << 6) | (static_cast<unsigned char>(s[i + j]) & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

// RFC 8785 JSON Canonicalization Scheme: the lexical form of an rdf:JSON literal.
void canonical_json(const json& v, std::string& out) {
  switch (v.type()) {
    case json::value_t::object: {
      std::vector<std::pair<std::u16string, const std::string*>> keys;
      for (const auto& [k, item] : v.items()) keys.emplace_back(utf16(k), &k);
      std::sort(keys.begin(), keys.end());
      out += '{';
      bool first = true;
      for (const auto& [u, k] : keys) {
        if (!first) out += ',';
        first = false;
        out += json(*k).dump();
        out += ':';
        canonical_json(v.at(*k), out);
      }
      out += '}';
      break;
    }
    case json::value_t::array: {
      out += '[';
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        canonical_json(v[i], out);
      }
      out += ']';
      break;
    }
    case json::value_t::number_float: out += ecmascript_number(v.get<double>()); break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: {
      const double d = v.get<double>();
      if (std::abs(d) > 9007199254740992.0) unsupported("integer beyond 2^53 in a @json value");
      out += v.dump();
      break;
    }
    default: out += v.dump(); break;  // strings (nlohmann escapes as JSON.stringify does), true, false, null
  }
}

class RdfWriter {
 public:
  explicit RdfWriter(const Options& options) : options_(options) {}

  RdfDataset run(const json& node_map) {
    for (const auto& [graph_name, graph] : node_map.items()) {
      RdfTerm graph_term;
      if (graph_name != "@default") {
        if (!is_blank_id(graph_name) && !is_well_formed_iri(graph_name)) {
          refuse("graph name \"" + graph_name + "\" is not an absolute IRI");
          continue;
        }
        graph_term = resource(graph_name);
      }
      for (const auto& [subject, node] : graph.items()) {
        if (!is_blank_id(subject) && !is_well_formed_iri(subject)) {
          refuse("node id \"" + subject + "\" is not an absolute IRI");
          continue;
        }
        const RdfTerm s = resource(subject);
        for (const auto& [property, values] : node.items()) {
          if (property == "@type") {
            for (const json& t : values) {
              const std::string type = t.get<std::string>();
              if (!is_blank_id(type) && !is_well_formed_iri(type)) {
                refuse("type \"" + type + "\" is not an absolute IRI");
                continue;
              }
              quads_.push_back({s, RdfTerm::iri(std::string(kRdf) + "type"), resource(type), graph_term});
            }
            continue;
          }
          if (is_keyword(property)) continue;
          if (is_blank_id(property)) {
            refuse("property \"" + property + "\" is a blank node (generalized RDF)");
            continue;
          }
          if (!is_well_formed_iri(property)) {
            refuse("property \"" + property + "\" is not an absolute IRI");
            continue;
          }
          const RdfTerm p = RdfTerm::iri(property);
          for (const json& item : values) {
            if (item.contains("@list")) {
              const std::optional<RdfTerm> head = list(item["@list"], graph_term);
              if (head) quads_.push_back({s, p, *head, graph_term});
            } else if (std::optional<RdfTerm> o = object(item)) {
              quads_.push_back({s, p, *o, graph_term});
            }
          }
        }
      }
    }
    return std::move(quads_);
  }

 private:
  void refuse(const std::string& what) const {
    if (options_.safe_mode) throw Error("safe mode: " + what + " and would be dropped");
  }
  static RdfTerm resource(const std::string& id) {
    return is_blank_id(id) ? RdfTerm::blank(id.substr(2)) : RdfTerm::iri(id);
  }

  std::optional<RdfTerm> object(const json& item) {
    if (item.contains("@id") && !item.contains("@value")) {
      const std::string id = item["@id"].get<std::string>();
      if (!is_blank_id(id) && !is_well_formed_iri(id)) {
        refuse("reference \"" + id + "\" is not an absolute IRI");
        return std::nullopt;
      }
      return resource(id);
    }
    const json& value = item["@value"];
    std::string datatype = item.contains("@type") ? item["@type"].get<std::string>() : std::string();
    if (!datatype.empty() && datatype != "@json" && !is_well_formed_iri(datatype)) {
      refuse("datatype \"" + datatype + "\" is not an absolute IRI");
      return std::nullopt;
    }
    if (item.contains("@language") && !is_well_formed_language(item["@language"].get<std::string>())) {
      refuse("language tag \"" + item["@language"].get<std::string>() + "\" is not well-formed");
      return std::nullopt;
    }
    std::string lexical;
    if (datatype == "@json") {
      canonical_json(value, lexical);
      datatype = std::string(kRdf) + "JSON";
    } else if (value.is_boolean()) {
      lexical = value.get<bool>() ? "true" : "false";
      if (datatype.empty()) datatype = std::string(kXsd) + "boolean";
    } else if (value.is_number()) {
      const double d = value.get<double>();
      if (!std::isfinite(d)) invalid("number out of range (" + value.dump() + ")");
      const bool integral = value.is_number_integer() || value.is_number_unsigned() || d == std::floor(d);
      if (!integral || std::abs(d) >= 1e21 || datatype == std::string(kXsd) + "double") {
        lexical = canonical_double(d);
        if (datatype.empty()) datatype = std::string(kXsd) + "double";
      } else {
        if (std::abs(d) > 9007199254740992.0) unsupported("integer beyond 2^53 (" + value.dump() + ")");
        lexical = value.is_number_float() ? std::to_string(static_cast<long long>(d)) : value.dump();
        if (datatype.empty()) datatype = std::string(kXsd) + "integer";
      }
    } else if (value.is_string()) {
      lexical = value.get<std::string>();
      if (item.contains("@language")) {
        return RdfTerm::literal(lexical, std::string(kRdfLangString), item["@language"].get<std::string>());
      }
      if (datatype.empty()) datatype = std::string(kXsdString);
    } else {
      invalid("invalid value object value");
    }
    return RdfTerm::literal(lexical, datatype);
  }

  std::optional<RdfTerm> list(const json& items, const RdfTerm& graph) {
    if (items.empty()) return RdfTerm::iri(std::string(kRdf) + "nil");
    std::vector<RdfTerm> nodes;
    for (std::size_t i = 0; i < items.size(); ++i) nodes.push_back(RdfTerm::blank("l" + std::to_string(list_counter_++)));
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::optional<RdfTerm> o = items[i].contains("@list") ? list(items[i]["@list"], graph) : object(items[i]);
      if (o) quads_.push_back({nodes[i], RdfTerm::iri(std::string(kRdf) + "first"), *o, graph});
      const RdfTerm rest = i + 1 < items.size() ? nodes[i + 1] : RdfTerm::iri(std::string(kRdf) + "nil");
      quads_.push_back({nodes[i], RdfTerm::iri(std::string(kRdf) + "rest"), rest, graph});
    }
    return nodes.front();
  }

  const Options& options_;
  RdfDataset quads_;
  std::size_t list_counter_ = 0;
};

}  // namespace

const json* pinned_context(std::string_view url) {
  // Parsed once per process; the map never changes after initialization.
  static const std::map<std::string, json, std::less<>> parsed = [] {
    std::map<std::string, json, std::less<>> m;
    for (const PinnedContext& pin : pinned_contexts()) {
      if (const std::optional<std::string_view> bytes = pinned_context_document(pin.url)) {
        m.emplace(std::string(pin.url), json::parse(*bytes));
      }
    }
    return m;
  }();
  auto it = parsed.find(url);
  return it == parsed.end() ? nullptr : &it->second;
}

json expand(const json& document, const Options& options) { return Processor(options).expand_document(document); }

RdfDataset to_rdf(const json& expanded, const Options& options) {
  NodeMapper mapper(options.safe_mode);
  mapper.generate(expanded, "@default", std::nullopt, std::nullopt, nullptr);
  return RdfWriter(options).run(mapper.node_map);
}

}  // namespace cadre::verify::jsonld
