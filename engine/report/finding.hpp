// SPDX-License-Identifier: Apache-2.0
// What a run produces: findings (records breaking rules), record statuses, diagnostics.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/base/diagnostic.hpp"

namespace cadre::report {

struct Waiver;

/// A record that breaks a rule, or on which a rule cannot be decided (missing data).
struct Finding {
  const ast::RuleDecl* rule = nullptr;  // citations, indicators, titles, source span
  std::string pack_id;
  Severity severity = Severity::Error;
  FileId file = kNoFile;
  std::uint32_t offset = 0;   // where in the record file the finding points
  std::string pointer;        // JSON Pointer inside the record
  std::string record_id;
  std::string record_kind;
  std::uint32_t record_offset = 0;  // the record's `kind:` line, to tell records of a file apart
  std::string message;        // in the requested language
  bool undecided = false;     // true when missing data kept the rule from being decided
  std::string missing;        // what was missing, for undecided findings
  // The schema error about the field this finding could not read or found missing (E0302,
  // E0303, ...), when there is one; `schema_error_first`: the first finding of the run that
  // carries it, under which text reports show it.
  std::optional<Diagnostic> schema_error;
  bool schema_error_first = false;
  const Waiver* waiver = nullptr;  // set when a waiver in force covers this finding
};

/// A justified, expiring exception (`kind: waivers` files given with --waivers).
struct Waiver {
  std::string rule;          // a rule id (`*` and `?` allowed)
  std::string record;        // a record id, or a glob of ids
  std::string path;          // optional JSON Pointer: the finding's pointer or below it
  std::string reason;
  std::string approved_by;
  std::string expires;       // YYYY-MM-DD, inclusive, Europe/Paris calendar
  bool expired = false;      // on the run's as-of date
  std::size_t uses = 0;
  FileId file = kNoFile;
  std::uint32_t offset = 0;
};

struct RecordStatus {
  enum class Status { Pass, Fail, Invalid, Waived };  // Waived: every finding is covered by a waiver
  FileId file = kNoFile;
  std::uint32_t offset = 0;
  std::string kind;
  std::string id;
  Status status = Status::Pass;
  // Fields the rules could not read (they break the schema, or a required one is missing),
  // as JSON Pointers: the record was checked, but not in full.
  std::vector<std::string> unreadable;
};

/// How one rule judged one record (for coverage, JUnit and audits).
struct RuleOutcome {
  enum class Outcome { NotApplicable, Pass, Fail, Undecided };
  FileId file = kNoFile;
  std::uint32_t offset = 0;
  std::string kind;
  std::string record_id;
  const ast::RuleDecl* rule = nullptr;
  Outcome outcome = Outcome::Pass;
};

struct PackInfo {
  std::string id;
  std::string version;
  std::string effective;
  std::string title;
  std::string source;
  std::string location;        // the directory or .cadre file it was read from
  std::vector<FileId> files;   // its .cadre files, in file-name order (audit manifests hash them)
};

/// A rule that was run (in force, not disabled), for reports that list every rule.
struct RuleRun {
  const ast::RuleDecl* rule = nullptr;
  std::string pack_id;
};

struct RunResult {
  std::vector<PackInfo> packs;
  std::vector<RuleRun> rules;                      // in pack order, then declaration order
  std::vector<std::unique_ptr<Waiver>> waivers;    // stable addresses: findings point at them
  std::size_t rule_count = 0;
  bool rules_ok = true;  // false: the packs did not load or check, and no record was read
  std::vector<RecordStatus> records;
  std::vector<std::string> skipped;   // files a folder walk found that hold no record (not checked)
  std::vector<Finding> findings;
  std::vector<RuleOutcome> outcomes;  // in file and record order, then rule order
  Diagnostics diagnostics;
  std::string lang = "fr";
  std::string as_of;
};

const char* status_name(RecordStatus::Status s);

/// The counts every report shows.
struct Summary {
  std::size_t passed = 0, failed = 0, invalid = 0;  // records; a record passing by waiver is passed
  std::size_t unreadable = 0;                       // records checked with unreadable fields (not in full)
  std::size_t findings[3] = {0, 0, 0};              // by severity, waived findings excluded
  std::size_t waived = 0;                           // findings covered by a waiver
};
Summary summarize(const RunResult& result);

}  // namespace cadre::report
