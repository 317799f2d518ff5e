// SPDX-License-Identifier: Apache-2.0
// JWS (RFC 7515) as credentials use it: VC-JWT in the compact serialization, and JAdES seals
// of European Digital Credentials in the JSON serialization with an x5c chain (ETSI TS 119
// 182-1), including the unencoded payload of RFC 7797 ("b64": false). The parser works on the
// file's raw bytes: the signing input is exactly what was signed, never a re-serialization.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/verify/result.hpp"
#include "engine/verify/verifier.hpp"

namespace cadre::verify {

struct JwsSignature {
  nlohmann::json header;      // protected and unprotected members together (disjoint, checked)
  std::string signing_input;  // ASCII(BASE64URL(protected)) '.' payload, as signed
  std::string signature;      // decoded
};

struct Jws {
  std::string payload;  // decoded (or as written, when unencoded)
  std::vector<JwsSignature> signatures;
  bool json_serialization = false;
};

/// `header.payload.signature`, or nothing with `error` set.
std::optional<Jws> parse_compact_jws(std::string_view text, std::string& error);
/// `{"payload": …, "signatures": [{"protected": …, "header": …, "signature": …}]}` or the
/// flattened form; nothing with `error` set.
std::optional<Jws> parse_json_jws(const nlohmann::json& document, std::string& error);

/// The verdict on a parsed JWS; `credential` receives the payload read as the credential
/// (the `vc` claim of a VC-JWT, else the payload itself), for the revocation check.
Result verify_jws(const Jws& jws, const VerifyContext& context, nlohmann::json& credential);

}  // namespace cadre::verify
