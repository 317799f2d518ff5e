// SPDX-License-Identifier: Apache-2.0
// The signed fixtures of fixtures/verify/signed/ and fixtures/stack/authenticity/ are made
// by this test with the TEST-ONLY keys of fixtures/verify/keys/ (CADRE_UPDATE_GOLDEN=1 writes
// them). Without it, the test checks that each deterministic fixture (EdDSA, RS256, JCS) is
// exactly what the key signs today, so a fixture edited by hand cannot pass unnoticed.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

#include "engine/base/base64url.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/signer.hpp"

using cadre::test::SigningKey;
using cadre::test::read_text;
using Json = nlohmann::ordered_json;

namespace {

const std::string kKeys = "fixtures/verify/keys/";

Json credential(const std::string& context = "https://www.w3.org/ns/credentials/v2") {
  return Json::parse(R"({
    "@context": [")" + context + R"(", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    "id": "https://univ-lille.example/credentials/MC-LIL-2025-0042",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "https://univ-lille.example/issuer", "type": ["Profile"], "name": "Université de Lille"},
    "validFrom": "2025-06-12T00:00:00Z",
    "name": "Analyse de données pour la décision",
    "credentialSubject": {"id": "did:example:camille-martin", "type": ["AchievementSubject"],
      "achievement": {"id": "https://univ-lille.example/achievements/UC-LIL-2025-004", "type": ["Achievement"],
        "name": "Analyse de données pour la décision"}}
  })");
}

std::string tamper(std::string text) {
  auto at = text.find("Analyse");
  if (at == std::string::npos) at = text.find("Concevoir");
  text[at] = static_cast<char>(text[at] + 1);
  return text;
}

/// Every fixture, by path, as the keys sign it now.
std::map<std::string, std::string> fixtures() {
  auto ed = SigningKey::from_file(kKeys + "TEST-ONLY-ed25519.pem");
  auto ed_other = SigningKey::from_file(kKeys + "TEST-ONLY-ed25519-other.pem");
  auto p256 = SigningKey::from_file(kKeys + "TEST-ONLY-p256.pem");
  auto rsa = SigningKey::from_file(kKeys + "TEST-ONLY-rsa2048.pem");
  auto seal = SigningKey::from_file(kKeys + "TEST-ONLY-seal-key.pem");
  std::map<std::string, std::string> out;
  const std::string dir = "fixtures/verify/signed/";
  Json jwt_payload = {{"iss", "https://univ-lille.example/issuer"}, {"nbf", 1749686400}, {"vc", credential()}};
  std::string body = jwt_payload.dump();
  out[dir + "vc-jwt-eddsa.jwt"] = cadre::test::compact_jws({{"kid", "https://univ-lille.example/keys/ed25519-2025"}, {"typ", "JWT"}}, body, ed) + "\n";
  out[dir + "vc-jwt-es256.jwt"] = cadre::test::compact_jws({{"kid", "https://univ-lille.example/keys/p256-2025"}, {"typ", "JWT"}}, body, p256) + "\n";
  out[dir + "vc-jwt-rs256.jwt"] = cadre::test::compact_jws({{"kid", "https://univ-lille.example/keys/rsa-2025"}, {"typ", "JWT"}}, body, rsa) + "\n";
  // The payload re-encoded with one byte changed, the original signature kept.
  std::string jwt = out[dir + "vc-jwt-eddsa.jwt"];
  auto dot1 = jwt.find('.'), dot2 = jwt.rfind('.');
  out[dir + "vc-jwt-eddsa-tampered.jwt"] = jwt.substr(0, dot1 + 1) + cadre::base64url_encode(tamper(body)) + jwt.substr(dot2);
  // Signed by another key under the trusted kid.
  out[dir + "vc-jwt-eddsa-key-swapped.jwt"] =
      cadre::test::compact_jws({{"kid", "https://univ-lille.example/keys/ed25519-2025"}, {"typ", "JWT"}}, body, ed_other) + "\n";
  out[dir + "jades-seal.json"] = cadre::test::jades_seal(credential().dump(), seal, {read_text(kKeys + "TEST-ONLY-seal.pem")},
                                                         "2026-12-01T10:00:00Z", false);
  std::string method = cadre::test::did_key_method(ed);
  auto jcs = [&](const Json& c, const SigningKey& k, const std::string& m) {
    return Json(cadre::test::sign_jcs_2022(nlohmann::json::parse(c.dump()), k, m, "2025-06-12T10:00:00Z")).dump(2) + "\n";
  };
  out[dir + "eddsa-jcs-2022.json"] = jcs(credential(), ed, method);
  out[dir + "eddsa-jcs-2022-tampered.json"] = tamper(out[dir + "eddsa-jcs-2022.json"]);
  out[dir + "eddsa-jcs-2022-other-key.json"] = jcs(credential(), ed_other, cadre::test::did_key_method(ed_other));
  out[dir + "eddsa-jcs-2022-unknown-context.json"] = jcs(credential("https://evil.example/credentials/v2"), ed, method);
  out[dir + "no-proof.json"] = credential().dump(2) + "\n";

  // The stack's Open Badges credential, signed by the TEST-ONLY key (its unpinned extensions
  // context and its placeholder rdfc proof left out), and a tampered copy.
  auto ob3 = Json::parse(read_text("fixtures/stack/credentials/ob3-awa.json"));
  ob3.erase("proof");
  ob3["@context"] = {"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"};
  std::string signed_ob3 = jcs(ob3, ed, method);
  out["fixtures/stack/authenticity/signed/ob3-awa.json"] = signed_ob3;
  out["fixtures/stack/authenticity/tampered/ob3-awa.json"] = tamper(signed_ob3);
  return out;
}

}  // namespace

TEST_CASE("verify fixtures: the signed fixtures are what the TEST-ONLY keys sign", "[verify][fixtures]") {
  const char* update = std::getenv("CADRE_UPDATE_GOLDEN");
  bool write = update && std::string(update) == "1";
  for (const auto& [path, text] : fixtures()) {
    INFO(path);
    if (write) {
      cadre::testing::write_file(path, text);
      continue;
    }
    // ECDSA signatures are randomised: the ES256 fixture is checked by verifying it instead.
    if (path.find("es256") != std::string::npos) continue;
    CHECK(read_text(path) == text);
  }
}
