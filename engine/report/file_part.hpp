// SPDX-License-Identifier: Apache-2.0
// One checked file's share of a run, and what is done to it before any report sees it.
// Engine::check (every file of `cadre check`) and `cadre serve` (every upload) both go
// through finish_file, so the two cannot drift apart.
#pragma once

#include <memory>
#include <vector>

#include "engine/base/source.hpp"
#include "engine/report/finding.hpp"

namespace cadre::report {

struct FilePart {
  FileId file = kNoFile;
  // Every record of the file, in order; `status` is Invalid for those that did not load or
  // conform, anything else for the rest (finish_file decides between pass, fail and waived).
  std::vector<RecordStatus> records;
  std::vector<Finding> findings;
  std::vector<RuleOutcome> outcomes;  // when CheckOptions::collect_outcomes
  Diagnostics diagnostics;            // the file's own
};

/// Whether marking findings as waived counts each waiver's uses (W0314 "matched no finding"
/// needs them); a server answering many requests with the same waivers does not count.
enum class WaiverUses { Count, Ignore };

/// Finishes a file's part: findings in report order (position, rule, pointer, message); each
/// schema error paired with the first finding that reads its field (Finding::schema_error_first
/// and the diagnostic's shown_with); findings that a waiver in force covers marked; record
/// statuses from the findings left open (an `info` finding never fails a record); the
/// committee's instruments (waivers, exceptions, trust lists) dropped from the records counted.
void finish_file(FilePart& part, const SourceManager& sources, const std::vector<std::unique_ptr<Waiver>>& waivers,
                 WaiverUses uses);

/// Adds a finished part to a run held in memory (records, findings, outcomes, diagnostics).
void append_part(RunResult& run, FilePart&& part);

/// Adds a part's records and findings to the counts every report shows.
void count(Summary& summary, const std::vector<RecordStatus>& records, const std::vector<Finding>& findings);

}  // namespace cadre::report
