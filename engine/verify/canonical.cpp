// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/canonical.hpp"

#include "engine/verify/jsonld.hpp"
#include "engine/verify/rdfc.hpp"
#include "engine/verify/json_error.hpp"

#include <nlohmann/json.hpp>

namespace cadre::verify {

CanonicalResult canonicalize_jsonld(const nlohmann::json& document) {
  CanonicalResult result;
  try {
    const nlohmann::json expanded = jsonld::expand(document);
    RdfcResult canonical = canonicalize_rdf(jsonld::to_rdf(expanded));
    if (!canonical.nquads) {
      result.unsupported = canonical.too_complex;
      return result;
    }
    result.nquads = std::move(canonical.nquads);
  } catch (const jsonld::Error& e) {
    result.unsupported = e.what();
  } catch (const nlohmann::json::exception& e) {
    // A malformed document (e.g. an @id that is not a string deep in a value) is refused, not a crash.
    result.unsupported = "invalid JSON-LD: " + json_error_text(e);
  } catch (const std::exception& e) {
    // Last resort, so that a verifier fails closed rather than crashes.
    result.unsupported = std::string("invalid JSON-LD: ") + e.what();
  }
  return result;
}

}  // namespace cadre::verify
