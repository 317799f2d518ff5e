// SPDX-License-Identifier: Apache-2.0
// European Learning Model v3 (https://europa.eu/europass/elm-browser/), European Digital
// Credential: one certificate per learning achievement claimed.
#include <algorithm>

#include "engine/credentials/formats.hpp"
#include "engine/credentials/vocabularies.hpp"

namespace cadre::credentials::detail {

namespace {

/// ECTS, unless the credit point names another framework.
bool is_ects(const Value* credit_point) {
  const Value* framework = first(get(credit_point, "framework"));
  if (!framework) return true;
  Pick label = as_label(framework);
  Pick id = as_text(get(framework, "id"));
  return (label && is_ects_framework(label.value->text)) || (id && is_ects_framework(id.value->text));
}

/// A concept's URI (`id`) and its label, for the vocabularies' lookups.
std::optional<std::string> by_concept(const Value* prop, std::optional<std::string> (*lookup)(std::string_view), Pick& at) {
  for (const Value* concept_value : all(prop)) {
    Pick id = as_text(get(concept_value, "id"));
    if (id)
      if (auto v = lookup(id.value->text)) {
        at = {prop, id.value};
        return v;
      }
    Pick label = as_label(concept_value);
    if (label)
      if (auto v = lookup(label.value->text)) {
        at = {prop, label.value};
        return v;
      }
  }
  return std::nullopt;
}

void put_quality(Value& out, std::initializer_list<const Value*> accreditation_props) {
  for (const Value* prop : accreditation_props) {
    std::string joined;
    Pick at;
    for (const Value* accreditation : all(prop)) {
      Pick p = either({as_text(get(accreditation, "title")), as_label(get(accreditation, "dcType"))});
      if (!p) continue;
      if (!at) at = {prop, p.value};
      joined += (joined.empty() ? "" : "; ") + p.value->text;
    }
    if (at) {
      put_computed(out, "quality_assurance", joined, at);
      return;
    }
  }
}

Value certificate_of(const Value& c, const Value* subject_prop, const Value* subject, const Value* claim_prop,
                     const Value* claim, std::size_t n, Mapper& m, const Seal* seal) {
  Value out = certificate_root(c, get(&c, "type"));
  // A field missing from the record is reported at the claim, which should have held it.
  if (const Value* at = first(claim)) out.offset = at->offset;
  const Value* spec = first(get(claim, "specifiedBy"));
  const Value* proven = first(get(claim, "provenBy"));
  const Value* awarding_prop = path(claim, {"awardedBy", "awardingBody"});
  const Value* issuer_prop = get(&c, "issuer");

  if (Pick id = as_text(get(&c, "id")))
    put_computed(out, "id", nth_id(id.value->text, n), n ? Pick{claim_prop, first(claim_prop)} : id);
  Pick course;
  for (const Value* identifier : all(get(spec, "identifier")))
    if ((course = as_text(get(identifier, "notation")))) break;
  put(out, "course", either({course, as_text(get(spec, "id"))}));
  put(out, "title", either({as_text(get(claim, "title")), as_text(get(spec, "title"))}));

  // The awarding body is the university of the certificate; the issuer, when it is
  // another organisation (issuance by mandate), completes what the awarding body lacks.
  const Value* organisations[] = {first(awarding_prop), first(issuer_prop)};
  const Value* organisation_props[] = {awarding_prop, issuer_prop};
  for (int i = 0; i < 2; ++i) {
    Pick name = as_text(get(organisations[i], "legalName"));
    if (!name) continue;
    Value iss = node(Kind::Map, "issuer", organisation_props[i]);
    put(iss, "university", name);
    for (const Value* org : organisations) {
      const Value* code_prop = path(org, {"location", "address", "countryCode"});
      const Value* code = first(code_prop);
      Pick country = code && code->is_map() ? Pick{code_prop, text(get(code, "id"))} : as_text(code_prop);
      if (!country) continue;
      put_computed(iss, "country", country_code(country.value->text), country);
      break;
    }
    for (const Value* org : organisations)
      if (put(iss, "region", as_label(path(org, {"location", "spatialCode"})))) break;
    for (const Value* org : organisations) {
      const Value* logo_prop = get(org, "logo");
      const Value* logo = first(logo_prop);
      if (!logo) continue;
      put(iss, "header",
          logo->is_map()
              ? either({Pick{logo_prop, text(get(logo, "contentURL"))}, Pick{logo_prop, text(get(logo, "id"))}})
              : as_text(logo_prop));
      break;
    }
    out.children.push_back(std::move(iss));
    break;
  }

  std::string expert;
  for (const Value* activity : all(get(claim, "influencedBy"))) {
    Pick p;
    for (const Value* director : all(get(activity, "directedBy")))
      if ((p = person(director, expert))) break;
    if (p) {
      put_computed(out, "expert", expert, p);
      break;
    }
  }

  if (subject && subject->is_map()) {
    Value holder = node(Kind::Map, "holder", subject_prop);
    Pick id = as_text(path(subject, {"nationalID", "notation"}));
    if (!id)
      for (const Value* identifier : all(get(subject, "identifier")))
        if ((id = as_text(get(identifier, "notation")))) break;
    Pick subject_id = as_text(get(subject, "id"));
    if (!id && subject_id && subject_id.value->text.rfind("did:", 0) == 0) id = subject_id;
    put(holder, "id", id);
    put(holder, "given_names", as_text(get(subject, "givenName")));
    put(holder, "family_name", as_text(get(subject, "familyName")));
    put(holder, "birth_date", as_text(get(subject, "dateOfBirth")));
    add_if_filled(out, std::move(holder));
  }

  const Value* outcomes_prop = get(spec, "learningOutcome");
  if (outcomes_prop) {
    Value competences = node(Kind::List, "competences", outcomes_prop);
    Value outcomes = node(Kind::List, "learning_outcomes", outcomes_prop);
    for (const Value* outcome : all(outcomes_prop)) {
      Pick title = as_text(get(outcome, "title"));
      if (title)
        outcomes.children.push_back(leaf("", title.value->text, true, title.value->offset, title.value->offset));
      for (const char* relation : {"relatedESCOSkill", "relatedSkill"}) {
        for (const Value* skill : all(get(outcome, relation))) {
          Pick label = as_label(skill);
          if (!label) continue;
          Pick id = as_text(get(skill, "id"));
          bool seen =
              id && std::any_of(competences.children.begin(), competences.children.end(), [&](const Value& item) {
                const Value* item_id = item.get("id");
                return item_id && item_id->text == id.value->text;
              });
          if (seen) continue;
          Value item = node(Kind::Map, "", skill);
          put(item, "id", id);
          put(item, "label", {get(first(skill), "prefLabel") ? get(first(skill), "prefLabel") : skill, label.value});
          competences.children.push_back(std::move(item));
        }
      }
    }
    add_if_filled(out, std::move(competences));
    add_if_filled(out, std::move(outcomes));
  }

  put(out, "issued",
      either({as_text(get(&c, "issuanceDate")), as_text(get(&c, "issued")), as_text(get(&c, "validFrom"))}));
  m.put_workload(out, as_text(get(spec, "volumeOfLearning")));
  for (const Value* credit_point : all(get(spec, "creditPoint"))) {
    if (!is_ects(credit_point)) continue;
    m.put_number(out, "ects", as_text(get(credit_point, "point")), "credit points");
    break;
  }
  const Value* eqf_prop = get(spec, "eqfLevel") ? get(spec, "eqfLevel") : get(spec, "EQFLevel");
  if (const Value* eqf = first(eqf_prop))
    m.put_eqf(out, eqf_prop,
              eqf->is_map() ? either({Pick{eqf_prop, text(get(eqf, "id"))}, as_label(eqf_prop)}) : as_text(eqf_prop));
  put(out, "assessment_type",
      either({as_label(path(proven, {"specifiedBy", "dcType"})), as_text(path(proven, {"specifiedBy", "title"})),
              as_text(get(proven, "title"))}));
  Pick mode_at;
  if (auto participation = by_concept(get(spec, "mode"), participation_of, mode_at))
    put_computed(out, "participation", *participation, mode_at);
  // The "accredited" EDC profile puts the accreditation in the credential's `evidence`.
  std::vector<const Value*> evidence_accreditations;
  for (const Value* evidence : all(get(&c, "evidence")))
    if (const Value* a = get(evidence, "accreditation")) evidence_accreditations.push_back(a);
  put_quality(out, {evidence_accreditations.empty() ? nullptr : evidence_accreditations.front(),
                    get(spec, "accreditation"), get(spec, "hasAccreditation"),
                    get(first(awarding_prop), "accreditation"), get(first(issuer_prop), "accreditation")});
  put_signature(out, get(&c, "proof"), {}, seal);
  put(out, "verification_url", either({as_url(get(&c, "id")), as_url(path(&c, {"credentialStatus", "id"}))}));
  put(out, "expires", either({as_text(get(&c, "expirationDate")), as_text(get(&c, "validUntil"))}));
  put(out, "prerequisites", as_note(get(spec, "entryRequirement")));
  Pick verification_at;
  if (auto supervision = by_concept(get(proven, "idVerification"), supervision_of, verification_at))
    put_computed(out, "supervision", *supervision, verification_at);
  put(out, "grade", as_note(get(proven, "grade")));
  if (const Value* part_of = get(spec, "isPartOf")) {
    put_computed(out, "stackability", "stackable", {part_of, first(part_of) ? first(part_of) : part_of});
  } else if (Pick partial = as_text(get(spec, "isPartialQualification"))) {
    if (partial.value->text == "true")
      put_computed(out, "stackability", "stackable", partial);
    else if (partial.value->text == "false")
      put_computed(out, "stackability", "stand_alone", partial);
  }
  put(out, "further_information",
      either({as_note(get(claim, "additionalNote")), as_note(get(spec, "additionalNote"))}));
  return out;
}

/// A claim that is a learning achievement (ELM `LearningAchievement`, or untyped with its
/// own specification): a certificate; an entitlement, activity or assessment claim is not.
bool is_achievement(const Value* claim) {
  if (has_type(claim, "LearningAchievement")) return true;
  return !get(claim, "type") && get(claim, "specifiedBy");
}

}  // namespace

std::vector<Value> map_elm(const Value& c, Mapper& m, const Seal* seal) {
  std::vector<Value> out;
  const Value* subject_prop = get(&c, "credentialSubject");
  auto subjects = all(subject_prop);
  for (std::size_t si = 0; si < subjects.size() || si == 0; ++si) {
    const Value* subject = si < subjects.size() ? subjects[si] : nullptr;
    const Value* claims_prop = get(subject, "hasClaim");
    auto claims = all(claims_prop);
    if (claims.empty() && si == 0) {
      out.push_back(certificate_of(c, subject_prop, subject, claims_prop, nullptr, 0, m, seal));
      continue;
    }
    if (claims.empty()) {
      m.problem(DiagCode::W0321, *subject,
                fmt::format("credentialSubject #{} claims nothing: it is not read as a certificate", si + 1),
                "give it a `hasClaim` with its learning achievement");
      continue;
    }
    for (const Value* claim : claims) {
      if (!is_achievement(claim)) {
        Pick type = as_text(first(get(claim, "type")));
        m.problem(DiagCode::W0321, *claim,
                  fmt::format("the claim {} is a {}, not a learning achievement: it is not read as a certificate",
                              as_text(get(claim, "id")) ? "`" + as_text(get(claim, "id")).value->text + "`" : "",
                              type ? type.value->text : "claim without type"),
                  "a certificate is read from each LearningAchievement claim");
        continue;
      }
      const Value* claim_prop = claims.size() == 1 ? claims_prop : claim;
      out.push_back(certificate_of(c, si == 0 ? subject_prop : subject, subject, claim_prop, claim, out.size(), m, seal));
    }
  }
  // No achievement claimed at all: the first claim is still judged as the certificate, so
  // that the rules say what it lacks (warned above that it is no achievement).
  const Value* claims_prop = get(first(subject_prop), "hasClaim");
  if (out.empty() && first(claims_prop))
    out.push_back(certificate_of(c, subject_prop, first(subject_prop), claims_prop, first(claims_prop), 0, m, seal));
  return out;
}

}  // namespace cadre::credentials::detail
