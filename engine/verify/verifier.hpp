// SPDX-License-Identifier: Apache-2.0
// `cadre verify` for one credential file: which proof it carries (VC-JWT / JWS, JAdES seal,
// Data Integrity), whether it matches the content, whether its key is in the trust list, and
// whether a status list given says it is revoked. Offline: nothing is fetched.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/base/calendar.hpp"
#include "engine/verify/result.hpp"
#include "engine/verify/trust.hpp"

namespace cadre::verify {

class StatusLists;

struct VerifyContext {
  const TrustList& trust;
  const StatusLists* status_lists = nullptr;  // none given: revocation is "not checked"
  Date as_of = today_paris();                 // the day used when a credential states none
};

/// Whether `bytes` look like a credential cadre can verify (JSON object, compact JWS).
bool looks_like_credential(std::string_view bytes);

/// The verdict on one credential, or nothing when `bytes` are not a credential at all (not
/// JSON, not a compact JWS), with `error` saying why — and, for a JSON syntax error when
/// `error_at` is given, its byte offset in `bytes` there rather than in `error`.
std::optional<Result> verify_credential(std::string_view bytes, const VerifyContext& context, std::string& error,
                                        std::optional<std::size_t>* error_at = nullptr);

}  // namespace cadre::verify
