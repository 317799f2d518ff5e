// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/multibase.hpp"

#include <vector>

#include "engine/base/base64url.hpp"

namespace cadre::verify {

namespace {
constexpr char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
// Keys and signatures are short; the quadratic radix change stays cheap under this bound.
constexpr std::size_t kMaxLength = 4096;
}  // namespace

std::optional<std::string> base58btc_decode(std::string_view text) {
  if (text.size() > kMaxLength) return std::nullopt;
  std::size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == '1') ++zeros;
  std::vector<unsigned char> number;  // big-endian base-256 digits
  for (std::size_t i = zeros; i < text.size(); ++i) {
    const char* at = nullptr;
    for (const char* p = kAlphabet; *p; ++p)
      if (*p == text[i]) at = p;
    if (!at) return std::nullopt;
    unsigned carry = static_cast<unsigned>(at - kAlphabet);
    for (auto it = number.rbegin(); it != number.rend(); ++it) {
      carry += 58u * *it;
      *it = static_cast<unsigned char>(carry & 0xFF);
      carry >>= 8;
    }
    while (carry) {
      number.insert(number.begin(), static_cast<unsigned char>(carry & 0xFF));
      carry >>= 8;
    }
  }
  return std::string(zeros, '\0') + std::string(number.begin(), number.end());
}

std::string base58btc_encode(std::string_view bytes) {
  std::size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == '\0') ++zeros;
  std::vector<unsigned char> digits;  // little-endian base-58 digits
  for (std::size_t i = zeros; i < bytes.size(); ++i) {
    unsigned carry = static_cast<unsigned char>(bytes[i]);
    for (auto& d : digits) {
      carry += 256u * d;
      d = static_cast<unsigned char>(carry % 58);
      carry /= 58;
    }
    while (carry) {
      digits.push_back(static_cast<unsigned char>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kAlphabet[*it];
  return out;
}

std::optional<std::string> multibase_decode(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text[0] == 'z') return base58btc_decode(text.substr(1));
  if (text[0] == 'u') return base64url_decode(text.substr(1));
  return std::nullopt;
}

std::optional<std::string> ed25519_multikey(std::string_view multibase) {
  if (multibase.empty() || multibase[0] != 'z') return std::nullopt;
  auto bytes = base58btc_decode(multibase.substr(1));
  // 0xed 0x01: the unsigned-varint multicodec of ed25519-pub.
  if (!bytes || bytes->size() != 34 || static_cast<unsigned char>((*bytes)[0]) != 0xED || (*bytes)[1] != 0x01)
    return std::nullopt;
  return bytes->substr(2);
}

}  // namespace cadre::verify
