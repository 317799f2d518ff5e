// SPDX-License-Identifier: Apache-2.0
// Multibase and multikey, as Data Integrity proofs and did:key write keys and signatures:
// `z` + base58btc. Encoding, not cryptography: base58 is a change of radix.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cadre::verify {

/// Base58 (Bitcoin alphabet) decoded, or nothing for a character outside the alphabet.
std::optional<std::string> base58btc_decode(std::string_view text);
std::string base58btc_encode(std::string_view bytes);

/// A multibase value (`z…` base58btc, or `u…` base64url) decoded; nothing for other bases.
std::optional<std::string> multibase_decode(std::string_view text);

/// The 32 raw bytes of an Ed25519 multikey (`z6Mk…`: multicodec 0xed01 + key), or nothing.
std::optional<std::string> ed25519_multikey(std::string_view multibase);

}  // namespace cadre::verify
