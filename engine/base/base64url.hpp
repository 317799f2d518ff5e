// SPDX-License-Identifier: Apache-2.0
// Base64 and base64url (RFC 4648 §4, §5), as JOSE (RFC 7515) and multibase use them. Decoding is
// strict: a character outside the alphabet, a misplaced '=' or non-zero trailing bits is an
// error, so one encoded value has exactly one decoding and a tampered encoding cannot pass as
// the original.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cadre {

/// Which alphabet: standard ('+', '/') or URL-safe ('-', '_').
enum class Base64Alphabet { standard, url };

/// `bytes` encoded; base64url without padding (as JOSE writes it), standard with padding.
std::string base64_encode(std::string_view bytes, Base64Alphabet alphabet);

/// `text` decoded, or nothing when it is not a canonical encoding in that alphabet. Padding is
/// optional for the URL alphabet and required for the standard one.
std::optional<std::string> base64_decode(std::string_view text, Base64Alphabet alphabet);

inline std::string base64url_encode(std::string_view bytes) { return base64_encode(bytes, Base64Alphabet::url); }
inline std::optional<std::string> base64url_decode(std::string_view text) {
  return base64_decode(text, Base64Alphabet::url);
}

}  // namespace cadre
