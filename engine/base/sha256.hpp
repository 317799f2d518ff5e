// SHA-256 (FIPS 180-4), for the hashes of audit manifests. Small and self-contained, so that
// the project needs no cryptographic library: it hashes files to detect changes, it does not
// sign anything (no secret, no timing concern).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace cadre {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  /// The digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();
  /// The digest as 64 lowercase hexadecimal digits.
  std::string hex();

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes hashed so far
};

/// The SHA-256 of `bytes`, in lowercase hexadecimal.
std::string sha256_hex(std::string_view bytes);

}  // namespace cadre
