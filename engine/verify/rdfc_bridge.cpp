// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/rdfc_bridge.hpp"

#include <nlohmann/json.hpp>

#include "engine/verify/canonical.hpp"

namespace cadre::verify {

std::optional<std::string> rdfc_canonical(const nlohmann::json& document, std::string& unsupported) {
  auto result = canonicalize_jsonld(document);
  if (!result.nquads) {
    unsupported = "eddsa-rdfc-2022: " + result.unsupported;
    return std::nullopt;
  }
  return result.nquads;
}

}  // namespace cadre::verify
