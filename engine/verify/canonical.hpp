// SPDX-License-Identifier: Apache-2.0
// The canonical form that Data Integrity `eddsa-rdfc-2022` signs: a JSON-LD document turned
// into an RDF dataset (JSON-LD 1.1 toRdf, with cadre's pinned contexts only, never fetched),
// then canonicalized (RDFC-1.0, SHA-256) and serialized as canonical N-Quads.
// Pure: JSON in, text out; no file, no network. Fails closed: anything cadre cannot
// canonicalize exactly (an unknown context, a JSON-LD feature it does not implement, a
// dataset too complex to canonicalize within bounds) gives no text and a reason.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace cadre::verify {

struct CanonicalResult {
  /// The canonical N-Quads (each quad ends with "\n"), or nothing when `unsupported` is set.
  std::optional<std::string> nquads;
  /// Why there is no canonical form, e.g. "unsupported context: https://example.org/ctx",
  /// "unsupported: @reverse", "too complex: ..." (empty when `nquads` is set).
  std::string unsupported;
};

/// `document` (a JSON-LD document: an object or an array, with its "@context") canonicalized.
/// To check an eddsa-rdfc-2022 proof, call it twice: on the document without its "proof", and
/// on the proof configuration (the proof without "proofValue", with the document's "@context").
CanonicalResult canonicalize_jsonld(const nlohmann::json& document);

}  // namespace cadre::verify
