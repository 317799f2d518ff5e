// SPDX-License-Identifier: Apache-2.0
// JSON-LD 1.1 §7.2.2 node map generation and §8.1 deserialization to RDF, with the literal
// forms toRdf prescribes (canonical xsd:double, RFC 8785 JSON for rdf:JSON).
#include "engine/verify/jcs.hpp"
#include "engine/verify/jsonld.hpp"
#include "engine/verify/jsonld_internal.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cadre::verify::jsonld {

using nlohmann::json;
using namespace detail;

namespace {


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
    // Expansion leaves only arrays and maps here. A string or number would be walked as a map
    // by items() (a primitive iterates as itself), recursing without end.
    if (!element.is_object()) throw Error("invalid expanded document: a bare value where a node or value object belongs");
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
      if (is_keyword(key)) {
        // Another keyword on a node object (`@language` beside properties, which expansion
        // keeps): the reference implementation copies it to the node and toRdf ignores it, so
        // it makes no triple. Safe mode refuses what would be dropped.
        if (safe_mode_) throw Error("safe mode: " + key + " on a node object would be dropped");
        continue;
      }
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
      // The lexical form of an rdf:JSON literal is the value's RFC 8785 canonical form.
      auto canonical = jcs(value);
      if (!canonical) unsupported("a number in a @json value that JSON cannot carry");
      lexical = std::move(*canonical);
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

RdfDataset to_rdf(const json& expanded, const Options& options) {
  NodeMapper mapper(options.safe_mode);
  mapper.generate(expanded, "@default", std::nullopt, std::nullopt, nullptr);
  return RdfWriter(options).run(mapper.node_map);
}

}  // namespace cadre::verify::jsonld
