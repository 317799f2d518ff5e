// SPDX-License-Identifier: Apache-2.0
#include "tests/support/signer.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <zlib.h>

#include "engine/base/base64url.hpp"
#include "engine/base/sha256.hpp"
#include "engine/verify/canonical.hpp"
#include "engine/verify/jcs.hpp"
#include "engine/verify/multibase.hpp"

namespace cadre::test {

namespace {

std::string bytes_of(const unsigned char* p, std::size_t n) { return std::string(reinterpret_cast<const char*>(p), n); }

std::string bn_bytes(EVP_PKEY* key, const char* name, int width) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) throw std::runtime_error("key parameter");
  std::string out(static_cast<std::size_t>(width > 0 ? width : BN_num_bytes(bn)), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

}  // namespace

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string gzip(const std::string& bytes) {
  z_stream zs{};
  deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, bytes.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

SigningKey SigningKey::from_file(const std::string& path) {
  std::string pem = read_text(path);
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (!key) throw std::runtime_error("not a private key: " + path);
  SigningKey k;
  k.key_ = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
  return k;
}

SigningKey SigningKey::generate(const std::string& type) {
  EVP_PKEY* key = type == "Ed25519" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                  : type == "P-256" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                    : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
  if (!key) throw std::runtime_error("key generation failed");
  SigningKey k;
  k.key_ = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
  return k;
}

std::string SigningKey::alg() const {
  if (EVP_PKEY_is_a(key_.get(), "ED25519")) return "EdDSA";
  if (EVP_PKEY_is_a(key_.get(), "EC")) return "ES256";
  return "RS256";
}

std::string SigningKey::public_pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, key_.get());
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return out;
}

nlohmann::json SigningKey::public_jwk() const {
  if (alg() == "EdDSA") {
    unsigned char raw[32];
    std::size_t n = sizeof raw;
    EVP_PKEY_get_raw_public_key(key_.get(), raw, &n);
    return {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", base64url_encode(bytes_of(raw, n))}};
  }
  if (alg() == "ES256")
    return {{"kty", "EC"},
            {"crv", "P-256"},
            {"x", base64url_encode(bn_bytes(key_.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32))},
            {"y", base64url_encode(bn_bytes(key_.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
  return {{"kty", "RSA"},
          {"n", base64url_encode(bn_bytes(key_.get(), OSSL_PKEY_PARAM_RSA_N, 0))},
          {"e", base64url_encode(bn_bytes(key_.get(), OSSL_PKEY_PARAM_RSA_E, 0))}};
}

std::string SigningKey::multikey() const {
  unsigned char raw[32];
  std::size_t n = sizeof raw;
  EVP_PKEY_get_raw_public_key(key_.get(), raw, &n);
  return "z" + verify::base58btc_encode(std::string("\xED\x01", 2) + bytes_of(raw, n));
}

std::string SigningKey::sign(const std::string& data) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const EVP_MD* md = alg() == "EdDSA" ? nullptr : EVP_sha256();
  std::size_t n = 0;
  EVP_DigestSignInit(ctx, nullptr, md, nullptr, key_.get());
  EVP_DigestSign(ctx, nullptr, &n, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::string sig(n, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &n,
                 reinterpret_cast<const unsigned char*>(data.data()), data.size());
  sig.resize(n);
  EVP_MD_CTX_free(ctx);
  if (alg() != "ES256") return sig;
  // DER → r||s, as JOSE writes ECDSA signatures.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
  ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
  std::string out(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(es), reinterpret_cast<unsigned char*>(out.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(es), reinterpret_cast<unsigned char*>(out.data()) + 32, 32);
  ECDSA_SIG_free(es);
  return out;
}

std::string compact_jws(nlohmann::json header, const std::string& payload, const SigningKey& key) {
  header["alg"] = key.alg();
  std::string input = base64url_encode(header.dump()) + "." + base64url_encode(payload);
  return input + "." + base64url_encode(key.sign(input));
}

std::string jades_seal(const std::string& payload, const SigningKey& key, const std::vector<std::string>& chain_pem,
                       const std::string& sig_t, bool unencoded) {
  nlohmann::json header = {{"alg", key.alg()}, {"typ", "jose+json"}, {"sigT", sig_t}};
  nlohmann::json x5c = nlohmann::json::array();
  std::string leaf_der;
  for (const auto& pem : chain_pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    unsigned char* der = nullptr;
    int n = i2d_X509(cert, &der);
    std::string d = bytes_of(der, static_cast<std::size_t>(n));
    OPENSSL_free(der);
    X509_free(cert);
    if (leaf_der.empty()) leaf_der = d;
    x5c.push_back(base64_encode(d, Base64Alphabet::standard));
  }
  header["x5c"] = x5c;
  header["x5t#S256"] = base64url_encode(sha256_bytes(leaf_der));
  if (unencoded) {
    header["b64"] = false;
    header["crit"] = {"b64", "sigT"};
  } else {
    header["crit"] = {"sigT"};
  }
  std::string protected_b64 = base64url_encode(header.dump());
  std::string written = unencoded ? payload : base64url_encode(payload);
  std::string signature = base64url_encode(key.sign(protected_b64 + "." + written));
  nlohmann::ordered_json seal;
  seal["payload"] = written;
  seal["signatures"] = {{{"protected", protected_b64}, {"signature", signature}}};
  return seal.dump(2) + "\n";
}

std::string did_key_method(const SigningKey& key) {
  std::string mk = key.multikey();
  return "did:key:" + mk + "#" + mk;
}

nlohmann::json sign_jcs_2022(nlohmann::json credential, const SigningKey& key, const std::string& method,
                             const std::string& created) {
  nlohmann::json proof = {{"type", "DataIntegrityProof"},  {"cryptosuite", "eddsa-jcs-2022"},
                          {"created", created},            {"verificationMethod", method},
                          {"proofPurpose", "assertionMethod"}};
  if (credential.contains("@context")) proof["@context"] = credential["@context"];
  std::string hash = sha256_bytes(*verify::jcs(proof)) + sha256_bytes(*verify::jcs(credential));
  proof["proofValue"] = "z" + verify::base58btc_encode(key.sign(hash));
  credential["proof"] = proof;
  return credential;
}

nlohmann::json sign_rdfc_2022(nlohmann::json credential, const SigningKey& key, const std::string& method,
                              const std::string& created) {
  nlohmann::json proof = {{"type", "DataIntegrityProof"},  {"cryptosuite", "eddsa-rdfc-2022"},
                          {"created", created},            {"verificationMethod", method},
                          {"proofPurpose", "assertionMethod"}};
  nlohmann::json config = proof;
  config["@context"] = credential["@context"];
  auto canonical_config = verify::canonicalize_jsonld(config);
  auto canonical_document = verify::canonicalize_jsonld(credential);
  if (!canonical_config.nquads || !canonical_document.nquads)
    throw std::runtime_error("cannot canonicalize: " + canonical_config.unsupported + canonical_document.unsupported);
  std::string hash = sha256_bytes(*canonical_config.nquads) + sha256_bytes(*canonical_document.nquads);
  proof["proofValue"] = "z" + verify::base58btc_encode(key.sign(hash));
  credential["proof"] = proof;
  return credential;
}

}  // namespace cadre::test
