// SPDX-License-Identifier: Apache-2.0
// Internal to engine/credentials/: one mapping per format onto the certificate record.
#pragma once

#include <vector>

#include "engine/credentials/credentials.hpp"
#include "engine/credentials/reading.hpp"

namespace cadre::credentials::detail {

/// The certificate's `signature` from a proof (Data Integrity) or the envelope's seal.
void put_signature(Value& out, const Value* proof_prop, Pick official, const Seal* seal);

/// An Open Badges 3.0 credential: one certificate per subject with its own achievement.
std::vector<Value> map_ob3(const Value& credential, Mapper& m, const Seal* seal);

/// An ELM v3 credential: one certificate per LearningAchievement claim.
std::vector<Value> map_elm(const Value& credential, Mapper& m, const Seal* seal);

/// An Open Badges 2.0 assertion (docs/records.md: mapped; a hashed recipient names no one).
std::vector<Value> map_ob2(const Value& assertion, Mapper& m);

/// A CLR 2.0 credential: a transcript whose credentials are its achievement credentials.
std::vector<Value> map_clr(const Value& clr, Mapper& m);

/// A certificate record, `kind: certificate` positioned at `at` (the credential's `type`).
Value certificate_root(const Value& credential, const Value* at);

/// The id of the n-th certificate (0-based) of one credential: the credential's id, then
/// `id#2`, `id#3`, ... for the other subjects or claims.
std::string nth_id(const std::string& id, std::size_t n);

}  // namespace cadre::credentials::detail
