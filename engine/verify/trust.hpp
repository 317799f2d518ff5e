// SPDX-License-Identifier: Apache-2.0
// The consortium's trust list (`kind: trust` records, docs/verify.md): for each university the
// keys, DIDs and certificates that sign its credentials, each with a validity period. A proof
// is only `verified` when its key, or its certificate chain, ends in an entry of this list.
// The list's own soundness (known universities, no key twice, entries in force) is checked by
// the pack's rules (rules/dfcu-2023/trust.cadre), like any record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/base/calendar.hpp"
#include "engine/base/diagnostic.hpp"
#include "engine/record/value.hpp"
#include "engine/verify/keys.hpp"

namespace cadre::verify {

struct TrustEntry {
  std::string university;  // as the pack's member list writes it
  std::string id;          // the key's id: a verification method, a DID, a JWS kid, a label
  std::string issuer;      // the issuer id the credentials it signs name (optional)
  std::optional<PublicKey> key;
  std::vector<Certificate> certificates;  // trust anchors for x5c chains (JAdES seals)
  Date valid_from;
  std::optional<Date> valid_until;  // inclusive
  FileId file = kNoFile;
  std::uint32_t offset = 0;

  /// Whether `day` (a credential's issuance) falls within the validity period.
  bool in_force(const Date& day) const;
};

class TrustList {
 public:
  /// Adds the entries of the `kind: trust` records among `records`. An entry whose key
  /// material cannot be read is left out with an error diagnostic at its position.
  void add(const std::vector<record::Record>& records, Diagnostics& diagnostics);
  void add(TrustEntry entry) { entries_.push_back(std::move(entry)); }
  const std::vector<TrustEntry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

  /// The entry whose id is `id` (a DID URL also matches the entry of its DID).
  const TrustEntry* by_id(const std::string& id) const;
  /// The entries holding this very key.
  std::vector<const TrustEntry*> by_key(const PublicKey& key) const;
  /// The entries naming `issuer` as theirs.
  std::vector<const TrustEntry*> by_issuer(const std::string& issuer) const;

 private:
  std::vector<TrustEntry> entries_;
};

}  // namespace cadre::verify
