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

/// Reads `kind: waivers` files already added to `sources`. Malformed waivers (no rule,
/// record, reason or expiry; a bad date) are errors E0312 with their position.
std::vector<std::unique_ptr<report::Waiver>> load(const SourceManager& sources, const std::vector<FileId>& files,
                                                  const Date& as_of, Diagnostics& diagnostics);

/// Marks the findings that waivers in force cover, then reports expired and unused ones.
void apply(std::vector<report::Finding>& findings, std::vector<std::unique_ptr<report::Waiver>>& waivers,
           Diagnostics& diagnostics);

/// Does `finding` fall under `waiver` (rule, record glob, pointer prefix)?
bool covers(const report::Waiver& waiver, const report::Finding& finding);

}  // namespace cadre::waivers
