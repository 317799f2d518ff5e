// SPDX-License-Identifier: Apache-2.0
// JSON-LD 1.1 context processing (§4) and expansion (§5), for the features cadre supports.
#include "engine/verify/jsonld.hpp"

#include "engine/verify/jsonld_internal.hpp"
#include "engine/verify/pinned_contexts.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace cadre::verify::jsonld {

using nlohmann::json;
using namespace detail;

namespace {

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
  // Without a local context, IRI expansion only reads the active context (the cast is safe).
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

}  // namespace cadre::verify::jsonld
