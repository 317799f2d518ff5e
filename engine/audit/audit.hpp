// SPDX-License-Identifier: Apache-2.0
// `cadre audit`: a Qualiopi evidence pack from course, session and certificate records.
// Runs the rule packs over the records (Engine::check, keeping every record and outcome),
// computes the figures, judges each indicator, and renders the pack's files in memory:
// index.html, evidence.json, evidence.md and manifest.json. Writing them is the caller's
// (output_dir.hpp), so that `cadre audit verify` can re-run an audit and compare bytes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/audit/evidence.hpp"
#include "engine/base/calendar.hpp"
#include "engine/base/diagnostic.hpp"
#include "engine/engine.hpp"

namespace cadre::audit {

struct AuditOptions {
  std::string rules = "dfcu-2023";
  std::vector<std::string> rule_search_dirs;  // empty: pack::default_search_dirs()
  std::vector<std::string> paths;             // files and directories, as given
  std::vector<std::string> waiver_files;      // `kind: waivers` files, as given (--waivers)
  std::string lang = "fr";
  Date as_of = today_paris();
  std::string generated_at;  // written in the pack when not empty (SOURCE_DATE_EPOCH, --timestamp)
  std::string out_dir;       // as given: the pack links to inputs relative to it
  unsigned threads = 0;
  std::string tool_version;
  std::string provider;      // --provider: one university's pack (see Evidence::provider)
};

/// One file of the pack, with its bytes.
struct OutputFile {
  std::string name;
  std::string bytes;
};

inline constexpr const char* kPackFiles[] = {"index.html", "evidence.json", "evidence.md", "manifest.json"};

struct AuditRun {
  std::unique_ptr<Engine> engine;  // owns the sources that diagnostics point into
  Diagnostics diagnostics;         // sorted; warnings may come with a complete pack
  bool complete = false;           // false: rules or records had errors, and there is no pack
  Evidence evidence;
  std::vector<OutputFile> files;   // in kPackFiles order, the manifest last
  std::string error;               // why there is no pack, when it is not the records' or rules' fault
};

AuditRun run_audit(const AuditOptions& options);

/// A link from the pack's directory to an input file, both as given (relative to the
/// working directory), percent-encoded: `../../examples/courses/a.yaml`.
std::string link_from(const std::string& out_dir, const std::string& file);

/// `2025-06-01T12:00:00Z` for a count of seconds since 1970 (SOURCE_DATE_EPOCH), or empty
/// when `text` is not such a count.
std::string utc_timestamp(const std::string& seconds_since_epoch);

}  // namespace cadre::audit
