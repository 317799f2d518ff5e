// SPDX-License-Identifier: Apache-2.0
// Waivers: narrow, justified, expiring exceptions to rules (`--waivers FILE`).
//
// A waiver names a rule, a record (id or glob) and optionally a JSON Pointer; it needs a
// reason and an expiry date. Until that date (inclusive, in the Europe/Paris calendar, as
// the run's as-of date is) it marks the findings it covers as waived: they stay in every
// report, and do not fail the build. An expired waiver covers nothing and is reported
// (W0313); a waiver that covered nothing is reported too (W0314).
#pragma once

#include <string>
#include <vector>

#include "engine/base/calendar.hpp"
#include "engine/base/diagnostic.hpp"
#include "engine/report/finding.hpp"

namespace cadre::waivers {

/// What a waiver may cover and for how long: a waiver cannot hide everything.
struct Policy {
  /// The furthest expiry, in days after the run's as-of date: the pack constant
  /// `waiver_longest_days` when the packs declare it (the steering committee reviews
  /// derogations yearly), else kDefaultLongestDays.
  std::int64_t longest_days = 366;
  std::vector<std::string> rule_ids;  // every rule of the run: a rule pattern matching them all is "every rule"
};
inline constexpr std::int64_t kDefaultLongestDays = 366;
inline constexpr const char* kLongestDaysConstant = "waiver_longest_days";

/// Reads `kind: waivers` files already added to `sources`. Malformed waivers (no rule,
/// record, reason, approver or expiry; a bad date; an expiry beyond the policy; a rule
/// pattern matching every rule with a record pattern matching every record) are errors
/// E0312 with their position.
std::vector<std::unique_ptr<report::Waiver>> load(const SourceManager& sources, const std::vector<FileId>& files,
                                                  const Date& as_of, const Policy& policy, Diagnostics& diagnostics);

/// Reports expired waivers (W0313) and those that covered nothing (W0314), once every
/// finding of the run has been marked (report::finish_file counts the uses).
void report_expired_and_unused(const std::vector<std::unique_ptr<report::Waiver>>& waivers, Diagnostics& diagnostics);

/// Does `finding` fall under `waiver` (rule, record glob, pointer prefix)?
bool covers(const report::Waiver& waiver, const report::Finding& finding);

}  // namespace cadre::waivers
