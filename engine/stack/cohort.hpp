// SPDX-License-Identifier: Apache-2.0
// Cohorts: `cadre stack --transcripts FILE.jsonl` — many trainees against one pathway, one
// per line, each checked (its inline certificates by the certificate rules) and assessed on
// its own, then forgotten, so memory does not grow with the cohort.
#pragma once

#include <istream>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "engine/report/stack_writers.hpp"
#include "engine/stack/stack.hpp"

namespace cadre::stack {

/// Counts over a cohort, for its summary. A trainee is a line holding a transcript; the
/// other lines that are not blank are counted apart, each reported with its position.
struct CohortTotals {
  std::size_t trainees = 0;
  std::size_t lines_without_transcript = 0;  // not JSON, too long, or another kind of record (E0326)
  std::size_t comment_lines = 0;             // `#` or `//` lines: JSON Lines have no comments (W0327)
  std::size_t repeated_holders = 0;          // a holder already on an earlier line (W0328)
  std::map<std::string, std::size_t> verdicts;      // verdict → trainees
  std::map<std::string, std::size_t> missing;       // course → trainees whose completion needs it
  std::map<std::string, std::size_t> refusals;      // reason code → credentials
};

/// Reads JSON Lines from `in` (named `path` in positions), writes one JSON result per
/// transcript to `out` in line order, and to `diagnostics` a positioned line for each other
/// line that is not blank and for each holder seen on an earlier line, with `threads`
/// workers (0: one per core) fed by
/// this thread, which reads, and one writer thread that puts results back in line order
/// (with one thread, it reads, assesses and writes in turn). `engine` holds the rules and the catalogue records of a check() run
/// with keep_records; `waivers` (that run's) cover the findings of each line as they cover
/// the catalogue's.
CohortTotals assess_cohort(const Engine& engine, const record::Record& pathway, const Catalogue& catalogue,
                           const std::vector<Exception>& exceptions, const Date& as_of,
                           const std::vector<std::unique_ptr<report::Waiver>>& waivers, std::istream& in,
                           const std::string& path, std::ostream& out, std::ostream& diagnostics,
                           const std::string& lang, unsigned threads);

/// An error as reports show it: `file:line:col: error[E…]: message`, placed by `locate`.
std::string error_line(const Diagnostic& d, const report::Locate& locate);

/// Schema errors of invalid certificates, as reports show them (error_line): the diagnostics
/// of each certificate's file between its start and the next record's.
void attach_diagnostics(StackResult& result, const std::vector<record::Record>& records,
                        const Diagnostics& diagnostics, const report::Locate& locate);

}  // namespace cadre::stack
