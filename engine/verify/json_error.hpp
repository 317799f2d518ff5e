// SPDX-License-Identifier: Apache-2.0
// The JSON library's exceptions said for a user.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace cadre::verify {

/// `e` without the library's `[json.exception.…]` tag, and without its `last read: '…'`
/// echo of raw input (which may hold control bytes and says nothing the position does not).
std::string json_error_text(const nlohmann::json::exception& e);

}  // namespace cadre::verify
