// Open Badges 3.0 and European Learning Model (EDC) credentials read as certificates.
//
// Issuers export micro-credentials as JSON(-LD) verifiable credentials rather than as
// `kind: certificate` records. The loader hands every document to map_credential() before
// it looks for `kind`: a credential is rewritten in place into the certificate record of
// the pack's schema (records.md, "kind: certificate"), so that certificate rules run on it.
// Every mapped value keeps the byte offset of the value it came from, and every mapped
// field the offset of the key it came from: findings point into the original file. The
// mapping, field by field, is in docs/records.md ("Open Badges 3.0 and European Learning
// Model credentials").
#pragma once

#include "engine/base/diagnostic.hpp"
#include "engine/record/value.hpp"

namespace cadre::credentials {
using record::Value;

/// When `root` is a mapping without `kind` whose `type` (a string or a list) names
/// `OpenBadgeCredential` or `AchievementCredential` (Open Badges 3.0) or
/// `EuropeanDigitalCredential` (ELM v3 / EDC), replaces it by a certificate record:
/// `kind: certificate` (positioned at `type`) and the fields the credential states.
/// Fields it does not state stay absent, so that rules report them. A value found but not
/// convertible (a workload that is not in hours, a level or credit that is not a number)
/// is left out with a diagnostic at its position. Returns false, leaving `root` untouched,
/// for anything else.
bool map_credential(Value& root, Diagnostics& diagnostics, FileId file);

}  // namespace cadre::credentials
