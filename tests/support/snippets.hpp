// SPDX-License-Identifier: Apache-2.0
// Runs rule snippets on inline records through the engine, for evaluator and checker tests.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace cadre::testing {

struct SnippetRun {
  report::RunResult result;
  std::string text;                       // the text report
  std::vector<std::string> findings;      // `RULE line:col /pointer [undecided]`
  std::vector<std::string> diagnostics;   // `CODE line:col`
  std::vector<std::string> messages;      // finding messages, in order
};

/// Writes `rules` (a .cadre fragment; the record schemas of dfcu-2023 are in scope, its
/// rules are not) and `records` (YAML) to a temporary directory and checks them, as of 2025-06-01.
SnippetRun run_snippet(const std::string& rules, const std::string& records, const std::string& lang = "en");

}  // namespace cadre::testing
