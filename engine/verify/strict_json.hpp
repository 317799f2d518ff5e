// SPDX-License-Identifier: Apache-2.0
// JSON as a verifier must read it: a duplicate key (which two parsers may resolve two ways,
// so the signer and the verifier would see different documents), nesting deeper than the
// loader allows, or invalid UTF-8 is refused instead of resolved.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/verify/json_error.hpp"

namespace cadre::verify {

/// `text` parsed, or nothing with `error` set (with the byte offset when known).
std::optional<nlohmann::json> parse_strict_json(std::string_view text, std::string& error);

}  // namespace cadre::verify
