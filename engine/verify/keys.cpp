// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/keys.hpp"

#include <nlohmann/json.hpp>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "engine/base/base64url.hpp"

namespace cadre::verify {

namespace {

// RSA keys below this size are refused: NIST SP 800-131A disallows them for signatures.
constexpr int kMinRsaBits = 2048;

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
void free_bio(BIO* b) { BIO_free(b); }
void free_x509_stack(STACK_OF(X509)* s) { sk_X509_free(s); }
using Bio = std::unique_ptr<BIO, Deleter<BIO, free_bio>>;
using Bn = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBuild = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using PkeyContext = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdContext = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::optional<std::string> jwk_bytes(const nlohmann::json& jwk, const char* name) {
  auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) return std::nullopt;
  return base64url_decode(it->get<std::string>());
}

EVP_PKEY* from_params(const char* type, OSSL_PARAM_BLD* build) {
  Params params(OSSL_PARAM_BLD_to_param(build));
  PkeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
    return nullptr;
  return key;
}

/// JOSE writes an ECDSA signature as r||s (RFC 7518 §3.4); OpenSSL wants DER.
std::optional<std::string> ecdsa_der(std::string_view raw) {
  if (raw.size() != 64) return std::nullopt;
  EcdsaSig sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes(raw), 32, nullptr);
  BIGNUM* s = BN_bin2bn(bytes(raw) + 32, 32, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

}  // namespace

std::optional<Algorithm> algorithm_named(std::string_view jose_alg) {
  if (jose_alg == "EdDSA" || jose_alg == "Ed25519") return Algorithm::EdDSA;
  if (jose_alg == "ES256") return Algorithm::ES256;
  if (jose_alg == "RS256") return Algorithm::RS256;
  return std::nullopt;
}

const char* algorithm_name(Algorithm a) {
  switch (a) {
    case Algorithm::EdDSA: return "EdDSA";
    case Algorithm::ES256: return "ES256";
    case Algorithm::RS256: return "RS256";
  }
  return "?";
}

std::optional<PublicKey> PublicKey::adopt(EVP_PKEY* key) {
  if (!key) return std::nullopt;
  PublicKey out;
  out.key_ = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
  if (EVP_PKEY_is_a(key, "ED25519")) {
    out.type_ = "Ed25519";
  } else if (EVP_PKEY_is_a(key, "EC")) {
    char group[64] = {};
    std::size_t length = 0;
    EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length);
    std::string name(group, length);
    out.type_ = name == "prime256v1" || name == "P-256" ? "P-256" : "EC " + name;
  } else if (EVP_PKEY_is_a(key, "RSA")) {
    out.type_ = "RSA-" + std::to_string(EVP_PKEY_get_bits(key));
  } else {
    out.type_ = EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key) : "unknown";
  }
  return out;
}

bool PublicKey::fits(Algorithm a) const {
  switch (a) {
    case Algorithm::EdDSA: return type_ == "Ed25519";
    case Algorithm::ES256: return type_ == "P-256";
    case Algorithm::RS256: return EVP_PKEY_is_a(key_.get(), "RSA") && EVP_PKEY_get_bits(key_.get()) >= kMinRsaBits;
  }
  return false;
}

bool PublicKey::same_as(const PublicKey& other) const { return EVP_PKEY_eq(key_.get(), other.key_.get()) == 1; }

bool PublicKey::verifies(Algorithm a, std::string_view data, std::string_view signature) const {
  if (!fits(a)) return false;
  std::string der;
  if (a == Algorithm::ES256) {
    auto converted = ecdsa_der(signature);
    if (!converted) return false;
    der = std::move(*converted);
    signature = der;
  }
  MdContext context(EVP_MD_CTX_new());
  // EdDSA hashes internally (PureEdDSA): no digest is named.
  const EVP_MD* md = a == Algorithm::EdDSA ? nullptr : EVP_sha256();
  if (!context || EVP_DigestVerifyInit(context.get(), nullptr, md, nullptr, key_.get()) != 1) return false;
  return EVP_DigestVerify(context.get(), bytes(signature), signature.size(), bytes(data), data.size()) == 1;
}

std::optional<PublicKey> PublicKey::ed25519(std::string_view raw32) {
  if (raw32.size() != 32) return std::nullopt;
  return adopt(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(raw32), raw32.size()));
}

std::optional<PublicKey> PublicKey::from_jwk(const nlohmann::json& jwk, std::string& error) {
  if (!jwk.is_object() || !jwk.contains("kty") || !jwk["kty"].is_string()) {
    error = "the JWK has no kty";
    return std::nullopt;
  }
  // A JWK that carries a private part is refused: it was never meant to be published.
  if (jwk.contains("d") || jwk.contains("p")) {
    error = "the JWK holds a private key";
    return std::nullopt;
  }
  std::string kty = jwk["kty"];
  std::string crv = jwk.contains("crv") && jwk["crv"].is_string() ? jwk["crv"].get<std::string>() : "";
  if (kty == "OKP" && crv == "Ed25519") {
    auto x = jwk_bytes(jwk, "x");
    if (!x || x->size() != 32) {
      error = "the Ed25519 JWK's x is not 32 bytes of base64url";
      return std::nullopt;
    }
    return ed25519(*x);
  }
  if (kty == "EC" && crv == "P-256") {
    auto x = jwk_bytes(jwk, "x");
    auto y = jwk_bytes(jwk, "y");
    if (!x || !y || x->size() != 32 || y->size() != 32) {
      error = "the P-256 JWK's x and y are not 32 bytes of base64url each";
      return std::nullopt;
    }
    std::string point = "\x04" + *x + *y;  // SEC 1 uncompressed point
    ParamBuild build(OSSL_PARAM_BLD_new());
    if (!build || OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
      error = "OpenSSL could not build the P-256 key";
      return std::nullopt;
    }
    auto key = adopt(from_params("EC", build.get()));
    if (!key) error = "the P-256 JWK is not a point of the curve";
    return key;
  }
  if (kty == "RSA") {
    auto n = jwk_bytes(jwk, "n");
    auto e = jwk_bytes(jwk, "e");
    if (!n || !e || n->empty() || e->empty()) {
      error = "the RSA JWK's n and e are not base64url";
      return std::nullopt;
    }
    Bn bn_n(BN_bin2bn(bytes(*n), static_cast<int>(n->size()), nullptr));
    Bn bn_e(BN_bin2bn(bytes(*e), static_cast<int>(e->size()), nullptr));
    ParamBuild build(OSSL_PARAM_BLD_new());
    if (!bn_n || !bn_e || !build || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
      error = "OpenSSL could not build the RSA key";
      return std::nullopt;
    }
    auto key = adopt(from_params("RSA", build.get()));
    if (!key) error = "the RSA JWK is not a valid key";
    return key;
  }
  error = "JWK kty `" + kty + (crv.empty() ? "" : "`, crv `" + crv) + "` is not supported (OKP Ed25519, EC P-256, RSA)";
  return std::nullopt;
}

std::optional<PublicKey> PublicKey::from_pem(std::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return std::nullopt;
  return adopt(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

std::optional<Certificate> Certificate::from_der(std::string_view der) {
  const unsigned char* p = bytes(der);
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (!cert) return std::nullopt;
  if (p != bytes(der) + der.size()) {  // trailing bytes: not one certificate
    X509_free(cert);
    return std::nullopt;
  }
  Certificate out;
  out.cert_ = std::shared_ptr<X509>(cert, X509_free);
  return out;
}

std::vector<Certificate> Certificate::from_pem(std::string_view pem) {
  std::vector<Certificate> out;
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return out;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    Certificate c;
    c.cert_ = std::shared_ptr<X509>(cert, X509_free);
    out.push_back(std::move(c));
  }
  return out;
}

std::string Certificate::subject() const {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio) return {};
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert_.get()), 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::optional<PublicKey> Certificate::public_key() const {
  EVP_PKEY* key = X509_get_pubkey(cert_.get());  // a new reference
  return PublicKey::adopt(key);
}

bool Certificate::same_as(const Certificate& other) const { return X509_cmp(cert_.get(), other.cert_.get()) == 0; }

std::string verify_chain(const Certificate& leaf, const std::vector<Certificate>& intermediates,
                         const std::vector<Certificate>& anchors, std::time_t at) {
  if (anchors.empty()) return "no certificate of the trust list";
  std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>> store(X509_STORE_new());
  std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), free_x509_stack>> chain(
      sk_X509_new_null());
  std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>> context(X509_STORE_CTX_new());
  if (!store || !chain || !context) return "OpenSSL could not allocate the chain check";
  for (const auto& a : anchors) X509_STORE_add_cert(store.get(), a.get());
  for (const auto& i : intermediates) sk_X509_push(chain.get(), i.get());
  if (X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), chain.get()) != 1)
    return "OpenSSL could not start the chain check";
  // The chain is judged at the signing time, not today: an old seal stays checkable.
  X509_STORE_CTX_set_time(context.get(), 0, at);
  // A trust-list certificate is an anchor even when it is not self-signed (an issuing CA).
  X509_STORE_CTX_set_flags(context.get(), X509_V_FLAG_PARTIAL_CHAIN);
  if (X509_verify_cert(context.get()) == 1) return "";
  return X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get()));
}

}  // namespace cadre::verify
