// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/jose.hpp"

#include <array>
#include <ctime>

#include <fmt/format.h>

#include "engine/base/base64url.hpp"
#include "engine/base/sha256.hpp"
#include "engine/verify/binding.hpp"
#include "engine/verify/contexts.hpp"
#include "engine/verify/multibase.hpp"
#include "engine/verify/strict_json.hpp"

namespace cadre::verify {

namespace {

// Header parameters a `crit` list may name. b64 changes the signing input and is handled;
// sigT is the signing time used for the trust decision; the JAdES timestamps and
// attributes (adoTst, sigPId, srCms, sigPl, srAts, sigX5ts) add evidence that cadre does not
// check but that never changes what the signature covers. Anything else (sigD: a detached
// payload) is refused, as RFC 7515 §4.1.11 requires.
constexpr std::array<std::string_view, 8> kUnderstood = {"b64", "sigT", "adoTst", "sigPId", "srCms", "sigPl", "srAts",
                                                         "sigX5ts"};

bool understood(const std::string& name) {
  for (auto u : kUnderstood)
    if (u == name) return true;
  return false;
}

std::optional<JwsSignature> read_signature(std::string_view protected_b64, const nlohmann::json* unprotected,
                                           std::string_view payload_as_written, std::string_view signature_b64,
                                           std::string& error, bool& unencoded) {
  JwsSignature s;
  auto header_bytes = base64url_decode(protected_b64);
  if (!header_bytes) {
    error = "the protected header is not base64url";
    return std::nullopt;
  }
  auto header = parse_strict_json(*header_bytes, error);
  if (!header || !header->is_object()) {
    error = "the protected header is not a JSON object" + (error.empty() ? "" : ": " + error);
    return std::nullopt;
  }
  s.header = std::move(*header);
  if (unprotected) {
    if (!unprotected->is_object()) {
      error = "the unprotected header is not a JSON object";
      return std::nullopt;
    }
    for (auto it = unprotected->begin(); it != unprotected->end(); ++it) {
      if (s.header.contains(it.key())) {
        error = "header parameter `" + it.key() + "` is both protected and unprotected";
        return std::nullopt;
      }
      s.header[it.key()] = it.value();
    }
  }
  unencoded = false;
  if (auto b64 = s.header.find("b64"); b64 != s.header.end()) {
    if (!b64->is_boolean()) {
      error = "header b64 is not a boolean";
      return std::nullopt;
    }
    unencoded = !b64->get<bool>();
  }
  auto signature = base64url_decode(signature_b64);
  if (!signature) {
    error = "the signature is not base64url";
    return std::nullopt;
  }
  s.signature = std::move(*signature);
  s.signing_input = std::string(protected_b64) + "." + std::string(payload_as_written);
  return s;
}

std::string header_string(const nlohmann::json& header, const char* name) {
  auto it = header.find(name);
  return it != header.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

/// A seal's signing time (JAdES sigT), or a JWT's issued-at / not-before, or the credential's.
std::optional<Date> signing_day(const nlohmann::json& header, const nlohmann::json& payload,
                                const nlohmann::json& credential) {
  if (auto t = day_of(header_string(header, "sigT"))) return t;
  for (const char* claim : {"nbf", "iat"})
    if (payload.is_object() && payload.contains(claim) && payload[claim].is_number()) {
      double seconds = payload[claim].get<double>();
      if (seconds > -1e11 && seconds < 1e11) return Date{static_cast<std::int32_t>(seconds / 86400), -1};
    }
  return issuance_day(credential);
}

std::time_t time_of(const Date& d) { return static_cast<std::time_t>(d.days) * 86400 + 43200; }

/// One signature's verdict.
Result verify_one(const JwsSignature& s, const Jws& jws, const nlohmann::json& payload, const nlohmann::json& credential,
                  const VerifyContext& context) {
  Result r;
  std::string alg_name = header_string(s.header, "alg");
  r.proof = fmt::format("{} {}", jws.json_serialization && s.header.contains("x5c") ? "JAdES" : "JWS",
                        alg_name.empty() ? "(no alg)" : alg_name);
  r.issuer = issuer_id(credential);
  if (r.issuer.empty() && payload.is_object() && payload.contains("iss") && payload["iss"].is_string())
    r.issuer = payload["iss"];
  auto unsupported = [&](std::string why) {
    r.status = Status::unsupported;
    r.reason = std::move(why);
    return r;
  };
  auto alg = algorithm_named(alg_name);
  if (!alg)
    return unsupported(alg_name == "none" ? "alg none: an unsigned JWS is never accepted"
                                          : fmt::format("JWS algorithm `{}` (cadre checks EdDSA, ES256, RS256)", alg_name));
  if (auto crit = s.header.find("crit"); crit != s.header.end()) {
    if (!crit->is_array() || crit->empty()) return unsupported("header crit is not a non-empty list");
    for (const auto& c : *crit)
      if (!c.is_string() || !understood(c.get<std::string>()))
        return unsupported(fmt::format("critical header parameter {} is not understood", c.dump()));
  }
  const std::optional<Date> issued = signing_day(s.header, payload, credential);

  // The key: from the x5c chain, the trust list's entry for kid, a did:key kid, the embedded
  // jwk, or the trust list's keys for the issuer, in that order. The trust list decides: an
  // embedded key only says who claims to have signed.
  std::optional<PublicKey> key;
  std::vector<const TrustEntry*> trusted;
  std::string kid = header_string(s.header, "kid");
  if (auto x5c = s.header.find("x5c"); x5c != s.header.end()) {
    if (!x5c->is_array() || x5c->empty()) return unsupported("header x5c is not a list of certificates");
    std::vector<Certificate> chain;
    std::string leaf_der;
    for (const auto& c : *x5c) {
      auto der = c.is_string() ? base64_decode(c.get<std::string>(), Base64Alphabet::standard) : std::nullopt;
      auto cert = der ? Certificate::from_der(*der) : std::nullopt;
      if (!cert) {
        r.status = Status::invalid_signature;
        r.reason = "an x5c entry is not a DER certificate in base64";
        return r;
      }
      if (chain.empty()) leaf_der = *der;
      chain.push_back(std::move(*cert));
    }
    r.key = chain.front().subject();
    // The protected thumbprint binds the signature to this leaf (JAdES): a swapped x5c fails.
    if (auto thumb = header_string(s.header, "x5t#S256"); !thumb.empty() && thumb != base64url_encode(sha256_bytes(leaf_der))) {
      r.status = Status::invalid_signature;
      r.reason = "header x5t#S256 is not the thumbprint of the x5c leaf certificate";
      return r;
    }
    key = chain.front().public_key();
    if (!key) return unsupported("the x5c leaf certificate's key type is not supported");
    if (!key->verifies(*alg, s.signing_input, s.signature)) {
      r.status = Status::invalid_signature;
      r.reason = key->fits(*alg) ? fmt::format("the {} signature does not match the content (certificate {})", alg_name, r.key)
                                 : fmt::format("alg {} does not fit the certificate's {} key", alg_name, key->type());
      return r;
    }
    std::vector<Certificate> rest(chain.begin() + 1, chain.end());
    std::string last_error = "no certificate of the trust list";
    for (const auto& e : context.trust.entries()) {
      if (e.certificates.empty()) continue;
      std::string error = verify_chain(chain.front(), rest, e.certificates, time_of(issued.value_or(context.as_of)));
      if (error.empty()) trusted.push_back(&e);
      else last_error = error;
    }
    if (trusted.empty()) {
      r.status = Status::untrusted_issuer;
      r.reason = fmt::format("the signature is valid, but the certificate chain of {} does not end in a certificate of "
                             "the trust list ({})",
                             r.key, last_error);
      return r;
    }
    decide_trust(r, trusted, r.issuer, issued, context.as_of);
    return r;
  }
  if (!kid.empty()) {
    if (const TrustEntry* e = context.trust.by_id(kid); e && e->key) {
      key = e->key;
      trusted.push_back(e);
    } else if (kid.rfind("did:key:", 0) == 0) {
      std::string method = did_of(kid).substr(8);
      if (auto raw = ed25519_multikey(method)) key = PublicKey::ed25519(*raw);
      if (!key) return unsupported(fmt::format("did:key {} is not an Ed25519 multikey", kid));
    }
    r.key = kid;
  }
  if (!key && s.header.contains("jwk")) {
    std::string error;
    key = PublicKey::from_jwk(s.header["jwk"], error);
    if (!key) return unsupported("header jwk: " + error);
    if (r.key.empty()) r.key = "embedded jwk (" + key->type() + ")";
  }
  if (!key) {
    // No key named: try the trust list's keys for the issuer.
    for (const auto* e : context.trust.by_issuer(r.issuer))
      if (e->key && e->key->verifies(*alg, s.signing_input, s.signature)) {
        r.key = e->id;
        decide_trust(r, {e}, r.issuer, issued, context.as_of);
        return r;
      }
    if (!context.trust.by_issuer(r.issuer).empty()) {
      r.status = Status::invalid_signature;
      r.reason = fmt::format("no key of issuer {} in the trust list matches the {} signature", r.issuer, alg_name);
      return r;
    }
    return unsupported(kid.empty() ? fmt::format("no key: the JWS has no kid, jwk or x5c, and the trust list has no key "
                                                 "for issuer {}",
                                                 r.issuer.empty() ? "(none named)" : r.issuer)
                                   : fmt::format("key {} cannot be resolved offline (not did:key, not in the trust list)",
                                                 kid));
  }
  if (!key->verifies(*alg, s.signing_input, s.signature)) {
    r.status = Status::invalid_signature;
    r.reason = key->fits(*alg) ? fmt::format("the {} signature does not match the content (key {})", alg_name, r.key)
                               : fmt::format("alg {} does not fit key {} ({})", alg_name, r.key, key->type());
    return r;
  }
  if (trusted.empty()) trusted = context.trust.by_key(*key);
  decide_trust(r, trusted, r.issuer, issued, context.as_of);
  return r;
}

}  // namespace

std::optional<Jws> parse_compact_jws(std::string_view text, std::string& error) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  auto first = text.find('.');
  auto second = first == std::string_view::npos ? first : text.find('.', first + 1);
  if (second == std::string_view::npos || text.find('.', second + 1) != std::string_view::npos) {
    error = "not a compact JWS (three base64url parts separated by dots)";
    return std::nullopt;
  }
  Jws jws;
  std::string_view payload = text.substr(first + 1, second - first - 1);
  bool unencoded = false;
  auto s = read_signature(text.substr(0, first), nullptr, payload, text.substr(second + 1), error, unencoded);
  if (!s) return std::nullopt;
  if (unencoded) {
    error = "an unencoded payload (b64: false) in the compact serialization";
    return std::nullopt;
  }
  auto decoded = base64url_decode(payload);
  if (!decoded) {
    error = "the payload is not base64url";
    return std::nullopt;
  }
  jws.payload = std::move(*decoded);
  jws.signatures.push_back(std::move(*s));
  return jws;
}

std::optional<Jws> parse_json_jws(const nlohmann::json& document, std::string& error) {
  if (!document.is_object() || !document.contains("payload") || !document["payload"].is_string()) {
    error = "not a JWS JSON serialization (no payload string)";
    return std::nullopt;
  }
  Jws jws;
  jws.json_serialization = true;
  const std::string& payload = document["payload"].get_ref<const std::string&>();
  std::vector<const nlohmann::json*> entries;
  if (document.contains("signatures")) {
    if (!document["signatures"].is_array() || document["signatures"].empty() || document.contains("signature")) {
      error = "signatures is not a non-empty list";
      return std::nullopt;
    }
    for (const auto& s : document["signatures"]) entries.push_back(&s);
  } else {
    entries.push_back(&document);  // flattened
  }
  std::optional<bool> all_unencoded;
  for (const auto* e : entries) {
    if (!e->is_object() || !e->contains("protected") || !(*e)["protected"].is_string() || !e->contains("signature") ||
        !(*e)["signature"].is_string()) {
      error = "a signature has no protected header or no signature";
      return std::nullopt;
    }
    const nlohmann::json* unprotected = e->contains("header") ? &(*e)["header"] : nullptr;
    bool unencoded = false;
    auto s = read_signature((*e)["protected"].get<std::string>(), unprotected, payload,
                            (*e)["signature"].get<std::string>(), error, unencoded);
    if (!s) return std::nullopt;
    // b64 must be protected, and the same for every signature (RFC 7797 §3, §6).
    if (unencoded && !(s->header.contains("crit") && s->header["crit"].is_array() &&
                       std::find(s->header["crit"].begin(), s->header["crit"].end(), "b64") != s->header["crit"].end())) {
      error = "b64 false without crit b64";
      return std::nullopt;
    }
    if (all_unencoded && *all_unencoded != unencoded) {
      error = "signatures disagree on b64";
      return std::nullopt;
    }
    all_unencoded = unencoded;
    jws.signatures.push_back(std::move(*s));
  }
  if (*all_unencoded) {
    jws.payload = payload;
  } else {
    auto decoded = base64url_decode(payload);
    if (!decoded) {
      error = "the payload is not base64url";
      return std::nullopt;
    }
    jws.payload = std::move(*decoded);
  }
  return jws;
}

Result verify_jws(const Jws& jws, const VerifyContext& context, nlohmann::json& credential) {
  std::string error;
  auto payload = parse_strict_json(jws.payload, error);
  nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json& p = payload ? *payload : empty;
  credential = p.is_object() && p.contains("vc") && p["vc"].is_object() ? p["vc"] : p;
  // Every signature must hold: one bad signature of several is tampering all the same.
  Result best;
  bool first = true;
  for (const auto& s : jws.signatures) {
    Result r = verify_one(s, jws, p, credential, context);
    if (r.status == Status::invalid_signature) return r;
    // The signature covers the bytes whatever the contexts say, so tampering is reported
    // first; but a valid signature over terms cadre cannot read is still not `verified`.
    if (auto problem = context_problem(credential);
        !problem.empty() && (r.status == Status::verified || r.status == Status::untrusted_issuer ||
                             r.status == Status::expired_key)) {
      r.status = Status::unsupported;
      r.reason = "the signature is valid, but " + problem;
    }
    if (first || (r.status == Status::verified && best.status != Status::verified)) best = r;
    first = false;
  }
  if (!payload && best.status != Status::invalid_signature) {
    // A signed payload that is not JSON is not a credential cadre can read, whatever else
    // was found about its key: that is the first thing its holder needs to know.
    best.status = Status::unsupported;
    best.reason = "the signed payload is not JSON: " + error;
  }
  return best;
}

}  // namespace cadre::verify
