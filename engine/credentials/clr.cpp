// SPDX-License-Identifier: Apache-2.0
// CLR 2.0 (1EdTech Comprehensive Learner Record, https://www.imsglobal.org/spec/clr/v2p0/):
// a learner's record, read as a transcript whose credentials are the achievement credentials
// it embeds (ClrSubject.verifiableCredential, §B.1.5), each judged as a certificate.
#include "engine/credentials/formats.hpp"

namespace cadre::credentials::detail {

std::vector<Value> map_clr(const Value& clr, Mapper& m) {
  Value transcript;
  transcript.kind = Kind::Map;
  transcript.offset = clr.offset;
  const Value* type = get(&clr, "type");
  transcript.children.push_back(leaf("kind", "transcript", true, type->offset, key_of(type)));
  put(transcript, "id", as_text(get(&clr, "id")));
  const Value* subject_prop = get(&clr, "credentialSubject");
  const Value* subject = first(subject_prop);
  Value holder = node(Kind::Map, "holder", subject_prop);
  Pick id;
  for (const Value* identity : all(get(subject, "identifier")))
    if ((id = as_text(get(identity, "identityHash")))) break;
  put(holder, "id", either({id, as_text(get(subject, "id"))}));
  // A ClrSubject has no name (§B.1.5): the learner's names come from the first embedded
  // credential that gives them.
  for (const Value* credential : all(get(subject, "verifiableCredential"))) {
    const Value* embedded = first(get(credential, "credentialSubject"));
    Pick given = as_text(get(embedded, "givenName")), family = as_text(get(embedded, "familyName"));
    if (!given && !family) continue;
    put(holder, "given_names", given);
    put(holder, "family_name", family);
    break;
  }
  transcript.children.push_back(std::move(holder));

  const Value* credentials_prop = get(subject, "verifiableCredential");
  Value credentials = node(Kind::List, "credentials", credentials_prop);
  // A CLR that embeds nothing is a transcript with no credential: said, never a quiet pass.
  if (all(credentials_prop).empty())
    m.problem(DiagCode::W0321, credentials_prop ? *credentials_prop : subject ? *subject : clr,
              "this CLR embeds no credential: its transcript lists none",
              "a CLR's credentialSubject.verifiableCredential lists the learner's AchievementCredentials");
  for (const Value* credential : all(credentials_prop)) {
    if (credential->kind == Kind::String || (credential->kind == Kind::Scalar && credential->quoted)) {  // by reference only: nothing to judge
      m.problem(DiagCode::W0321, *credential, "a CLR credential given by reference is not read",
                "embed the AchievementCredential in the CLR");
      continue;
    }
    if (!credential->is_map()) {
      m.problem(DiagCode::W0321, *credential, "this CLR entry is neither a credential nor a reference to one: it is not read",
                "a CLR's verifiableCredential lists AchievementCredentials");
      continue;
    }
    bool achievement = has_type(credential, "AchievementCredential") || has_type(credential, "OpenBadgeCredential");
    if (!achievement) {
      m.problem(DiagCode::W0321, *credential, "this CLR credential is not an AchievementCredential: it is not read",
                "a CLR's credentials are read as Open Badges 3.0 achievement credentials");
      continue;
    }
    for (auto& certificate : map_ob3(*credential, m, nullptr)) credentials.children.push_back(std::move(certificate));
  }
  transcript.children.push_back(std::move(credentials));
  return {std::move(transcript)};
}

}  // namespace cadre::credentials::detail
