// SPDX-License-Identifier: Apache-2.0
#include "engine/base/base64url.hpp"

#include <catch2/catch.hpp>

using namespace cadre;

TEST_CASE("base64: RFC 4648 §10 test vectors, standard alphabet", "[base64]") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    CHECK(base64_encode(plain, Base64Alphabet::standard) == encoded);
    CHECK(base64_decode(encoded, Base64Alphabet::standard) == std::optional<std::string>(plain));
  }
}

TEST_CASE("base64url: unpadded as JOSE writes it, padding tolerated, strict otherwise", "[base64]") {
  // RFC 7515 appendix C: the octets 3, 236, 255, 224, 193 encode as "A-z_4ME".
  const std::string octets{'\x03', '\xec', '\xff', '\xe0', '\xc1'};
  CHECK(base64url_encode(octets) == "A-z_4ME");
  CHECK(base64url_decode("A-z_4ME") == std::optional<std::string>(octets));
  CHECK(base64url_decode("Zm8=") == std::optional<std::string>("fo"));
  CHECK_FALSE(base64url_decode("A+z/4ME"));   // standard characters are not URL-safe ones
  CHECK_FALSE(base64url_decode("Zm9"));       // its last two bits are not zero: not canonical
  CHECK_FALSE(base64url_decode("Z"));         // 6 bits cannot make a byte
  CHECK_FALSE(base64url_decode("Zh"));        // non-zero trailing bits: not canonical
  CHECK_FALSE(base64url_decode("Zm8=="));     // wrong padding
  CHECK_FALSE(base64url_decode("Z m8"));      // whitespace is not part of the alphabet
  CHECK_FALSE(base64_decode("Zm8", Base64Alphabet::standard));  // padding required
}
