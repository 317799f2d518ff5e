// SPDX-License-Identifier: Apache-2.0
// JSON Canonicalization Scheme (RFC 8785): the bytes eddsa-jcs-2022 hashes. Keys sorted by
// their UTF-16 code units, numbers written as ECMAScript writes them, strings escaped only
// where JSON requires it, no whitespace.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace cadre::verify {

/// The canonical form of `value`, or nothing when it holds a number JSON cannot carry.
std::optional<std::string> jcs(const nlohmann::json& value);

/// A double as ECMAScript's Number::toString writes it (RFC 8785 §3.2.2.3); "" for NaN and
/// infinities, which JSON has no text for.
std::string ecmascript_number(double value);

}  // namespace cadre::verify
