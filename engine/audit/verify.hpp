// SPDX-License-Identifier: Apache-2.0
// `cadre audit verify DIR`: is this evidence pack still what its inputs give? Recomputes the
// SHA-256 of every input and output the manifest names, re-runs the audit from the inputs,
// rule packs and options it records, and compares the bytes. Each difference names a file.
#pragma once

#include <string>
#include <vector>

#include "engine/audit/audit.hpp"

namespace cadre::audit {

struct Difference {
  std::string file;  // as people would open it: DIR/index.html, an input as given, PACK/file.cadre
  std::string what;  // in the requested language
};

struct VerifyResult {
  bool readable = false;  // false: DIR has no readable manifest (`error` says why)
  std::string error;
  std::vector<Difference> differences;
  std::size_t inputs = 0, outputs = 0, packs = 0;
  AuditRun rerun;  // its diagnostics say why a re-run failed
};

/// Paths in the manifest are as the audit was given them: run from the same directory.
VerifyResult verify_pack(const std::string& dir, const std::string& tool_version,
                         const std::vector<std::string>& rule_search_dirs, const std::string& lang);

}  // namespace cadre::audit
