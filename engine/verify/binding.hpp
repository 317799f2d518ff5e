// SPDX-License-Identifier: Apache-2.0
// What every proof format shares once its signature is known to be valid: is the key the
// trust list's, for this issuer, in force when the credential was issued? And the facts of
// the credential those questions need (issuer, issuance day). Internal to engine/verify.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "engine/base/calendar.hpp"
#include "engine/verify/result.hpp"
#include "engine/verify/trust.hpp"

namespace cadre::verify {

/// The credential's issuer id: `issuer` as a string or `issuer.id`; "" when none.
std::string issuer_id(const nlohmann::json& credential);

/// The day the credential says it was issued (validFrom, issuanceDate, awardedDate), if any.
std::optional<Date> issuance_day(const nlohmann::json& credential);
/// An ISO date-time's day (UTC as written), if it is one.
std::optional<Date> day_of(const std::string& iso);

/// The DID of a DID URL (`did:key:z…#z…` → `did:key:z…`); other ids unchanged.
std::string did_of(const std::string& id);

/// With a valid signature made by a key of `candidates` (the entries the key or its chain
/// belongs to), decides verified / untrusted_issuer / expired_key into `r`. `issued` is the
/// day the credential or its signature states; when it states none, the key must be in force
/// on `as_of`, and the reason says so rather than inventing an issuance day.
void decide_trust(Result& r, const std::vector<const TrustEntry*>& candidates, const std::string& issuer,
                  const std::optional<Date>& issued, const Date& as_of);

}  // namespace cadre::verify
