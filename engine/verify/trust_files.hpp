// SPDX-License-Identifier: Apache-2.0
// Loading `--trust FILE` options: the files are checked as records of the pack (schema and the
// DFCU-10.2-trust-* rules), then their keys are read. Shared by `cadre verify` and `cadre stack`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/base/calendar.hpp"
#include "engine/engine.hpp"
#include "engine/verify/trust.hpp"

namespace cadre::verify {

struct TrustFiles {
  std::vector<std::string> paths;
  std::string rules = "dfcu-2023";
  Date as_of = today_paris();
};

/// Checks and reads `files.paths` into `trust`, with `engine` (which keeps the sources the
/// diagnostics point into). Errors (unreadable file, no `kind: trust` record, schema errors,
/// failed error rules, unreadable keys) are written to `err` and make it return false;
/// warnings (an expired entry) are written and the list is used.
bool load_trust_files(Engine& engine, const TrustFiles& files, TrustList& trust, std::ostream& err);

}  // namespace cadre::verify
