// SPDX-License-Identifier: Apache-2.0
// Credentials read as certificates and transcripts: Open Badges 3.0 (plain, or in a VC-JWT),
// European Learning Model v3 / EDC (plain, or JAdES-sealed), Open Badges 2.0 assertions and
// CLR 2.0 transcripts.
//
// Issuers export micro-credentials as JSON(-LD) verifiable credentials rather than as
// `kind: certificate` records. The loader hands every document without `kind` to
// read_credential(): a credential becomes the records of the pack's schema (records.md,
// "kind: certificate", "kind: transcript") so that their rules run on it. Every mapped value
// keeps the byte offset of the value it came from, and every mapped field the offset of the
// key it came from: findings point into the original file (into an envelope's payload as
// envelope.hpp describes). The mapping, field by field, is in docs/records.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/base/diagnostic.hpp"
#include "engine/record/value.hpp"

namespace cadre::credentials {

using record::Value;

/// The seal or signature of the envelope a credential came in (JAdES, VC-JWT): evidence for
/// the certificate's `signature` (§10.2). Verifying it is engine/verify/'s business.
struct Seal {
  std::string method;     // "jades" or "vc-jwt", then the JWS `alg`: "jades RS256"
  std::string signer;     // the certificate's commonName, else its organizationName
  std::string subject;    // the certificate's subject (RFC 4514)
  std::string signed_at;  // JAdES `sigT`, as written
  std::uint32_t offset = 0;  // where the signature is in the file
};

/// What a document without `kind` is.
enum class Format {
  ob3,              // Open Badges 3.0 OpenBadgeCredential / AchievementCredential
  elm,              // European Learning Model v3 EuropeanDigitalCredential
  clr,              // CLR 2.0 ClrCredential
  ob2_assertion,    // Open Badges 2.0 Assertion
  ob2_badge_class,  // Open Badges 2.0 BadgeClass (a badge's description, awarded to no one)
  ob2_issuer,       // Open Badges 2.0 Issuer / Profile
  other_vc,         // a verifiable credential of another type
  package_json,     // an npm package manifest
  unknown,
};

Format detect_format(const Value& root);

/// The records a document stands for, each a mapping starting with `kind`: one certificate
/// per achievement a credential states, or one transcript for a CLR. Parts not read are
/// reported (W0321) at their position. Nothing, with `root` untouched, for a document that
/// is not a credential cadre reads; an empty list when it is one cadre refuses (E0320).
std::optional<std::vector<Value>> read_credential(const Value& root, Diagnostics& diagnostics, FileId file,
                                                  const Seal* seal = nullptr);

/// For a document without `kind` that read_credential() did not take: what the file is and
/// what cadre reads instead, for the E0307 / E0320 message; nothing when it is unknown.
std::optional<std::string> describe_unread(const Value& root);

/// Recognises an XML file (EDCI XML credentials, or any other XML): a message naming the
/// format, or nothing when `text` is not XML.
std::optional<std::string> describe_xml(std::string_view text);

}  // namespace cadre::credentials
