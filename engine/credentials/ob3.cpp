// SPDX-License-Identifier: Apache-2.0
// Open Badges 3.0 (1EdTech, https://www.imsglobal.org/spec/ob/v3p0/), AchievementCredential /
// OpenBadgeCredential, with the SURF edubadges extensions for EU micro-credentials
// (https://github.com/educredentials/obv3-examples: schemas/microcredential.json).
#include <algorithm>

#include "engine/credentials/formats.hpp"
#include "engine/credentials/vocabularies.hpp"

namespace cadre::credentials::detail {

namespace {

enum class AlignmentKind { competence, eqf, quality_assurance, other };

/// What an alignment states (Open Badges 3.0 §B.1.2 Alignment): only competences and skills
/// are certified competences; an EQF level and a quality-assurance decision are mapped to
/// what they are; anything else (a credential, a rubric) is not a competence.
AlignmentKind alignment_kind(const Value* alignment) {
  Pick type = as_text(get(alignment, "targetType"));
  Pick framework = as_text(get(alignment, "targetFramework"));
  Pick url = as_text(get(alignment, "targetUrl"));
  std::string t = type ? type.value->text : "", f = framework ? framework.value->text : "",
              u = url ? url.value->text : "";
  if (names_eqf(t) || names_eqf(f) || u.find("data.europa.eu/snb/eqf/") != std::string::npos)
    return AlignmentKind::eqf;
  if (names_quality_assurance(t) || names_quality_assurance(f)) return AlignmentKind::quality_assurance;
  return names_competence(t, f, u) ? AlignmentKind::competence : AlignmentKind::other;
}

/// Quality assurance (Annex I (11)) from third-party endorsements (EndorsementCredential)
/// of the issuer, else of the achievement: who endorses, and what they state, joined.
void put_endorsements(Value& out, std::initializer_list<const Value*> endorsement_props) {
  for (const Value* prop : endorsement_props) {
    std::string joined;
    Pick at;
    for (const Value* endorsement : all(prop)) {
      Pick comment = as_text(path(endorsement, {"credentialSubject", "endorsementComment"}));
      Pick who = as_text(path(endorsement, {"issuer", "name"}));
      if (!comment && !who) continue;
      if (!at) at = {prop, comment ? comment.value : who.value};
      std::string item =
          who && comment ? who.value->text + ": " + comment.value->text : (comment ? comment : who).value->text;
      joined += (joined.empty() ? "" : "; ") + item;
    }
    if (at) {
      put_computed(out, "quality_assurance", joined, at);
      return;
    }
  }
}

void put_issuer(Value& out, const Value* issuer_prop, Mapper& m) {
  // A credential has one issuer (OB 3.0 §B.1.1: issuer is a Profile). Taking the first of a
  // list would credit a university that is only one of several claimants: none is read, and
  // the certificate's schema reports the issuer it lacks.
  if (issuer_prop && issuer_prop->kind == Kind::List && all(issuer_prop).size() != 1) {
    m.problem(DiagCode::W0321, *issuer_prop,
              fmt::format("the credential names {} issuers where it must name one: no issuer is read",
                          all(issuer_prop).size()),
              "an Open Badge's `issuer` is a single Profile");
    out.children.push_back(node(Kind::Map, "issuer", issuer_prop));
    return;
  }
  const Value* issuer = first(issuer_prop);
  if (!issuer) return;
  Value iss = node(Kind::Map, "issuer", issuer_prop);
  // An issuer given by its id only (a string, OB 3.0 §B.1.18 allows it) names no university:
  // the empty `issuer` stays, at the `issuer` property, for the schema to say what it lacks.
  if (issuer->is_map()) {
    put(iss, "university", as_text(get(issuer, "name")));
    const Value* address = first(get(issuer, "address"));
    Pick country = either({as_text(get(address, "addressCountryCode")), as_text(get(address, "addressCountry"))});
    if (country) put_computed(iss, "country", country_code(country.value->text), country);
    put(iss, "region", as_text(get(address, "addressRegion")));
    const Value* image_prop = get(issuer, "image");
    const Value* image = first(image_prop);
    if (image && image->is_map())
      put(iss, "header", either({Pick{image_prop, text(get(image, "caption"))}, Pick{image_prop, text(get(image, "id"))}}));
    else
      put(iss, "header", as_text(image_prop));
  }
  out.children.push_back(std::move(iss));
}

Value certificate_of(const Value& c, const Value* subject_prop, const Value* subject, std::size_t n, Mapper& m,
                     const Seal* seal) {
  Value out = certificate_root(c, get(&c, "type"));
  const Value* achievement_prop = get(subject, "achievement");
  const Value* achievement = first(achievement_prop);
  const Value* issuer_prop = get(&c, "issuer");
  const Value* issuer = first(issuer_prop);
  // A field missing from the record is reported where the certificate starts: the
  // achievement, which should have held the course and title, when there is one.
  if (achievement)
    out.offset = achievement->offset;
  else if (subject)
    out.offset = subject->offset;  // the subject, which should have held the achievement

  if (Pick id = as_text(get(&c, "id"))) put_computed(out, "id", nth_id(id.value->text, n), n ? Pick{subject_prop, subject} : id);
  put(out, "course", either({as_text(get(achievement, "humanCode")), as_text(get(achievement, "id"))}));
  put(out, "title", either({as_text(get(achievement, "name")), as_text(get(&c, "name"))}));
  put_issuer(out, issuer_prop, m);

  std::string expert;
  if (Pick p = person(get(achievement, "creator"), expert)) put_computed(out, "expert", expert, p);

  if (subject && subject->is_map()) {
    Value holder = node(Kind::Map, "holder", subject_prop);
    holder.offset = subject->offset;
    Pick id;
    for (const Value* identity : all(get(subject, "identifier"))) {
      Pick type = as_text(get(identity, "identityType"));
      if (type && type.value->text == "name") continue;  // a full name cannot be split
      if ((id = as_text(get(identity, "identityHash")))) break;
    }
    put(holder, "id", either({id, as_text(get(subject, "id"))}));
    put(holder, "given_names", as_text(get(subject, "givenName")));
    put(holder, "family_name", as_text(get(subject, "familyName")));
    put(holder, "birth_date", as_text(get(subject, "dateOfBirth")));
    add_if_filled(out, std::move(holder));
  }

  const Value* alignment_prop = get(achievement, "alignment");
  Value competences = node(Kind::List, "competences", alignment_prop);
  const Value* eqf = nullptr;
  std::vector<const Value*> quality;
  for (const Value* alignment : all(alignment_prop)) {
    switch (alignment_kind(alignment)) {
      case AlignmentKind::eqf:
        if (!eqf) eqf = alignment;
        continue;
      case AlignmentKind::quality_assurance:
        quality.push_back(alignment);
        continue;
      case AlignmentKind::other:
        continue;
      case AlignmentKind::competence:
        break;
    }
    Pick label = as_text(get(alignment, "targetName"));
    if (!label) continue;
    Pick code = as_text(get(alignment, "targetCode"));
    bool seen = std::any_of(competences.children.begin(), competences.children.end(), [&](const Value& item) {
      const Value* item_id = item.get("id");
      return item.get("label")->text == label.value->text && (item_id ? code && item_id->text == code.value->text : !code);
    });
    if (seen) continue;  // the same competence aligned in two catalogues
    Value item = node(Kind::Map, "", alignment);
    put(item, "id", code);
    put(item, "label", label);
    competences.children.push_back(std::move(item));
  }
  add_if_filled(out, std::move(competences));

  put(out, "issued",
      either({as_text(get(&c, "validFrom")), as_text(get(&c, "issuanceDate")), as_text(get(&c, "awardedDate"))}));
  // edubadges `ECTS` (microcredential_ects.json), else OB 3.0 `creditsAvailable` (§B.1.1).
  Pick ects = as_text(get(achievement, "ECTS"));
  m.put_number(out, "ects", ects ? ects : as_text(get(achievement, "creditsAvailable")), ects ? "ECTS" : "creditsAvailable");
  if (eqf)
    m.put_eqf(out, eqf,
              either({as_text(get(eqf, "targetCode")), as_text(get(eqf, "targetUrl")), as_text(get(eqf, "targetName"))}));
  // edubadges `assessmentType`, else the Assessment extension's on a result description.
  if (!put(out, "assessment_type", as_text(get(achievement, "assessmentType"))))
    for (const Value* description : all(get(achievement, "resultDescription")))
      if (put(out, "assessment_type", as_text(get(description, "assessmentType")))) break;
  if (Pick p = as_text(get(achievement, "participationType")))
    if (auto participation = participation_of(p.value->text)) put_computed(out, "participation", *participation, p);

  if (!quality.empty()) {
    // A quality-assurance alignment (edubadges ext:QualityAssurance): its name and code.
    std::string joined;
    for (const Value* q : quality) {
      Pick name = as_text(get(q, "targetName"));
      Pick code = as_text(get(q, "targetCode"));
      if (!name && !code) continue;
      std::string item = name && code ? name.value->text + " (" + code.value->text + ")" : (name ? name : code).value->text;
      joined += (joined.empty() ? "" : "; ") + item;
    }
    Pick at = either({as_text(get(quality.front(), "targetName")), as_text(get(quality.front(), "targetCode"))});
    if (at) put_computed(out, "quality_assurance", joined, {quality.front(), at.value});
  }
  if (!out.get("quality_assurance")) put_endorsements(out, {get(issuer, "endorsement"), get(achievement, "endorsement")});
  put_signature(out, get(&c, "proof"), as_text(get(issuer, "official")), seal);
  put(out, "verification_url", either({as_url(get(&c, "id")), as_url(path(&c, {"credentialStatus", "id"}))}));
  put(out, "expires", either({as_text(get(&c, "validUntil")), as_text(get(&c, "expirationDate"))}));
  // edubadges supervisionType, corrected by identityChecked (false: no identity verification).
  if (Pick p = as_text(get(achievement, "supervisionType"))) {
    if (auto supervision = supervision_of(p.value->text)) {
      Pick checked = as_text(get(achievement, "identityChecked"));
      if (checked && checked.value->text == "false" && *supervision != "unsupervised") *supervision = "supervised_no_id";
      put_computed(out, "supervision", *supervision, p);
    }
  }
  for (const Value* result : all(get(subject, "result")))
    if (put(out, "grade", as_text(get(result, "value")))) break;
  put(out, "further_information", as_text(get(achievement, "description")));
  return out;
}

}  // namespace

std::vector<Value> map_ob3(const Value& c, Mapper& m, const Seal* seal) {
  std::vector<Value> out;
  const Value* subject_prop = get(&c, "credentialSubject");
  auto subjects = all(subject_prop);
  if (subjects.empty()) {
    out.push_back(certificate_of(c, subject_prop, nullptr, 0, m, seal));
    return out;
  }
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    const Value* subject = subjects[i];
    // The first subject is the credential's certificate even when its achievement is
    // missing (the rules say what it lacks); another one counts only with its own.
    if (i > 0 && !first(get(subject, "achievement"))) {
      m.problem(DiagCode::W0321, *subject,
                fmt::format("credentialSubject #{} names no achievement of its own: it is not read as a certificate", i + 1),
                "give it an `achievement`, or issue it as a credential of its own");
      continue;
    }
    out.push_back(certificate_of(c, i == 0 ? subject_prop : subject, subject, out.size(), m, seal));
  }
  return out;
}

}  // namespace cadre::credentials::detail
