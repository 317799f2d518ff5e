// SPDX-License-Identifier: Apache-2.0
// §10.2 for stacking: the proof of each certificate read from a signed credential, checked
// once per file. Shared by `cadre stack` and `cadre serve`, so both judge a credential alike.
#pragma once

#include <vector>

#include "engine/base/source.hpp"
#include "engine/record/value.hpp"
#include "engine/stack/stack.hpp"
#include "engine/verify/verifier.hpp"

namespace cadre::stack {

/// Fills `catalogue.authenticity` for the certificates of `records` read from a signed
/// credential file (JSON or JSON-LD that is not a `kind:` record). Certificates without an
/// entry (YAML records, inline ones) have no proof and are marked unverified by assess().
void check_authenticity(const std::vector<record::Record>& records, const SourceManager& sources,
                        const verify::VerifyContext& context, Catalogue& catalogue);

}  // namespace cadre::stack
