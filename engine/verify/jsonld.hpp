// SPDX-License-Identifier: Apache-2.0
// JSON-LD 1.1 (W3C Recommendation 2020) expansion and deserialization to RDF (toRdf), for the
// features the pinned contexts and real credentials use. Anything else is refused with a named
// reason, never processed approximately: a signature over a dataset cadre built differently
// from the signer would be a false "invalid", and a dataset silently missing a property would
// let unsigned content pass as signed.
#pragma once

#include "engine/verify/rdf.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cadre::verify::jsonld {

/// Why a document cannot be processed. The message starts with its kind:
/// "unsupported context: <url>", "unsupported JSON-LD feature: <what>", "invalid JSON-LD: <what>",
/// "safe mode: <what>" (content that JSON-LD would silently drop), or "too complex: <what>".
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A remote context loader: the parsed context document for a URL, or nullptr when unknown.
using ContextLoader = std::function<const nlohmann::json*(std::string_view url)>;

struct Options {
  /// Contexts by URL; the default serves the pinned contexts only (engine/verify/contexts/).
  ContextLoader load_context;
  /// Refuse content that expansion or toRdf would drop (undefined terms, relative IRIs,
  /// malformed language tags), as Data Integrity verifiers must. Off only to run W3C tests
  /// that check the dropping itself.
  bool safe_mode = true;
  /// Deepest JSON nesting accepted.
  int max_depth = 128;
};

/// The expanded form of `document` (JSON-LD 1.1 §5.1 Expansion Algorithm), always an array.
nlohmann::json expand(const nlohmann::json& document, const Options& options = {});

/// The RDF dataset of an expanded document (§8.1 Deserialize JSON-LD to RDF), blank nodes
/// labelled b0, b1... in node-map order.
RdfDataset to_rdf(const nlohmann::json& expanded, const Options& options = {});

/// The parsed pinned context for `url`, or nullptr (the default ContextLoader).
const nlohmann::json* pinned_context(std::string_view url);

}  // namespace cadre::verify::jsonld
