// SPDX-License-Identifier: Apache-2.0
// An RDF dataset as JSON-LD's toRdf produces it and RDFC-1.0 canonicalizes it: quads of IRIs,
// blank nodes and literals, each graph named or default. Terms keep their lexical form; nothing
// here normalizes them, since canonicalization signs exactly what the serializer writes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cadre::verify {

struct RdfTerm {
  enum class Kind { none, iri, blank, literal };  // none: the default graph's "name"
  Kind kind = Kind::none;
  std::string value;     // IRI, blank node label without "_:", or lexical form
  std::string datatype;  // literals only: an IRI (xsd:string when absent from the source)
  std::string language;  // literals only: non-empty means rdf:langString

  static RdfTerm iri(std::string v) { return {Kind::iri, std::move(v), {}, {}}; }
  static RdfTerm blank(std::string label) { return {Kind::blank, std::move(label), {}, {}}; }
  static RdfTerm literal(std::string lexical, std::string datatype, std::string language = {}) {
    return {Kind::literal, std::move(lexical), std::move(datatype), std::move(language)};
  }
  bool is_blank() const { return kind == Kind::blank; }
  friend bool operator==(const RdfTerm&, const RdfTerm&) = default;
};

struct RdfQuad {
  RdfTerm subject, predicate, object, graph;  // graph.kind == none: the default graph
  friend bool operator==(const RdfQuad&, const RdfQuad&) = default;
};

using RdfDataset = std::vector<RdfQuad>;

inline constexpr std::string_view kXsdString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr std::string_view kRdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

}  // namespace cadre::verify
