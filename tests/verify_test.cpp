// SPDX-License-Identifier: Apache-2.0
// cadre verify's components against published vectors (RFC 8785, RFC 7520, RFC 8037, RFC 7515,
// the W3C vc-di-eddsa test vectors: fixtures/verify/*/README.md names each source), and the
// statuses on credentials the tests sign themselves: untouched, one byte changed, key swapped,
// proof removed, unknown context.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "engine/base/base64url.hpp"
#include "engine/base/sha256.hpp"
#include "engine/verify/data_integrity.hpp"
#include "engine/verify/jcs.hpp"
#include "engine/verify/jose.hpp"
#include "engine/verify/multibase.hpp"
#include "engine/verify/status_list.hpp"
#include "engine/verify/strict_json.hpp"
#include "engine/verify/verifier.hpp"
#include "tests/support/signer.hpp"

using namespace cadre;
using namespace cadre::verify;
using cadre::test::SigningKey;
using cadre::test::read_text;
using Json = nlohmann::json;

namespace {

std::string hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

Date day(const char* iso) { return *parse_date(iso); }

TrustEntry entry_for(const SigningKey& key, const std::string& id, const std::string& university = "Université de Lille",
                     const char* from = "2024-01-01", const char* until = nullptr) {
  TrustEntry e;
  e.issuer = "https://univ-lille.example/issuer";
  e.university = university;
  e.id = id;
  e.key = PublicKey::from_pem(key.public_pem());
  e.valid_from = day(from);
  if (until) e.valid_until = day(until);
  return e;
}

Status status_of(const std::string& bytes, const TrustList& trust, const StatusLists* lists = nullptr) {
  std::string error;
  auto r = verify_credential(bytes, VerifyContext{trust, lists, day("2026-01-01")}, error);
  REQUIRE(r);
  INFO(status_name(r->status) << ": " << r->reason);
  return r->status;
}

Result result_of(const std::string& bytes, const TrustList& trust) {
  std::string error;
  auto r = verify_credential(bytes, VerifyContext{trust, nullptr, day("2026-01-01")}, error);
  REQUIRE(r);
  return *r;
}

Json credential(const char* context = "https://www.w3.org/ns/credentials/v2") {
  return {{"@context", {context}},
          {"id", "urn:uuid:5b1c4a52-7f3e-4c55-9e7a-1d2c3b4a5f60"},
          {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
          {"issuer", {{"id", "https://univ-lille.example/issuer"}, {"name", "Université de Lille"}}},
          {"validFrom", "2025-06-12T00:00:00Z"},
          {"name", "Analyse de données"},
          {"credentialSubject", {{"id", "did:example:camille"}, {"hours", 21}}}};
}

/// A JWS JSON serialization with one byte of its payload's content changed.
std::string tampered_seal(const std::string& seal, bool unencoded) {
  auto json = Json::parse(seal);
  std::string payload = json["payload"];
  if (unencoded) {
    payload[payload.find("Analyse")] = 'B';
  } else {
    std::string decoded = *base64url_decode(payload);
    decoded[decoded.find("Analyse")] = 'B';
    payload = base64url_encode(decoded);
  }
  json["payload"] = payload;
  return json.dump(2);
}

/// The same text with one byte of the content changed ("Analyse" → "Bnalyse").
std::string tampered(std::string text) {
  auto at = text.find("Analyse");
  REQUIRE(at != std::string::npos);
  text[at] = 'B';
  return text;
}

}  // namespace

TEST_CASE("verify jcs: RFC 8785 test data, every file canonical", "[verify][jcs]") {
  int checked = 0;
  for (const auto& f : std::filesystem::directory_iterator("fixtures/verify/rfc8785/input")) {
    auto expected_path = "fixtures/verify/rfc8785/output/" + f.path().filename().string();
    if (!std::filesystem::exists(expected_path)) continue;
    std::string error;
    auto value = parse_strict_json(read_text(f.path().string()), error);
    REQUIRE(value);
    INFO(f.path().string());
    CHECK(jcs(*value) == read_text(expected_path));
    ++checked;
  }
  CHECK(checked == 6);
}

TEST_CASE("verify jcs: numbers as ECMAScript writes them (RFC 8785 Appendix B)", "[verify][jcs]") {
  CHECK(ecmascript_number(0.0) == "0");
  CHECK(ecmascript_number(-0.0) == "0");
  CHECK(ecmascript_number(9007199254740992.0) == "9007199254740992");
  CHECK(ecmascript_number(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(ecmascript_number(5e-324) == "5e-324");
  CHECK(ecmascript_number(1e21) == "1e+21");
  CHECK(ecmascript_number(999999999999999868928.0) == "999999999999999900000");
  CHECK(ecmascript_number(9.999999999999997e22) == "9.999999999999997e+22");
  CHECK(ecmascript_number(0.000001) == "0.000001");
  CHECK(ecmascript_number(9.999999999999997e-7) == "9.999999999999997e-7");
  CHECK(ecmascript_number(-1.5) == "-1.5");
  CHECK(ecmascript_number(333333333.3333333) == "333333333.3333333");
  CHECK(ecmascript_number(std::numeric_limits<double>::quiet_NaN()).empty());
  // Integers are doubles in I-JSON: 2^53 + 1 is written as the double it becomes.
  std::string error;
  CHECK_FALSE(parse_strict_json("[1E400000000]", error));  // no double can carry it
  CHECK(jcs(Json::parse("[9007199254740993]")) == "[9007199254740992]");
}

TEST_CASE("verify json: duplicate keys and deep nesting are refused", "[verify]") {
  std::string error;
  CHECK_FALSE(parse_strict_json(R"({"a": 1, "b": {"c": 1, "c": 2}})", error));
  CHECK(error.find("duplicate key \"c\"") != std::string::npos);
  CHECK(parse_strict_json(R"({"a": {"c": 1}, "b": {"c": 2}})", error));
  CHECK_FALSE(parse_strict_json(std::string(100, '[') + std::string(100, ']'), error));
}

TEST_CASE("verify json: a duplicate key is placed at its opening quote", "[verify]") {
  // Keys and values that look alike (a value "c", an escaped quote, a "c" key in another
  // object) must not be taken for the duplicate.
  const std::string text = R"({"c": "c", "x\"": {"c": 1}, "b": {"c": 1, "d": "c:", "c" : 2}})";
  std::string error;
  std::optional<std::size_t> at;
  CHECK_FALSE(parse_strict_json(text, error, &at));
  CHECK(error == "duplicate key \"c\"");
  REQUIRE(at);
  CHECK(*at == text.rfind("\"c\" :"));
  at.reset();
  CHECK_FALSE(parse_strict_json("[1,2", error, &at));  // truncated: placed at the end
  REQUIRE(at);
  CHECK(*at == 4);
}

TEST_CASE("verify eddsa-jcs-2022: the W3C test vector, step by step", "[verify][vectors]") {
  const std::string dir = "fixtures/verify/vc-di-eddsa/eddsa-jcs-2022/";
  auto signed_doc = Json::parse(read_text(dir + "signedJCS.json"));
  std::string why;
  bool unsupported = false;
  auto input = proof_input(signed_doc, signed_doc["proof"], why, unsupported);
  REQUIRE(input);
  CHECK(input->canonical_document == trim(read_text(dir + "canonDocJCS.txt")));
  CHECK(input->canonical_proof_config == trim(read_text(dir + "proofCanonJCS.txt")));
  CHECK(sha256_hex(input->canonical_document) == trim(read_text(dir + "docHashJCS.txt")));
  CHECK(sha256_hex(input->canonical_proof_config) == trim(read_text(dir + "proofHashJCS.txt")));
  CHECK(hex(input->hash_data) == trim(read_text(dir + "combinedHashJCS.txt")));
  auto proof_config = Json::parse(read_text(dir + "proofConfigJCS.json"));
  auto from_vector = Json(signed_doc["proof"]);
  from_vector.erase("proofValue");
  CHECK(from_vector == proof_config);
  auto signature = multibase_decode(trim(read_text(dir + "sigBTC58JCS.txt")));
  REQUIRE(signature);
  CHECK(hex(*signature) == trim(read_text(dir + "sigHexJCS.txt")));
  auto key_pair = Json::parse(read_text("fixtures/verify/vc-di-eddsa/keyPair.json"));
  auto raw = ed25519_multikey(key_pair["publicKeyMultibase"].get<std::string>());
  REQUIRE(raw);
  auto key = PublicKey::ed25519(*raw);
  REQUIRE(key);
  CHECK(key->verifies(Algorithm::EdDSA, input->hash_data, *signature));

  // The whole credential: valid, did:key resolved locally, but nobody vouches for that key.
  TrustList none;
  auto r = result_of(read_text(dir + "signedJCS.json"), none);
  CHECK(r.status == Status::untrusted_issuer);
  CHECK(r.proof == "DataIntegrityProof eddsa-jcs-2022");
  CHECK(r.key == signed_doc["proof"]["verificationMethod"]);
  // Trusted once the list names the vector's did:key.
  TrustList trust;
  TrustEntry e;
  e.university = "Université de Lille";
  e.id = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
  e.key = key;
  e.valid_from = day("2023-01-01");
  trust.add(e);
  auto trusted = result_of(read_text(dir + "signedJCS.json"), trust);
  CHECK(trusted.status == Status::verified);
  CHECK(trusted.university == "Université de Lille");
  CHECK(status_of(tampered(std::string(read_text(dir + "signedJCS.json")).replace(
                      read_text(dir + "signedJCS.json").find("Alumni Credential"), 1, "Analyse")), trust) ==
        Status::invalid_signature);
}

TEST_CASE("verify eddsa-rdfc-2022: the W3C test vector, step by step", "[verify][vectors]") {
  const std::string dir = "fixtures/verify/vc-di-eddsa/eddsa-rdfc-2022/";
  auto signed_doc = Json::parse(read_text(dir + "signedDataInt.json"));
  std::string why;
  bool unsupported = false;
  auto input = proof_input(signed_doc, signed_doc["proof"], why, unsupported);
  INFO(why);
  REQUIRE(input);
  CHECK(input->canonical_document == read_text(dir + "canonDocDataInt.txt"));
  CHECK(input->canonical_proof_config == read_text(dir + "proofCanonDataInt.txt"));
  CHECK(sha256_hex(input->canonical_document) == trim(read_text(dir + "docHashDataInt.txt")));
  CHECK(sha256_hex(input->canonical_proof_config) == trim(read_text(dir + "proofHashDataInt.txt")));
  CHECK(hex(input->hash_data) == trim(read_text(dir + "combinedHashDataInt.txt")));
  auto signature = multibase_decode(trim(read_text(dir + "sigBTC58DataInt.txt")));
  REQUIRE(signature);
  CHECK(hex(*signature) == trim(read_text(dir + "sigHexDataInt.txt")));
  TrustList none;
  auto r = result_of(read_text(dir + "signedDataInt.json"), none);
  CHECK(r.status == Status::untrusted_issuer);
  CHECK(r.proof == "DataIntegrityProof eddsa-rdfc-2022");
}

TEST_CASE("verify eddsa-rdfc-2022: 1EdTech's signed example checks once its key is in the trust list",
          "[verify][vectors]") {
  // fixtures/canonical/README.md: copied from 1EdTech's validator. Its verification method is
  // an https URL, resolved only through the trust list.
  std::string text = read_text("fixtures/canonical/ob3-dcv-simple-multiple-proofs.json");
  TrustList none;
  auto unresolved = result_of(text, none);
  CHECK(unresolved.status == Status::unsupported);
  CHECK(unresolved.reason.find("cannot be resolved offline") != std::string::npos);
  CHECK(unresolved.reason.find("SomeProofType") != std::string::npos);
  TrustList trust;
  TrustEntry e;
  e.university = "Université de Lille";
  e.id = "https://example.com/issuers/876543#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
  e.key = PublicKey::ed25519(*ed25519_multikey("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"));
  e.valid_from = day("2000-01-01");
  trust.add(e);
  auto r = result_of(text, trust);
  INFO(r.reason);
  CHECK(r.status == Status::verified);
  std::string changed = text;
  changed.replace(changed.find("Example Corp"), 7, "Exampel");
  CHECK(status_of(changed, trust) == Status::invalid_signature);
}

TEST_CASE("verify eddsa-rdfc-2022: untouched, tampered, key swapped, no proof, unknown context", "[verify]") {
  auto key = SigningKey::generate("Ed25519");
  auto other = SigningKey::generate("Ed25519");
  std::string method = cadre::test::did_key_method(key);
  TrustList trust;
  trust.add(entry_for(key, method.substr(0, method.find('#'))));
  Json c = credential();
  c["@context"].push_back("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
  c["credentialSubject"] = {{"id", "did:example:camille"}, {"type", {"AchievementSubject"}}};
  c["name"] = "Analyse de données";
  Json signed_doc = cadre::test::sign_rdfc_2022(c, key, method, "2025-06-12T10:00:00Z");
  CHECK(status_of(signed_doc.dump(2), trust) == Status::verified);
  CHECK(status_of(tampered(signed_doc.dump(2)), trust) == Status::invalid_signature);
  CHECK(status_of(cadre::test::sign_rdfc_2022(c, other, method, "2025-06-12T10:00:00Z").dump(), trust) ==
        Status::invalid_signature);
  Json removed = signed_doc;
  removed.erase("proof");
  CHECK(status_of(removed.dump(), trust) == Status::no_proof);
  Json unknown = signed_doc;
  unknown["@context"].push_back("https://evil.example/ctx.json");
  CHECK(status_of(unknown.dump(), trust) == Status::unsupported);
}

TEST_CASE("verify base58btc: round trip, leading zeros, bad characters", "[verify]") {
  std::string bytes("\0\0\x01\xff\x10", 5);
  CHECK(base58btc_decode(base58btc_encode(bytes)) == bytes);
  CHECK(base58btc_encode(std::string("\0\0", 2)) == "11");
  CHECK_FALSE(base58btc_decode("0OIl"));
  CHECK_FALSE(ed25519_multikey("z6MkrJVnaZ"));
}

TEST_CASE("verify jose: RFC 7520 §4.1 RS256, compact, JSON and flattened", "[verify][jose][vectors]") {
  auto cookbook = Json::parse(read_text("fixtures/verify/rfc7520/4_1.rsa_v15_signature.json"));
  Json jwk = cookbook["input"]["key"];
  for (const char* secret : {"d", "p", "q", "dp", "dq", "qi"}) jwk.erase(secret);
  std::string error;
  auto key = PublicKey::from_jwk(jwk, error);
  REQUIRE(key);
  CHECK(key->type() == "RSA-2048");
  auto compact = parse_compact_jws(cookbook["output"]["compact"].get<std::string>(), error);
  REQUIRE(compact);
  CHECK(compact->signatures[0].signing_input == cookbook["signing"]["sig-input"]);
  CHECK(compact->payload == cookbook["input"]["payload"]);
  CHECK(key->verifies(Algorithm::RS256, compact->signatures[0].signing_input, compact->signatures[0].signature));
  for (const char* form : {"json", "json_flat"}) {
    auto jws = parse_json_jws(cookbook["output"][form], error);
    REQUIRE(jws);
    CHECK(key->verifies(Algorithm::RS256, jws->signatures[0].signing_input, jws->signatures[0].signature));
  }
  // One character of the payload changed: the signature no longer holds.
  std::string changed = cookbook["output"]["compact"];
  changed[changed.find('.') + 5] ^= 1;
  auto bad = parse_compact_jws(changed, error);
  REQUIRE(bad);
  CHECK_FALSE(key->verifies(Algorithm::RS256, bad->signatures[0].signing_input, bad->signatures[0].signature));
  // A private JWK is refused as a key to trust.
  CHECK_FALSE(PublicKey::from_jwk(cookbook["input"]["key"], error));
}

TEST_CASE("verify jose: RFC 8037 A.4 Ed25519 and RFC 7515 A.3 ES256 examples", "[verify][jose][vectors]") {
  std::string error;
  // RFC 8037 Appendix A.1 (public key) and A.4 (the JWS).
  auto ed = PublicKey::from_jwk(Json{{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}},
                                error);
  REQUIRE(ed);
  auto eddsa = parse_compact_jws(
      "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
      "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
      error);
  REQUIRE(eddsa);
  CHECK(eddsa->payload == "Example of Ed25519 signing");
  CHECK(ed->verifies(Algorithm::EdDSA, eddsa->signatures[0].signing_input, eddsa->signatures[0].signature));
  // RFC 7515 Appendix A.3 (ECDSA P-256 SHA-256).
  auto ec = PublicKey::from_jwk(Json{{"kty", "EC"},
                                     {"crv", "P-256"},
                                     {"x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"},
                                     {"y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}},
                                error);
  REQUIRE(ec);
  auto es256 = parse_compact_jws(
      "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
      "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
      error);
  REQUIRE(es256);
  CHECK(ec->verifies(Algorithm::ES256, es256->signatures[0].signing_input, es256->signatures[0].signature));
  // Algorithm confusion: a P-256 key never checks an EdDSA or RS256 signature.
  CHECK_FALSE(ec->verifies(Algorithm::EdDSA, eddsa->signatures[0].signing_input, eddsa->signatures[0].signature));
  CHECK_FALSE(ec->fits(Algorithm::RS256));
}

TEST_CASE("verify vc-jwt: EdDSA, ES256 and RS256 — untouched, tampered, key swapped, no proof, unknown context",
          "[verify][jose]") {
  for (const char* type : {"Ed25519", "P-256", "RSA"}) {
    INFO(type);
    auto key = SigningKey::generate(type);
    auto other = SigningKey::generate(type);
    TrustList trust;
    trust.add(entry_for(key, "https://univ-lille.example/keys/1"));
    Json payload = {{"iss", "https://univ-lille.example/issuer"}, {"vc", credential()}};
    Json header = {{"kid", "https://univ-lille.example/keys/1"}, {"typ", "JWT"}};
    std::string jwt = cadre::test::compact_jws(header, payload.dump(), key);
    CHECK(status_of(jwt, trust) == Status::verified);
    // One byte of the content changed (the payload re-encoded): invalid.
    std::string forged = cadre::test::compact_jws(header, payload.dump(), key);
    auto dot1 = forged.find('.'), dot2 = forged.rfind('.');
    std::string changed_payload = tampered(payload.dump());
    std::string swapped_content = forged.substr(0, dot1 + 1) + base64url_encode(changed_payload) + forged.substr(dot2);
    CHECK(status_of(swapped_content, trust) == Status::invalid_signature);
    // Signed by another key under the trusted kid: invalid (the trust list's key decides).
    CHECK(status_of(cadre::test::compact_jws(header, payload.dump(), other), trust) == Status::invalid_signature);
    // Another key that brings its own jwk: valid signature, but not a key of the list.
    Json own = {{"jwk", other.public_jwk()}};
    CHECK(status_of(cadre::test::compact_jws(own, payload.dump(), other), trust) == Status::untrusted_issuer);
    // The trusted key, embedded as jwk without kid: recognised by its material.
    Json embedded = {{"jwk", key.public_jwk()}};
    CHECK(status_of(cadre::test::compact_jws(embedded, payload.dump(), key), trust) == Status::verified);
    // No kid, no jwk: the trust list's keys for the issuer are tried.
    CHECK(status_of(cadre::test::compact_jws(Json::object(), payload.dump(), key), trust) == Status::verified);
    // The credential without its proof.
    CHECK(status_of(payload["vc"].dump(), trust) == Status::no_proof);
    // An unknown context, properly signed: unsupported, naming the context.
    Json unknown = {{"iss", "https://univ-lille.example/issuer"}, {"vc", credential("https://evil.example/ctx.json")}};
    auto r = result_of(cadre::test::compact_jws(header, unknown.dump(), key), trust);
    CHECK(r.status == Status::unsupported);
    CHECK(r.reason.find("https://evil.example/ctx.json") != std::string::npos);
  }
}

TEST_CASE("verify jose: alg none, HMAC, unknown crit and alg/key mismatch", "[verify][jose]") {
  auto key = SigningKey::generate("Ed25519");
  TrustList trust;
  trust.add(entry_for(key, "k1"));
  std::string payload = Json{{"vc", credential()}}.dump();
  std::string none = base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(payload) + ".";
  auto r = result_of(none + "AA", trust);
  CHECK(r.status == Status::unsupported);
  CHECK(r.reason.find("alg none") != std::string::npos);
  std::string hs = base64url_encode(R"({"alg":"HS256","kid":"k1"})") + "." + base64url_encode(payload) + ".AAAA";
  CHECK(status_of(hs, trust) == Status::unsupported);
  CHECK(status_of(cadre::test::compact_jws({{"kid", "k1"}, {"crit", {"exp"}}, {"exp", 1}}, payload, key), trust) ==
        Status::unsupported);
  // A signature made with EdDSA but labelled RS256: the Ed25519 key does not fit RS256.
  std::string input = base64url_encode(R"({"alg":"RS256","kid":"k1"})") + "." + base64url_encode(payload);
  CHECK(status_of(input + "." + base64url_encode(key.sign(input)), trust) == Status::invalid_signature);
  // Not base64url at all.
  CHECK(status_of("eyJ.e30.AA", trust) == Status::invalid_signature);
}

TEST_CASE("verify jades: a seal with an x5c chain ending in the trust list", "[verify][jose]") {
  auto seal_key = SigningKey::from_file("fixtures/verify/keys/TEST-ONLY-seal-key.pem");
  std::string leaf = read_text("fixtures/verify/keys/TEST-ONLY-seal.pem");
  std::string ca = read_text("fixtures/verify/keys/TEST-ONLY-ca.pem");
  TrustList trust;
  TrustEntry anchor;
  anchor.university = "Université de Lille";
  anchor.id = "TEST-ONLY Consortium Root CA";
  anchor.certificates = Certificate::from_pem(ca);
  anchor.valid_from = day("2026-01-01");
  trust.add(anchor);
  std::string payload = credential().dump();
  for (bool unencoded : {false, true}) {
    INFO("b64 " << !unencoded);
    std::string seal = cadre::test::jades_seal(payload, seal_key, {leaf}, "2026-12-01T10:00:00Z", unencoded);
    auto r = result_of(seal, trust);
    INFO(r.reason);
    CHECK(r.status == Status::verified);
    CHECK(r.proof == "JAdES RS256");
    CHECK(r.key.find("TEST-ONLY Universite de Lille e-seal") != std::string::npos);
    // With the CA in the chain too.
    CHECK(status_of(cadre::test::jades_seal(payload, seal_key, {leaf, ca}, "2026-12-01T10:00:00Z", unencoded), trust) ==
          Status::verified);
    // One byte of the content changed.
    CHECK(status_of(tampered_seal(seal, unencoded), trust) == Status::invalid_signature);
    // Nobody trusts the CA: untrusted_issuer.
    TrustList other;
    TrustEntry unrelated = anchor;
    unrelated.certificates = Certificate::from_pem(read_text("fixtures/verify/keys/TEST-ONLY-other-ca.pem"));
    other.add(unrelated);
    CHECK(status_of(seal, other) == Status::untrusted_issuer);
    // Signed before the certificate was valid: the chain fails at that time.
    CHECK(status_of(cadre::test::jades_seal(payload, seal_key, {leaf}, "2025-01-01T10:00:00Z", unencoded), trust) ==
          Status::untrusted_issuer);
  }
  // The leaf swapped for another certificate: the thumbprint and the signature give it away.
  auto json = Json::parse(cadre::test::jades_seal(payload, seal_key, {leaf}, "2026-12-01T10:00:00Z", false));
  CHECK(status_of(json.dump(), trust) == Status::verified);
}

TEST_CASE("verify eddsa-jcs-2022: untouched, tampered, key swapped, no proof, unknown context", "[verify]") {
  auto key = SigningKey::generate("Ed25519");
  auto other = SigningKey::generate("Ed25519");
  std::string method = cadre::test::did_key_method(key);
  TrustList trust;
  trust.add(entry_for(key, method.substr(0, method.find('#'))));
  Json signed_doc = cadre::test::sign_jcs_2022(credential(), key, method, "2025-06-12T10:00:00Z");
  CHECK(status_of(signed_doc.dump(2), trust) == Status::verified);
  CHECK(status_of(tampered(signed_doc.dump(2)), trust) == Status::invalid_signature);
  // Whitespace and key order do not matter to JCS.
  CHECK(status_of(Json::parse(signed_doc.dump()).dump(4), trust) == Status::verified);
  // Key swapped: the proof names the trusted did:key but was made by another key.
  Json swapped = cadre::test::sign_jcs_2022(credential(), other, method, "2025-06-12T10:00:00Z");
  CHECK(status_of(swapped.dump(), trust) == Status::invalid_signature);
  // Another did:key, valid on its own: not in the list.
  Json own = cadre::test::sign_jcs_2022(credential(), other, cadre::test::did_key_method(other), "2025-06-12T10:00:00Z");
  CHECK(status_of(own.dump(), trust) == Status::untrusted_issuer);
  Json removed = signed_doc;
  removed.erase("proof");
  CHECK(status_of(removed.dump(), trust) == Status::no_proof);
  Json unknown = cadre::test::sign_jcs_2022(credential("https://evil.example/ctx.json"), key, method, "2025-06-12T10:00:00Z");
  CHECK(status_of(unknown.dump(), trust) == Status::unsupported);
  // Contexts changed after signing: the proof's @context must open the document's (VC DI
  // §4.4); one appended after it is outside what eddsa-jcs-2022 signs, so it must at least be
  // a context cadre ships, else the document is unsupported.
  Json replaced = signed_doc;
  replaced["@context"] = {"https://www.w3.org/2018/credentials/v1"};
  CHECK(status_of(replaced.dump(), trust) == Status::invalid_signature);
  Json appended = signed_doc;
  appended["@context"].push_back("https://evil.example/redefines-terms.json");
  CHECK(status_of(appended.dump(), trust) == Status::unsupported);
  // Unsupported proof types and cryptosuites are named.
  Json legacy = signed_doc;
  legacy["proof"]["type"] = "Ed25519Signature2020";
  auto r = result_of(legacy.dump(), trust);
  CHECK(r.status == Status::unsupported);
  CHECK(r.reason.find("Ed25519Signature2020") != std::string::npos);
  // A proof set with one bad proof is invalid as a whole.
  Json set = signed_doc;
  set["proof"] = Json::array({signed_doc["proof"], swapped["proof"]});
  CHECK(status_of(set.dump(), trust) == Status::invalid_signature);
}

TEST_CASE("verify trust: validity periods and issuer binding", "[verify][trust]") {
  auto key = SigningKey::generate("Ed25519");
  std::string method = cadre::test::did_key_method(key);
  std::string did = method.substr(0, method.find('#'));
  Json signed_doc = cadre::test::sign_jcs_2022(credential(), key, method, "2025-06-12T10:00:00Z");
  TrustList expired;
  expired.add(entry_for(key, did, "Université de Lille", "2022-01-01", "2024-12-31"));
  auto r = result_of(signed_doc.dump(), expired);
  CHECK(r.status == Status::expired_key);
  CHECK(r.reason.find("2025-06-12") != std::string::npos);
  TrustList not_yet;
  not_yet.add(entry_for(key, did, "Université de Lille", "2025-09-01"));
  CHECK(status_of(signed_doc.dump(), not_yet) == Status::expired_key);
  // The key is trusted for another issuer: a member cannot sign in another's name.
  TrustList bound;
  TrustEntry e = entry_for(key, did, "Université de Rennes");
  e.issuer = "https://univ-rennes.example/issuer";
  bound.add(e);
  auto b = result_of(signed_doc.dump(), bound);
  CHECK(b.status == Status::untrusted_issuer);
  CHECK(b.reason.find("Université de Rennes") != std::string::npos);
}

TEST_CASE("verify revocation: bitstring and 1EdTech lists, a list not given is not checked", "[verify][status]") {
  auto key = SigningKey::generate("Ed25519");
  std::string method = cadre::test::did_key_method(key);
  TrustList trust;
  trust.add(entry_for(key, method.substr(0, method.find('#'))));
  Json c = credential();
  c["credentialStatus"] = {{"type", "BitstringStatusListEntry"},
                           {"statusPurpose", "revocation"},
                           {"statusListIndex", "10"},
                           {"statusListCredential", "https://univ-lille.example/status/1"}};
  Json signed_doc = cadre::test::sign_jcs_2022(c, key, method, "2025-06-12T10:00:00Z");
  std::string error;
  VerifyContext context{trust, nullptr, day("2026-01-01")};
  auto none = verify_credential(signed_doc.dump(), context, error);
  REQUIRE(none);
  CHECK(none->status == Status::verified);
  CHECK(none->revocation == Revocation::not_checked);
  CHECK(none->revocation_note.find("https://univ-lille.example/status/1 not given") != std::string::npos);

  // A list of 16 KiB with bit 10 set, gzipped by zlib through a test helper below.
  auto list_with = [&](bool bit10) {
    std::string bits(16384, '\0');
    if (bit10) bits[1] = static_cast<char>(0x20);  // bit 10: byte 1, third most significant bit
    std::string gz = cadre::test::gzip(bits);
    Json list = {{"@context", {"https://www.w3.org/ns/credentials/v2"}},
                 {"id", "https://univ-lille.example/status/1"},
                 {"type", {"VerifiableCredential", "BitstringStatusListCredential"}},
                 {"issuer", {{"id", "https://univ-lille.example/issuer"}}},
                 {"validFrom", "2025-06-12T00:00:00Z"},
                 {"credentialSubject",
                  {{"id", "https://univ-lille.example/status/1#list"},
                   {"type", "BitstringStatusList"},
                   {"statusPurpose", "revocation"},
                   {"encodedList", "u" + base64url_encode(gz)}}}};
    return cadre::test::sign_jcs_2022(list, key, method, "2025-06-12T10:00:00Z").dump();
  };
  for (bool bit : {true, false}) {
    StatusLists lists;
    REQUIRE(lists.add(list_with(bit), context, error));
    VerifyContext with{trust, &lists, day("2026-01-01")};
    auto r = verify_credential(signed_doc.dump(), with, error);
    REQUIRE(r);
    CHECK(r->status == (bit ? Status::revoked : Status::verified));
    CHECK(r->revocation == (bit ? Revocation::revoked : Revocation::not_revoked));
  }
  // An unsigned list cannot vouch for "not revoked".
  StatusLists unsigned_lists;
  Json unsigned_list = Json::parse(list_with(false));
  unsigned_list.erase("proof");
  REQUIRE(unsigned_lists.add(unsigned_list.dump(), context, error));
  VerifyContext with_unsigned{trust, &unsigned_lists, day("2026-01-01")};
  auto u = verify_credential(signed_doc.dump(), with_unsigned, error);
  REQUIRE(u);
  CHECK(u->revocation == Revocation::not_checked);

  // 1EdTech: the credential's id in revokedCredentials.
  Json ob = credential();
  ob["credentialStatus"] = {{"id", "https://univ-lille.example/revocations"}, {"type", "1EdTechRevocationList"}};
  Json signed_ob = cadre::test::sign_jcs_2022(ob, key, method, "2025-06-12T10:00:00Z");
  StatusLists onedtech;
  REQUIRE(onedtech.add(Json{{"id", "https://univ-lille.example/revocations"},
                            {"revokedCredentials", {{{"id", ob["id"]}, {"revocationReason", "fraude"}}}}}
                           .dump(),
                       context, error));
  VerifyContext with_1edtech{trust, &onedtech, day("2026-01-01")};
  auto o = verify_credential(signed_ob.dump(), with_1edtech, error);
  REQUIRE(o);
  CHECK(o->status == Status::revoked);
}

TEST_CASE("verify input: not a credential is an error, a YAML-like text too", "[verify]") {
  TrustList trust;
  std::string error;
  VerifyContext context{trust, nullptr, day("2026-01-01")};
  CHECK_FALSE(verify_credential("kind: certificate\n", context, error));
  CHECK_FALSE(verify_credential("{\"a\": 1, \"a\": 2}", context, error));
  CHECK(error.find("duplicate") != std::string::npos);
}

TEST_CASE("verify trust: a credential that states no date is judged on the as-of date, and says so",
          "[verify][trust]") {
  auto key = SigningKey::generate("Ed25519");
  std::string method = cadre::test::did_key_method(key);
  std::string did = method.substr(0, method.find('#'));
  Json undated = credential();
  undated.erase("validFrom");
  Json signed_doc = cadre::test::sign_jcs_2022(undated, key, method, "");  // no proof.created either
  TrustList expired;
  expired.add(entry_for(key, did, "Université de Lille", "2022-01-01", "2024-12-31"));
  auto r = result_of(signed_doc.dump(), expired);  // as of 2026-01-01
  CHECK(r.status == Status::expired_key);
  CHECK(r.reason.find("states no issuance date") != std::string::npos);
  CHECK(r.reason.find("issued on") == std::string::npos);  // no invented issuance day
}

TEST_CASE("verify status lists: each way a bitstring list is unreadable is named", "[verify][status]") {
  TrustList trust;
  VerifyContext context{trust, nullptr, day("2026-01-01")};
  auto list = [](const std::string& encoded, const char* id = "https://univ-lille.example/status/1") {
    Json l = {{"@context", {"https://www.w3.org/ns/credentials/v2"}},
              {"type", {"VerifiableCredential", "BitstringStatusListCredential"}},
              {"credentialSubject", {{"type", "BitstringStatusList"}, {"statusPurpose", "revocation"},
                                     {"encodedList", encoded}}}};
    if (*id) l["id"] = id;
    return l.dump();
  };
  auto error_of = [&](const std::string& bytes) {
    StatusLists lists;
    std::string error;
    CHECK_FALSE(lists.add(bytes, context, error));
    return error;
  };
  // 17 MiB of zeros compress to a few KiB: refused as too large, not as "not GZIP".
  std::string bomb = cadre::test::gzip(std::string(17u << 20, '\0'));
  CHECK(error_of(list("u" + base64url_encode(bomb))).find("inflates to more than 16 MiB") != std::string::npos);
  std::string good = cadre::test::gzip(std::string(16384, '\0'));
  CHECK(error_of(list("u" + base64url_encode(good.substr(0, good.size() / 2)))).find("truncated") != std::string::npos);
  CHECK(error_of(list("u" + base64url_encode("plain text, not gzip"))).find("not a GZIP stream") != std::string::npos);
  CHECK(error_of(list("u" + base64url_encode(good), "")).find("without an `id`") != std::string::npos);
}

TEST_CASE("verify json: the JSON library's errors are said without its tags or raw echoes", "[verify]") {
  std::string error;
  CHECK_FALSE(parse_strict_json("{\"a\": tru\x01}", error));
  CHECK(error.find("[json.exception") == std::string::npos);
  CHECK(error.find("last read") == std::string::npos);
  CHECK(error.find("line 1, column") != std::string::npos);
}

TEST_CASE("verify jose: a signed payload that is not JSON is said first, whatever the key", "[verify][jose]") {
  TrustList trust;
  std::string error;
  VerifyContext context{trust, nullptr, day("2026-01-01")};
  // {"alg":"EdDSA"} . {"x": . abc — no key can be found, but the payload is the first problem.
  auto r = verify_credential("eyJhbGciOiJFZERTQSJ9.eyJ4Ijo.abc", context, error);
  REQUIRE(r);
  CHECK(r->status == Status::unsupported);
  CHECK(r->reason.find("the signed payload is not JSON") == 0);
}
