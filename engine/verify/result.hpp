// SPDX-License-Identifier: Apache-2.0
// What `cadre verify` says about one credential: a plain value that every writer (text, JSON,
// the stack reports) prints as it is. docs/verify.md explains each status.
#pragma once

#include <string>

namespace cadre::verify {

enum class Status {
  verified,           // a proof is valid and its key is in the trust list, valid at issuance
  untrusted_issuer,   // a proof is valid, but its key (or chain) is not in the trust list
  invalid_signature,  // a proof does not match the content: tampered, or forged
  revoked,            // a status list given with --status-list says so
  expired_key,        // the trusted key was outside its validity period at issuance
  unsupported,        // a proof type, cryptosuite, algorithm, context or key cadre cannot check
  no_proof,           // nothing to check
};

/// The status as written in reports: "verified", "untrusted_issuer", ...
const char* status_name(Status s);

/// Whether revocation was checked: a credential that names a status list cadre was not given
/// is "not checked", never "not revoked".
enum class Revocation { none_declared, not_checked, not_revoked, revoked };
const char* revocation_name(Revocation r);

struct Result {
  Status status = Status::no_proof;
  std::string reason;      // why, in English, naming the item (empty for a plain `verified`)
  std::string proof;       // "DataIntegrityProof eddsa-jcs-2022", "JWS EdDSA", "JAdES RS256"
  std::string issuer;      // the credential's issuer id (and the trusted university, once known)
  std::string university;  // the trust list's university for the key, when the key is trusted
  std::string key;         // the verification method, key id or certificate subject
  Revocation revocation = Revocation::none_declared;
  std::string revocation_note;  // e.g. "status list https://... not given"

  bool verified() const { return status == Status::verified; }
  /// invalid_signature and revoked credentials never count, whatever the options.
  bool refused() const { return status == Status::invalid_signature || status == Status::revoked; }
};

}  // namespace cadre::verify
