// SPDX-License-Identifier: Apache-2.0
#include "engine/report/file_part.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "engine/record/counted_kinds.hpp"
#include "engine/waivers/waivers.hpp"

namespace cadre::report {

void finish_file(FilePart& part, const SourceManager& sources, const std::vector<std::unique_ptr<Waiver>>& waivers,
                 WaiverUses uses) {
  auto key = [&](const Finding& f) {
    return std::tie(sources.file(f.file).path(), f.offset, f.rule->id, f.pointer, f.message);
  };
  std::stable_sort(part.findings.begin(), part.findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  // Each schema error is shown with the first finding that reads its field, not above.
  // (Two required fields missing from one mapping have the same position: the message tells them apart.)
  std::set<std::tuple<FileId, std::uint32_t, DiagCode, std::string>> shown;
  for (auto& f : part.findings) {
    if (!f.schema_error) continue;
    const Diagnostic& d = *f.schema_error;
    if (!shown.emplace(d.span.file, d.span.begin, d.code, d.message).second) continue;
    f.schema_error_first = true;
    for (auto& item : part.diagnostics.items())
      if (item.code == d.code && item.span.file == d.span.file && item.span.begin == d.span.begin &&
          item.message == d.message && item.shown_with.empty())
        item.shown_with = f.rule->id;
  }
  for (auto& f : part.findings) {
    for (const auto& w : waivers) {
      if (!waivers::covers(*w, f)) continue;
      if (uses == WaiverUses::Count) ++w->uses;
      if (!w->expired && !f.waiver) f.waiver = w.get();
    }
  }
  std::erase_if(part.records, [](const RecordStatus& r) { return !record::counted_as_checked(r.kind); });
  // A record fails when a rule finds fault at error or warning severity; `info` findings are
  // advice and never turn a record red (issue 11). Waived: every such finding is waived.
  std::set<std::uint32_t> open, waived;
  for (const auto& f : part.findings)
    if (f.severity != Severity::Info) (f.waiver ? waived : open).insert(f.record_offset);
  for (auto& r : part.records) {
    if (r.status == RecordStatus::Status::Invalid) continue;
    r.status = open.count(r.offset)     ? RecordStatus::Status::Fail
               : waived.count(r.offset) ? RecordStatus::Status::Waived
                                        : RecordStatus::Status::Pass;
  }
}

void append_part(RunResult& run, FilePart&& part) {
  run.diagnostics.append(part.diagnostics);
  for (auto& r : part.records) run.records.push_back(std::move(r));
  for (auto& f : part.findings) run.findings.push_back(std::move(f));
  for (auto& o : part.outcomes) run.outcomes.push_back(std::move(o));
}

void count(Summary& s, const std::vector<RecordStatus>& records, const std::vector<Finding>& findings) {
  for (const auto& r : records) {
    if (r.status == RecordStatus::Status::Fail) ++s.failed;
    else if (r.status == RecordStatus::Status::Invalid) ++s.invalid;
    else ++s.passed;
    if (!r.unreadable.empty()) ++s.unreadable;
  }
  for (const auto& f : findings) {
    if (f.waiver) ++s.waived;
    else ++s.findings[static_cast<int>(f.severity)];
  }
}

}  // namespace cadre::report
