// SPDX-License-Identifier: Apache-2.0
// Open Badges 2.0 assertions (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html),
// mapped onto the certificate record rather than refused: they are still the commonest badges,
// and what they state (badge class, issuer, dates, evidence) answers part of §10.2. What
// they cannot state is left absent for the rules to report; a hashed recipient names nobody.
#include "engine/credentials/formats.hpp"
#include "engine/credentials/vocabularies.hpp"

namespace cadre::credentials::detail {

std::vector<Value> map_ob2(const Value& a, Mapper& m) {
  Value out = certificate_root(a, get(&a, "type"));
  put(out, "id", as_text(get(&a, "id")));
  const Value* badge_prop = get(&a, "badge");
  const Value* badge = first(badge_prop);
  // The badge class, embedded (§BadgeClass) or by its URL: then only its id is known here.
  put(out, "course", as_text(badge && badge->is_map() ? get(badge, "id") : badge_prop));
  put(out, "title", as_text(get(badge, "name")));
  const Value* issuer_prop = get(badge, "issuer");
  if (const Value* issuer = first(issuer_prop)) {
    Value iss = node(Kind::Map, "issuer", issuer_prop);
    if (issuer->is_map()) {
      put(iss, "university", as_text(get(issuer, "name")));
      put(iss, "header", as_text(get(issuer, "image")));
    }
    out.children.push_back(std::move(iss));
  }
  const Value* recipient_prop = get(&a, "recipient");
  if (const Value* recipient = first(recipient_prop)) {
    Value holder = node(Kind::Map, "holder", recipient_prop);
    Pick identity = as_text(get(recipient, "identity"));
    Pick hashed = as_text(get(recipient, "hashed"));
    if (identity) put(holder, "id", identity);
    if (hashed && hashed.value->text == "true")
      m.problem(DiagCode::W0321, *hashed.value,
                "the Open Badges 2.0 recipient is hashed: it names no trainee, so the certificate gives no "
                "identity for §10.2",
                "an OB 2.0 assertion names its holder by a salted hash of an e-mail address only");
    out.children.push_back(std::move(holder));
  }
  Value competences = node(Kind::List, "competences", get(badge, "alignment"));
  const Value* eqf = nullptr;
  for (const Value* alignment : all(get(badge, "alignment"))) {
    Pick framework = as_text(get(alignment, "targetFramework"));
    Pick url = as_text(get(alignment, "targetUrl"));
    if ((framework && names_eqf(framework.value->text)) || (url && names_eqf(url.value->text))) {
      if (!eqf) eqf = alignment;
      continue;
    }
    Pick label = as_text(get(alignment, "targetName"));
    if (!label) continue;
    Value item = node(Kind::Map, "", alignment);
    put(item, "id", as_text(get(alignment, "targetCode")));
    put(item, "label", label);
    competences.children.push_back(std::move(item));
  }
  add_if_filled(out, std::move(competences));
  put(out, "issued", as_text(get(&a, "issuedOn")));
  if (eqf)
    m.put_eqf(out, eqf, either({as_text(get(eqf, "targetCode")), as_text(get(eqf, "targetUrl")), as_text(get(eqf, "targetName"))}));
  // A signed assertion (verification.type "signed", a JWS) is signed; a hosted one is not.
  const Value* verification_prop = get(&a, "verification");
  Pick verification = as_text(get(first(verification_prop), "type"));
  if (verification && (verification.value->text == "signed" || verification.value->text == "SignedBadge")) {
    Value signature = node(Kind::Map, "signature", verification_prop);
    put_computed(signature, "method", "ob2_signed", verification);
    out.children.push_back(std::move(signature));
  }
  put(out, "verification_url", as_url(get(&a, "id")));
  put(out, "expires", as_text(get(&a, "expires")));
  put(out, "further_information", as_text(get(badge, "description")));
  return {std::move(out)};
}

}  // namespace cadre::credentials::detail
