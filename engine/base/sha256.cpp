// SPDX-License-Identifier: Apache-2.0
#include "engine/base/sha256.hpp"

#include <stdexcept>

// OpenSSL's SHA-256 functions rather than EVP: EVP's first digest initialises the whole
// library (configuration file, providers), about 3 ms, a third of a cold `cadre check`
// that hashes its rule files for the pack cache. OpenSSL 3 marks them deprecated, not
// removed; the digest is the same code.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace cadre {

void Sha256::Free::operator()(SHA256state_st* context) const { delete context; }

Sha256::Sha256() : context_(new SHA256_CTX) {
  if (SHA256_Init(context_.get()) != 1) throw std::runtime_error("OpenSSL: SHA-256 is not available");
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes) {
  if (!bytes.empty()) SHA256_Update(context_.get(), bytes.data(), bytes.size());
}

std::array<std::uint8_t, 32> Sha256::finish() {
  std::array<std::uint8_t, 32> digest{};
  SHA256_Final(digest.data(), context_.get());
  return digest;
}

std::string Sha256::hex() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t byte : finish()) {
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.hex();
}

std::string sha256_bytes(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  auto digest = h.finish();
  return std::string(digest.begin(), digest.end());
}

}  // namespace cadre
