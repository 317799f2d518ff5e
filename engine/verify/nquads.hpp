// SPDX-License-Identifier: Apache-2.0
// N-Quads (RDF 1.1, W3C REC 2014): the canonical serialization RDFC-1.0 hashes and signs, and a
// strict parser for test data (the W3C rdf-canon suite's inputs).
#pragma once

#include "engine/verify/rdf.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace cadre::verify {

/// One term in canonical N-Quads form ("<iri>", "_:label", "\"lexical\"@lang", ...).
std::string nquads_term(const RdfTerm& term);
/// One quad as a canonical N-Quads line, ending with " .\n".
std::string nquads_line(const RdfQuad& quad);

struct NQuadsParse {
  std::optional<RdfDataset> dataset;
  std::string error;  // "line N: ..." when dataset is empty
};
/// `text` parsed as N-Quads (comments and blank lines allowed; \u and \U escapes decoded).
NQuadsParse parse_nquads(std::string_view text);

}  // namespace cadre::verify
