// SPDX-License-Identifier: Apache-2.0
// The rules of a pack set as documents: what `cadre rules` lists, shows and writes as
// Markdown, and what the Qualiopi coverage table is built from.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/base/calendar.hpp"
#include "engine/report/finding.hpp"

namespace cadre::catalog {

struct RuleEntry {
  const ast::RuleDecl* decl = nullptr;  // checked rules and `unchecked` declarations alike
  std::string pack_id;
  std::string pack_version;
  bool in_force = true;                     // on the catalogue's as-of date
  const ast::DisableDecl* disabled = nullptr;
  std::string disabled_by;                  // pack that disables it
  std::vector<std::string> examples;        // test files that expect a finding of it
};

struct Indicator {
  int number = 0;
  ast::Localized<std::string> titles;
  std::vector<std::string> rules;           // ids of checked, enabled rules citing it
  std::vector<std::string> unchecked;       // ids of unchecked declarations citing it
};

struct RecordEntry {
  const ast::RecordDecl* decl = nullptr;
  std::string pack_id;
};

struct Catalog {
  std::vector<report::PackInfo> packs;
  std::vector<RecordEntry> records;         // record kinds and types, in declaration order
  std::vector<RuleEntry> rules;             // sorted by id
  std::vector<Indicator> indicators;        // sorted by number
  std::map<std::string, double> numbers;    // numeric constants, overrides applied (audit thresholds)
  std::string as_of;
  const RuleEntry* find(const std::string& id) const;
};

}  // namespace cadre::catalog
