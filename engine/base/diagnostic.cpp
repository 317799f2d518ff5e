// SPDX-License-Identifier: Apache-2.0
#include "engine/base/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace cadre {

namespace {
const DiagInfo kInfos[] = {
#define CADRE_DIAG(code, severity, slug, summary) {#code, Severity::severity, slug, summary},
#include "engine/base/diagnostic_codes.def"
#undef CADRE_DIAG
};
}  // namespace

const DiagInfo& diag_info(DiagCode code) { return kInfos[static_cast<std::size_t>(code)]; }

std::vector<DiagCode> all_diag_codes() {
  std::vector<DiagCode> codes;
  for (std::size_t i = 0; i < std::size(kInfos); ++i) codes.push_back(static_cast<DiagCode>(i));
  return codes;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "error";
}

void Diagnostics::add(DiagCode code, Span span, std::string message, std::string help) {
  items_.push_back({code, diag_info(code).severity, span, std::move(message), std::move(help), {}, {}});
}

void Diagnostics::add_file(DiagCode code, std::string path, std::string message) {
  items_.push_back({code, diag_info(code).severity, Span{}, std::move(message), {}, std::move(path), {}});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

void Diagnostics::sort(const SourceManager& sources) {
  auto key = [&](const Diagnostic& d) {
    const std::string& path = d.span.valid() ? sources.file(d.span.file).path() : d.file_hint;
    return std::tie(path, d.span.begin, d.code, d.message);
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [&](const Diagnostic& a, const Diagnostic& b) {
                             return key(a) == key(b) && a.help == b.help;
                           }),
               items_.end());
}

}  // namespace cadre
