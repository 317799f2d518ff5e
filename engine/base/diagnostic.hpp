// SPDX-License-Identifier: Apache-2.0
// Diagnostics: problems in what the user wrote (rules, records, command line).
//
// Diagnostics are data, collected by phases and never thrown across a phase boundary.
// Findings (a record breaking a rule) are not diagnostics: see engine/report/finding.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/base/source.hpp"

namespace cadre {

enum class Severity { Error, Warning, Info };

enum class DiagCode {
#define CADRE_DIAG(code, severity, slug, summary) code,
#include "engine/base/diagnostic_codes.def"
#undef CADRE_DIAG
};

struct DiagInfo {
  const char* code;
  Severity severity;
  const char* slug;
  const char* summary;
};

const DiagInfo& diag_info(DiagCode code);
std::vector<DiagCode> all_diag_codes();
const char* severity_name(Severity s);

/// One problem, with a primary span and optional help ("did you mean ...").
struct Diagnostic {
  DiagCode code;
  Severity severity;
  Span span;  // may be invalid for file-less problems (command line)
  std::string message;
  std::string help;
  std::string file_hint;  // the path to show when there is no span (unreadable file)
  // A record field's schema error that a rule's finding also reports: the rule's id. Text
  // reports show the finding first and this diagnostic under it, rather than above.
  std::string shown_with;
};

/// Collects diagnostics; sorts them by file, position, then code for deterministic output.
class Diagnostics {
 public:
  void add(DiagCode code, Span span, std::string message, std::string help = {});
  void add_file(DiagCode code, std::string path, std::string message);
  void append(const Diagnostics& other);
  bool has_errors() const;
  std::size_t error_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  void sort(const SourceManager& sources);
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace cadre
