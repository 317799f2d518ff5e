#include "engine/verify/rdfc_bridge.hpp"

#include <nlohmann/json.hpp>

namespace cadre::verify {

std::optional<std::string> rdfc_canonical(const nlohmann::json&, std::string& unsupported) {
  // Fail closed until the canonicalization component is part of the build: a proof that
  // cannot be recomputed exactly is never called valid nor invalid.
  unsupported = "eddsa-rdfc-2022: the RDF canonicalization (JSON-LD toRdf + RDFC-1.0) is not in this build";
  return std::nullopt;
}

}  // namespace cadre::verify
