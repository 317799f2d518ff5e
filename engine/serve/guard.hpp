// SPDX-License-Identifier: Apache-2.0
// The safeguards of `cadre serve` that need a secret: CSRF tokens for its forms and the
// session cookie set once the shared token (--token) is typed into the page. HMAC-SHA-256
// with a random per-process key (OpenSSL; no hand-written primitive).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cadre::serve {

/// 32 random bytes from OpenSSL, for the per-process key.
std::string random_secret();
/// A form token valid for 12 hours: "<unix time hex>.<HMAC>".
std::string csrf_token(const std::string& secret, std::int64_t now);
bool csrf_valid(const std::string& secret, std::string_view token, std::int64_t now);
/// The session cookie's value for the shared token: an HMAC of it, never the token itself.
std::string session_value(const std::string& secret, const std::string& token);
/// Comparison in constant time (a secret must not leak through timing).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace cadre::serve
