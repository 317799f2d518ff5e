// SPDX-License-Identifier: Apache-2.0
// Rule unit tests (`cadre test`): each pack keeps test record files in its `tests/`
// directory, each stating the findings it must produce. Every rule of the pack needs a
// case where it passes and a case where it fails.
#pragma once

#include <string>
#include <vector>

#include "engine/base/diagnostic.hpp"

namespace cadre::packtest {

/// One expected finding, from a `# expect: RULE [RECORD] /pointer` line.
struct Expectation {
  std::string rule;
  std::string record;   // empty: any record of the file
  std::string pointer;  // "" for the whole record (written `/`)
  std::string text() const;
};

struct CaseResult {
  std::string file;
  std::string as_of;
  std::vector<std::string> missing;      // expected, not produced
  std::vector<std::string> unexpected;   // produced, not expected
  std::vector<std::string> problems;     // diagnostics of the case (rendered), malformed expectations
  bool passed() const { return missing.empty() && unexpected.empty() && problems.empty(); }
};

struct RuleCoverage {
  std::string rule;
  int passing = 0;  // records on which the rule was evaluated without finding
  int failing = 0;  // records on which it produced a finding
  bool covered() const { return passing > 0 && failing > 0; }
};

struct PackTestResult {
  std::string pack;        // the spec as given
  std::string pack_id;
  std::string tests_dir;
  std::vector<CaseResult> cases;
  std::vector<RuleCoverage> coverage;  // the pack's own rules, in id order
  std::vector<std::string> errors;     // the pack does not load or check (rendered)
  bool ok() const;
};

/// Parses the expectations and `# as-of:` of a test file's text.
std::vector<Expectation> parse_expectations(const std::string& text, std::string& as_of,
                                            std::vector<std::string>& problems);

PackTestResult run_pack_tests(const std::string& pack_spec, const std::vector<std::string>& search_dirs);

}  // namespace cadre::packtest
