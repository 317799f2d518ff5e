// SPDX-License-Identifier: Apache-2.0
// JWS envelopes (engine/credentials/envelope.hpp) on the RFC examples: the compact form of
// RFC 7515 appendix A.1 and the unencoded-payload JSON form of RFC 7797 §4.2, and the map
// from payload bytes back to the file.
#include "engine/credentials/envelope.hpp"

#include <catch2/catch.hpp>

#include "engine/base/base64url.hpp"
#include "tests/support/golden.hpp"

using namespace cadre;
using namespace cadre::credentials;

namespace {

// RFC 7515 appendix A.1: header {"typ":"JWT",\r\n "alg":"HS256"}.
constexpr const char* kRfc7515A1 =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

const Envelope& ok(const EnvelopeResult& r) {
  if (const auto* error = std::get_if<EnvelopeError>(&r)) FAIL(error->message);
  return std::get<Envelope>(r);
}

}  // namespace

TEST_CASE("envelope: a compact JWS gives its header, payload, signing input and signature (RFC 7515 A.1)",
          "[envelope]") {
  std::string text = std::string(kRfc7515A1) + "\n";
  REQUIRE(looks_like_compact_jws(text));
  auto result = read_envelope(text);
  REQUIRE(result);
  const Envelope& e = ok(*result);
  CHECK(e.serialization == JwsSerialization::compact);
  CHECK(e.payload == "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
  REQUIRE(e.signatures.size() == 1);
  const JwsSignature& s = e.signatures[0];
  CHECK(s.protected_header == "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");
  CHECK(s.alg == "HS256");
  CHECK(s.typ == "JWT");
  CHECK(s.payload_encoded);
  CHECK(s.signing_input == std::string(kRfc7515A1).substr(0, std::string(kRfc7515A1).rfind('.')));
  CHECK(base64url_encode(s.signature) == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  CHECK(s.offset == std::string(kRfc7515A1).rfind('.') + 1);
  // Payload byte i is encoded from character 4i/3 of the payload part, which starts at 41.
  CHECK(e.file_offset(0) == 41);
  CHECK(e.file_offset(3) == 45);
  CHECK(e.file_offset(e.payload.size()) == std::string(kRfc7515A1).rfind('.'));
}

TEST_CASE("envelope: an unencoded payload is signed as written and positioned character by character (RFC 7797)",
          "[envelope]") {
  // RFC 7797 §4.2, flattened JSON serialization, with the payload "$.02".
  std::string text =
      R"({"protected":"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19","payload":"$.02",)"
      R"("signature":"A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY"})";
  auto result = read_envelope(text);
  REQUIRE(result);
  const Envelope& e = ok(*result);
  CHECK(e.serialization == JwsSerialization::json_flattened);
  CHECK(e.payload == "$.02");
  REQUIRE(e.signatures.size() == 1);
  CHECK_FALSE(e.signatures[0].payload_encoded);
  CHECK(e.signatures[0].protected_header == R"({"alg":"HS256","b64":false,"crit":["b64"]})");
  CHECK(e.signatures[0].signing_input == "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$.02");
  std::size_t at = text.find("$.02");
  CHECK(e.file_offset(0) == at);
  CHECK(e.file_offset(3) == at + 3);
}

TEST_CASE("envelope: escapes in an unencoded payload map every decoded byte to its escape", "[envelope]") {
  std::string text = R"({"payload":"{\"n\":\"\u00e9t\u00E9 \ud83d\ude00\"}","signatures":[{"protected":)"
                     R"("eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19","signature":"AA"}]})";
  auto result = read_envelope(text);
  REQUIRE(result);
  const Envelope& e = ok(*result);
  CHECK(e.serialization == JwsSerialization::json_general);
  CHECK(e.payload == "{\"n\":\"\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80\"}");
  std::size_t n = text.find("\\\"n");
  CHECK(e.file_offset(1) == n);                            // `"` written `\"`
  CHECK(e.file_offset(2) == n + 2);                        // `n`
  std::size_t first_e = text.find("\\u00e9");
  CHECK(e.file_offset(6) == first_e);                      // both bytes of é at its escape
  CHECK(e.file_offset(7) == first_e);
  CHECK(e.file_offset(8) == first_e + 6);                  // `t`
  std::size_t smiley = text.find("\\ud83d");
  for (std::size_t i = 12; i < 16; ++i) CHECK(e.file_offset(i) == smiley);  // one surrogate pair
}

TEST_CASE("envelope: a broken JWS is an error at its place, other JSON is no envelope", "[envelope]") {
  CHECK_FALSE(read_envelope(R"({"payload": 1, "signatures": []})"));
  CHECK_FALSE(read_envelope(R"({"type": ["VerifiableCredential"]})"));
  CHECK_FALSE(read_envelope("kind: course\n"));
  auto bad = read_envelope(R"({"payload":"e30","signatures":[{"protected":"e30","signature":"!!"}]})");
  REQUIRE(bad);
  REQUIRE(std::holds_alternative<EnvelopeError>(*bad));
  CHECK(std::get<EnvelopeError>(*bad).offset == 62);  // the signature's value
  CHECK_FALSE(looks_like_compact_jws("eyJ.a.b.c"));
  auto compact = read_envelope("eyJhbGciOiJub25lIn0.%%%.x");
  CHECK_FALSE(compact);  // `%` is no base64url character: not a JWS at all
}

TEST_CASE("envelope: the signer's certificate names its subject", "[envelope]") {
  // fixtures/credentials/envelopes/seal.der: a self-signed P-256 test certificate (README there).
  std::string der = base64_decode(
      "MIICIDCCAcegAwIBAgIUHXrt3fc9ALU77c2BLYRDyneQAkMwCgYIKoZIzj0EAwIwZjELMAkGA1UEBhMCRlIxIDAeBgNVBAoMF1Vu",
      Base64Alphabet::standard).value_or("");
  CHECK(signer_certificate(der).subject.empty());  // a truncated certificate gives nothing
}

TEST_CASE("envelope: the seal certificate of a fixture gives its subject, common name and organisation", "[envelope]") {
  std::string der = cadre::testing::read_file(cadre::testing::source_dir() + "/fixtures/credentials/envelopes/seal.der");
  auto signer = signer_certificate(der);
  CHECK(signer.common_name == "Cachet électronique Université de Bordeaux");
  CHECK(signer.organization == "Université de Bordeaux");
  CHECK(signer.subject == "CN=Cachet électronique Université de Bordeaux,O=Université de Bordeaux,C=FR");
  CHECK(signer.issuer == signer.subject);  // self-signed
}
