// Report writers: turn a RunResult into text (compiler style) or JSON. Deterministic:
// the same result gives the same bytes.
#pragma once

#include <ostream>
#include <string>

#include "engine/base/source.hpp"
#include "engine/report/finding.hpp"

namespace cadre::report {

struct TextStyle {
  bool color = false;
};

/// `file:line:col: severity[CODE]: message`, the line, a caret, then help or citations.
void write_diagnostic(std::ostream& out, const Diagnostic& d, const SourceManager& sources, const TextStyle& style = {});
void write_text(std::ostream& out, const RunResult& result, const SourceManager& sources, const TextStyle& style = {});
void write_json(std::ostream& out, const RunResult& result, const SourceManager& sources, const std::string& tool_version);

/// The excerpt under a message: `   12 | workload_hours: 35` and its caret line.
std::string excerpt(const SourceFile& file, std::uint32_t begin, std::uint32_t end);

}  // namespace cadre::report
