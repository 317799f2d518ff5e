// SPDX-License-Identifier: Apache-2.0
// The JSON-LD contexts cadre knows, by URL. Contexts are never fetched: a credential naming
// any other context is `unsupported` (fail closed), since cadre cannot know what its terms
// mean — a substituted context could change a signed document's meaning without changing
// its bytes (docs/verify.md, "Threat model"). The list is engine/verify/pinned_contexts.cpp,
// whose documents eddsa-rdfc-2022 embeds, pinned by hash.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace cadre::verify {

bool is_pinned_context(std::string_view url);

/// "" when every context `document` names is pinned; else what is not, e.g.
/// "context https://example.org/ctx.json is not one cadre ships" or "an inline context".
std::string context_problem(const nlohmann::json& document);

}  // namespace cadre::verify
