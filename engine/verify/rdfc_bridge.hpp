// SPDX-License-Identifier: Apache-2.0
// The one call data_integrity.cpp makes into the eddsa-rdfc-2022 canonicalization (JSON-LD
// toRdf with the pinned contexts, then RDFC-1.0), so that the component can be swapped in
// without touching the proof logic.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace cadre::verify {

/// Canonical N-Quads of `document`, or nothing with `unsupported` saying why.
std::optional<std::string> rdfc_canonical(const nlohmann::json& document, std::string& unsupported);

}  // namespace cadre::verify
