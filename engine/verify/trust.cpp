// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/trust.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/verify/binding.hpp"
#include "engine/verify/multibase.hpp"
#include "engine/verify/strict_json.hpp"

namespace cadre::verify {

namespace {

std::string text(const record::Value* v) { return v && v->kind != record::Value::Kind::Null ? v->text : std::string{}; }

std::optional<Date> date(const record::Value* v) {
  if (!v) return std::nullopt;
  if (v->kind == record::Value::Kind::Date) return v->date;
  return parse_date(v->text);
}

}  // namespace

bool TrustEntry::in_force(const Date& day) const {
  Date d{day.days, -1};
  if (compare_dates(d, valid_from) < 0) return false;
  return !valid_until || compare_dates(d, *valid_until) <= 0;
}

void TrustList::add(const std::vector<record::Record>& records, Diagnostics& diagnostics) {
  for (const auto& r : records) {
    if (r.kind != "trust") continue;
    const record::Value* keys = r.root->get("keys");
    if (!keys) continue;  // the schema reports it
    for (const auto& k : keys->children) {
      if (!k.is_map()) continue;
      TrustEntry e;
      e.university = text(k.get("university"));
      e.id = text(k.get("id"));
      e.issuer = text(k.get("issuer"));
      e.file = r.file;
      e.offset = k.offset;
      auto from = date(k.get("valid_from"));
      if (!from) continue;  // the schema reports a missing or bad date
      e.valid_from = *from;
      e.valid_until = date(k.get("valid_until"));
      auto fail = [&](const record::Value* at, const std::string& message) {
        diagnostics.add(DiagCode::E0322, Span{r.file, at ? at->offset : k.offset, at ? at->offset : k.offset},
                          fmt::format("trust entry `{}` ({}): {}", e.id, e.university, message));
      };
      bool bad = false;
      if (const auto* v = k.get("public_key_multibase")) {
        auto raw = ed25519_multikey(v->text);
        if (raw) e.key = PublicKey::ed25519(*raw);
        if (!e.key) fail(v, "public_key_multibase is not an Ed25519 multikey (z6Mk…)"), bad = true;
      }
      if (const auto* v = k.get("public_key_jwk")) {
        std::string error;
        auto jwk = parse_strict_json(v->text, error);
        if (jwk) e.key = PublicKey::from_jwk(*jwk, error);
        if (!e.key) fail(v, "public_key_jwk: " + error), bad = true;
      }
      if (const auto* v = k.get("public_key_pem")) {
        e.key = PublicKey::from_pem(v->text);
        if (!e.key) fail(v, "public_key_pem is not a PEM public key"), bad = true;
      }
      if (const auto* v = k.get("certificate_pem")) {
        e.certificates = Certificate::from_pem(v->text);
        if (e.certificates.empty()) fail(v, "certificate_pem holds no PEM certificate"), bad = true;
      }
      // A did:key names its own key: nothing else is needed.
      if (!e.key && e.certificates.empty() && e.id.rfind("did:key:", 0) == 0) {
        std::string method = did_of(e.id).substr(8);
        if (auto raw = ed25519_multikey(method)) e.key = PublicKey::ed25519(*raw);
      }
      if (!bad && !e.key && e.certificates.empty())
        fail(nullptr, "no key: give public_key_multibase, public_key_jwk, public_key_pem or certificate_pem"), bad = true;
      if (!bad) entries_.push_back(std::move(e));
    }
  }
}

const TrustEntry* TrustList::by_id(const std::string& id) const {
  for (const auto& e : entries_)
    if (e.id == id) return &e;
  // A DID URL (did:…#fragment) is covered by an entry for its whole DID.
  std::string did = did_of(id);
  if (did != id)
    for (const auto& e : entries_)
      if (e.id == did) return &e;
  return nullptr;
}

std::vector<const TrustEntry*> TrustList::by_key(const PublicKey& key) const {
  std::vector<const TrustEntry*> out;
  for (const auto& e : entries_)
    if (e.key && e.key->same_as(key)) out.push_back(&e);
  return out;
}

std::vector<const TrustEntry*> TrustList::by_issuer(const std::string& issuer) const {
  std::vector<const TrustEntry*> out;
  if (issuer.empty()) return out;
  for (const auto& e : entries_)
    if (e.issuer == issuer || did_of(e.id) == issuer) out.push_back(&e);
  return out;
}

}  // namespace cadre::verify
