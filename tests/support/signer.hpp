// SPDX-License-Identifier: Apache-2.0
// Test-only signing with OpenSSL: cadre verifies and never signs, so the tests make their
// own signed credentials (VC-JWT, JAdES seals, eddsa-jcs-2022) with the TEST-ONLY keys of
// fixtures/verify/keys/ or keys generated at test time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

struct evp_pkey_st;

namespace cadre::test {

class SigningKey {
 public:
  /// A private key read from a PEM file (fixtures/verify/keys/TEST-ONLY-*.pem).
  static SigningKey from_file(const std::string& path);
  /// A fresh key: "Ed25519", "P-256" or "RSA".
  static SigningKey generate(const std::string& type);
  std::string public_pem() const;
  nlohmann::json public_jwk() const;
  std::string multikey() const;  // Ed25519 only: z6Mk…
  /// The signature over `data`: EdDSA, or SHA-256 with ECDSA (r||s) or RSA PKCS#1 v1.5.
  std::string sign(const std::string& data) const;
  std::string alg() const;  // EdDSA, ES256, RS256

 private:
  std::shared_ptr<evp_pkey_st> key_;
};

/// `header.payload.signature`, the header completed with the key's alg.
std::string compact_jws(nlohmann::json header, const std::string& payload, const SigningKey& key);
/// A JAdES-style JWS JSON serialization: protected header with alg, x5c (DER certificates in
/// base64), x5t#S256 and sigT; `unencoded` signs the payload as written (b64: false).
std::string jades_seal(const std::string& payload, const SigningKey& key, const std::vector<std::string>& chain_pem,
                       const std::string& sig_t, bool unencoded);
/// `credential` with an eddsa-jcs-2022 DataIntegrityProof made with `key` for `method`.
nlohmann::json sign_jcs_2022(nlohmann::json credential, const SigningKey& key, const std::string& method,
                             const std::string& created);
/// `credential` with an eddsa-rdfc-2022 DataIntegrityProof (RDFC-1.0 canonical N-Quads).
nlohmann::json sign_rdfc_2022(nlohmann::json credential, const SigningKey& key, const std::string& method,
                              const std::string& created);
/// The did:key verification method of an Ed25519 key: did:key:z…#z….
std::string did_key_method(const SigningKey& key);

std::string read_text(const std::string& path);
/// `bytes` compressed as GZIP (zlib), for status lists.
std::string gzip(const std::string& bytes);

}  // namespace cadre::test
