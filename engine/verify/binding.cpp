// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/binding.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace cadre::verify {

std::string issuer_id(const nlohmann::json& credential) {
  if (!credential.is_object()) return "";
  auto it = credential.find("issuer");
  if (it == credential.end()) return "";
  if (it->is_string()) return *it;
  if (it->is_object() && it->contains("id") && (*it)["id"].is_string()) return (*it)["id"];
  return "";
}

std::optional<Date> day_of(const std::string& iso) {
  if (iso.size() < 10) return std::nullopt;
  auto d = parse_date(iso.substr(0, 10));
  if (!d) return std::nullopt;
  return Date{d->days, -1};
}

std::optional<Date> issuance_day(const nlohmann::json& credential) {
  if (!credential.is_object()) return std::nullopt;
  for (const char* field : {"validFrom", "issuanceDate", "awardedDate"})
    if (auto it = credential.find(field); it != credential.end() && it->is_string())
      if (auto d = day_of(*it)) return d;
  return std::nullopt;
}

std::string did_of(const std::string& id) {
  if (id.rfind("did:", 0) != 0) return id;
  return id.substr(0, id.find('#'));
}

void decide_trust(Result& r, const std::vector<const TrustEntry*>& candidates, const std::string& issuer,
                  const std::optional<Date>& issued, const Date& as_of) {
  const Date when = issued.value_or(as_of);
  if (candidates.empty()) {
    r.status = Status::untrusted_issuer;
    r.reason = fmt::format("the signature is valid, but key {} is not in the trust list", r.key);
    return;
  }
  // Key substitution: a consortium member's key signing for an issuer that is not its own
  // proves that member signed, not that the named issuer did.
  std::vector<const TrustEntry*> for_issuer;
  for (const auto* e : candidates)
    if (e->issuer.empty() || issuer.empty() || e->issuer == issuer || did_of(e->id) == issuer) for_issuer.push_back(e);
  if (for_issuer.empty()) {
    const auto* e = candidates.front();
    r.status = Status::untrusted_issuer;
    r.reason = fmt::format("the key is trusted for {} (issuer {}), but the credential names issuer {}", e->university,
                           e->issuer, issuer);
    return;
  }
  for (const auto* e : for_issuer)
    if (e->in_force(when)) {
      r.status = Status::verified;
      r.university = e->university;
      r.reason.clear();
      return;
    }
  const auto* e = for_issuer.front();
  r.status = Status::expired_key;
  r.university = e->university;
  const std::string validity = fmt::format("valid from {} {}", format_date(e->valid_from),
                                           e->valid_until ? "to " + format_date(*e->valid_until) : std::string("on"));
  r.reason = issued ? fmt::format("the key of {} is {}, but the credential was issued on {}", e->university, validity,
                                  format_date(*issued))
                    : fmt::format("the key of {} is {}, and the credential states no issuance date: on the as-of date "
                                  "{} the key is not in force",
                                  e->university, validity, format_date(as_of));
}

}  // namespace cadre::verify
