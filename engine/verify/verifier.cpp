// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/verifier.hpp"

#include <nlohmann/json.hpp>

#include "engine/verify/binding.hpp"
#include "engine/verify/data_integrity.hpp"
#include "engine/verify/jose.hpp"
#include "engine/verify/status_list.hpp"
#include "engine/verify/strict_json.hpp"

namespace cadre::verify {

namespace {

std::string_view trimmed(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // a UTF-8 byte order mark
  while (!bytes.empty() && (bytes.front() == ' ' || bytes.front() == '\n' || bytes.front() == '\r' || bytes.front() == '\t'))
    bytes.remove_prefix(1);
  while (!bytes.empty() && (bytes.back() == ' ' || bytes.back() == '\n' || bytes.back() == '\r' || bytes.back() == '\t'))
    bytes.remove_suffix(1);
  return bytes;
}

bool compact_shape(std::string_view text) {
  int dots = 0;
  for (char c : text) {
    if (c == '.') ++dots;
    else if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return dots == 2;
}

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::verified: return "verified";
    case Status::untrusted_issuer: return "untrusted_issuer";
    case Status::invalid_signature: return "invalid_signature";
    case Status::revoked: return "revoked";
    case Status::expired_key: return "expired_key";
    case Status::unsupported: return "unsupported";
    case Status::no_proof: return "no_proof";
  }
  return "?";
}

const char* revocation_name(Revocation r) {
  switch (r) {
    case Revocation::none_declared: return "none_declared";
    case Revocation::not_checked: return "not_checked";
    case Revocation::not_revoked: return "not_revoked";
    case Revocation::revoked: return "revoked";
  }
  return "?";
}

bool looks_like_credential(std::string_view bytes) {
  auto t = trimmed(bytes);
  return (!t.empty() && (t.front() == '{' || t.front() == '[' || t.front() == '<')) || compact_shape(t);
}

std::optional<Result> verify_credential(std::string_view bytes, const VerifyContext& context, std::string& error,
                                        std::optional<std::size_t>* error_at) {
  auto text = trimmed(bytes);
  nlohmann::json credential;
  Result r;
  if (!text.empty() && text.front() == '[') {
    // JSON, but a list: its syntax error placed like any other, or why it is no credential.
    std::optional<std::size_t> at;
    if (parse_strict_json(text, error, error_at ? &at : nullptr)) {
      error = "a JSON array, not a credential (a JSON object)";
      at = 0;
    }
    if (error_at && at) *error_at = static_cast<std::size_t>(text.data() - bytes.data()) + *at;  // in `bytes`
    return std::nullopt;
  }
  if (!text.empty() && text.front() == '{') {
    std::optional<std::size_t> at;
    auto doc = parse_strict_json(text, error, error_at ? &at : nullptr);
    if (!doc) {
      if (error_at && at) *error_at = static_cast<std::size_t>(text.data() - bytes.data()) + *at;  // in `bytes`
      return std::nullopt;
    }
    bool jws_json = doc->contains("payload") && (doc->contains("signatures") || doc->contains("signature"));
    if (jws_json) {
      auto jws = parse_json_jws(*doc, error);
      if (!jws) {
        r.status = Status::invalid_signature;
        r.proof = "JWS JSON";
        r.reason = "malformed JWS: " + error;
        error.clear();
        return r;
      }
      r = verify_jws(*jws, context, credential);
    } else {
      credential = std::move(*doc);
      r = verify_data_integrity(credential, context);
    }
  } else if (compact_shape(text)) {
    auto jws = parse_compact_jws(text, error);
    if (!jws) {
      r.status = Status::invalid_signature;
      r.proof = "JWS";
      r.reason = "malformed JWS: " + error;
      error.clear();
      return r;
    }
    r = verify_jws(*jws, context, credential);
  } else if (!text.empty() && text.front() == '<') {
    // EDC also come as XML, sealed with XAdES: a definite answer, never a silent skip.
    r.status = Status::unsupported;
    r.proof = "XML";
    r.reason = "an XML credential: XAdES signatures are not checked by cadre";
    return r;
  } else {
    error = "neither JSON nor a compact JWS";
    return std::nullopt;
  }
  if (r.issuer.empty()) r.issuer = issuer_id(credential);
  if (context.status_lists) {
    context.status_lists->check(r, credential);
  } else {
    StatusLists none;
    none.check(r, credential);
  }
  return r;
}

}  // namespace cadre::verify
