// SPDX-License-Identifier: Apache-2.0
// Public keys, signature checks and X.509 chains, all through OpenSSL 3 (no primitive is
// written here: this file only converts the encodings JOSE, multikey and PEM use into OpenSSL
// objects). The only place of the project that includes OpenSSL's signature headers.
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

struct evp_pkey_st;
struct x509_st;

namespace cadre::verify {

/// The signature algorithms cadre checks; each is bound to one key type (alg confusion: an
/// RSA key never checks an EdDSA signature).
enum class Algorithm { EdDSA, ES256, RS256 };
std::optional<Algorithm> algorithm_named(std::string_view jose_alg);
const char* algorithm_name(Algorithm a);

class PublicKey {
 public:
  /// "Ed25519", "P-256", "RSA-2048", ...
  const std::string& type() const { return type_; }
  /// Whether `a` is the algorithm this key signs with.
  bool fits(Algorithm a) const;
  /// True for the same key material (OpenSSL's EVP_PKEY_eq).
  bool same_as(const PublicKey& other) const;
  /// Whether `signature` (raw r||s for ES256, as JOSE writes it) signs `data`.
  bool verifies(Algorithm a, std::string_view data, std::string_view signature) const;
  evp_pkey_st* get() const { return key_.get(); }

  static std::optional<PublicKey> ed25519(std::string_view raw32);
  /// A JWK (RFC 7517): OKP/Ed25519, EC/P-256 or RSA; `error` says why not.
  static std::optional<PublicKey> from_jwk(const nlohmann::json& jwk, std::string& error);
  /// A PEM "PUBLIC KEY" (SubjectPublicKeyInfo).
  static std::optional<PublicKey> from_pem(std::string_view pem);

 private:
  friend class Certificate;
  static std::optional<PublicKey> adopt(evp_pkey_st* key);
  std::shared_ptr<evp_pkey_st> key_;
  std::string type_;
};

class Certificate {
 public:
  /// DER bytes (an x5c entry, base64-decoded).
  static std::optional<Certificate> from_der(std::string_view der);
  /// One or more PEM "CERTIFICATE" blocks; empty when none can be read.
  static std::vector<Certificate> from_pem(std::string_view pem);
  std::string subject() const;
  std::optional<PublicKey> public_key() const;
  bool same_as(const Certificate& other) const;
  x509_st* get() const { return cert_.get(); }

 private:
  std::shared_ptr<x509_st> cert_;
};

/// Checks that `leaf`, with the `intermediates` it came with, chains to one of `anchors`, with
/// every certificate valid at `at`. Returns "" when it does, else OpenSSL's reason.
std::string verify_chain(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                         const std::vector<Certificate>& anchors, std::time_t at);

}  // namespace cadre::verify
