// SPDX-License-Identifier: Apache-2.0
// SHA-256 (FIPS 180-4), for the hashes of audit manifests and of credential proofs. OpenSSL's
// EVP computes it (docs/adr/0014-openssl-for-signatures.md): the project writes no primitive.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct SHA256state_st;  // OpenSSL's SHA256_CTX, kept out of every includer

namespace cadre {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  void update(std::string_view bytes);
  /// The digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();
  /// The digest as 64 lowercase hexadecimal digits.
  std::string hex();

 private:
  struct Free {
    void operator()(SHA256state_st* context) const;
  };
  std::unique_ptr<SHA256state_st, Free> context_;
};

/// The SHA-256 of `bytes`, in lowercase hexadecimal.
std::string sha256_hex(std::string_view bytes);
/// The SHA-256 of `bytes`, as 32 raw bytes.
std::string sha256_bytes(std::string_view bytes);

}  // namespace cadre
