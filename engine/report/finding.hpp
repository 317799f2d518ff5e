// What a run produces: findings (records breaking rules), record statuses, diagnostics.
#pragma once

#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/base/diagnostic.hpp"

namespace cadre::report {

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
  std::string message;        // in the requested language
  bool undecided = false;     // true when missing data kept the rule from being decided
  std::string missing;        // what was missing, for undecided findings
};

struct RecordStatus {
  enum class Status { Pass, Fail, Invalid };
  FileId file = kNoFile;
  std::uint32_t offset = 0;
  std::string kind;
  std::string id;
  Status status = Status::Pass;
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
};

struct RunResult {
  std::vector<PackInfo> packs;
  std::size_t rule_count = 0;
  bool rules_ok = true;  // false: the packs did not load or check, and no record was read
  std::vector<RecordStatus> records;
  std::vector<Finding> findings;
  std::vector<RuleOutcome> outcomes;  // in file and record order, then rule order
  Diagnostics diagnostics;
  std::string lang = "fr";
  std::string as_of;
};

const char* status_name(RecordStatus::Status s);

}  // namespace cadre::report
