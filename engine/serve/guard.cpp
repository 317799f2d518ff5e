// SPDX-License-Identifier: Apache-2.0
#include "engine/serve/guard.hpp"

#include <charconv>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace cadre::serve {

namespace {

constexpr std::int64_t kCsrfLifetime = 12 * 3600;

std::string hmac_hex(const std::string& key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &length);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", out[i]);
  return hex;
}

}  // namespace

std::string random_secret() {
  std::string secret(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()), static_cast<int>(secret.size())) != 1)
    throw std::runtime_error("OpenSSL could not produce random bytes");
  return secret;
}

std::string csrf_token(const std::string& secret, std::int64_t now) {
  std::string stamp = fmt::format("{:x}", now);
  return stamp + "." + hmac_hex(secret, "csrf|" + stamp);
}

bool csrf_valid(const std::string& secret, std::string_view token, std::int64_t now) {
  auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 16) return false;
  std::string_view stamp = token.substr(0, dot);
  std::int64_t issued = 0;
  auto [end, ec] = std::from_chars(stamp.data(), stamp.data() + stamp.size(), issued, 16);
  if (ec != std::errc() || end != stamp.data() + stamp.size()) return false;
  if (issued > now + 300 || now - issued > kCsrfLifetime) return false;
  return same_secret(token.substr(dot + 1), hmac_hex(secret, "csrf|" + std::string(stamp)));
}

std::string session_value(const std::string& secret, const std::string& token) { return hmac_hex(secret, "session|" + token); }

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace cadre::serve
