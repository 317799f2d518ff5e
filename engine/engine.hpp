// SPDX-License-Identifier: Apache-2.0
// The public facade of the engine: load rule packs, check records, get a RunResult.
// The CLI and the tests use only this header and the report writers.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/base/calendar.hpp"
#include "engine/base/source.hpp"
#include "engine/catalog/catalog.hpp"
#include "engine/record/value.hpp"
#include "engine/report/finding.hpp"
#include "engine/report/run_sink.hpp"

namespace cadre {

/// How folders are walked (files named on the command line are always read): hidden folders
/// are not entered, files git ignores are left out in a git work tree, and `excludes` (globs,
/// engine/walk/exclude.hpp) leave out what they match; `includes`, when not empty, keep only
/// the files they match.
struct WalkOptions {
  std::vector<std::string> excludes;
  std::vector<std::string> includes;
  bool gitignore = true;
};

struct CheckOptions {
  std::string rules = "dfcu-2023";          // pack id, directory or .cadre file
  std::vector<std::string> rule_search_dirs; // empty: pack::default_search_dirs()
  std::vector<std::string> inputs;           // files and directories (searched recursively)
  std::vector<std::string> waiver_files;     // `kind: waivers` files
  WalkOptions walk;
  std::map<std::string, std::string> texts;  // inputs read already (standard input), by the name shown
  std::string lang = "fr";
  Date as_of = today_paris();
  unsigned threads = 0;                      // 0: one per core
  bool collect_outcomes = false;             // record how each rule judged each record (JUnit, tests)
  bool keep_records = false;                 // keep every record's values after the check (stacking)
  bool pack_cache = true;                    // parse rule files through the cache (pack::default_cache_dir)
};

/// Owns the sources (rule and record files) and the parsed rules that a RunResult refers
/// to: keep the Engine alive while a result is used; a second check() replaces them.
class Engine {
 public:
  Engine();
  ~Engine();
  /// Loads packs, checks them, loads and validates records, evaluates every rule on every
  /// valid record of its kind. Never throws for bad input: problems are diagnostics.
  /// With a `sink`, each file goes to it, finished, in file order as soon as it is checked,
  /// and the result does not collect records, findings or outcomes (memory stays flat).
  report::RunResult check(const CheckOptions& options, report::RunSink* sink = nullptr);
  /// Loads and checks the packs only, and describes their rules (`cadre rules`). On rule
  /// errors the catalogue is empty and `diagnostics` says why.
  catalog::Catalog describe(const CheckOptions& options, Diagnostics& diagnostics);
  /// Loads and checks the packs, then lints the requested pack (W06xx warnings).
  void lint(const CheckOptions& options, Diagnostics& diagnostics);
  const SourceManager& sources() const { return sources_; }
  /// The records of the last check(), in file order, when CheckOptions::keep_records was set.
  const std::vector<record::Record>& records() const;

  /// One document held in memory (a line of a cohort file), checked with the rules of the
  /// last check(); its rules look up the records that check() kept. `sources` is the
  /// caller's, so memory does not grow with the number of documents checked.
  struct DocumentCheck {
    std::vector<record::Record> records;  // the document's records, inline ones included
    std::vector<report::Finding> findings;
    Diagnostics diagnostics;
  };
  DocumentCheck check_document(SourceManager& sources, FileId file) const;

 private:
  /// Loads the packs, checks rule ids, builds the schemas and checks the rules; false (with
  /// diagnostics) when anything fails. Shared by check, describe and lint.
  bool load_rules(const CheckOptions& options, Diagnostics& diagnostics);

  SourceManager sources_;
  struct Loaded;
  std::unique_ptr<Loaded> loaded_;  // keeps ASTs alive for findings' rule pointers
};

/// Record files under `paths` (files as given, directories recursively), sorted. What cannot
/// be read (a FIFO, a device, a dangling link, a link loop, a folder that does not open) is
/// an E0501 with its path. `named`, when given, receives the files given by name.
std::vector<std::string> collect_record_files(const std::vector<std::string>& paths, Diagnostics& diagnostics,
                                              std::set<std::string>* named = nullptr, const WalkOptions& walk = {});

}  // namespace cadre
