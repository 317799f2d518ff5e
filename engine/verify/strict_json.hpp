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

/// `text` parsed, or nothing with `error` set. With `error_at`, a syntax error's byte offset
/// (or a duplicate key's, at its opening quote) in `text` is stored there (and left out of `error`, so that the caller can place it as
/// `file:line:column`); otherwise `error` says where, in words.
std::optional<nlohmann::json> parse_strict_json(std::string_view text, std::string& error,
                                                std::optional<std::size_t>* error_at = nullptr);

}  // namespace cadre::verify
