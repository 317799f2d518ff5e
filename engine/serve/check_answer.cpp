// SPDX-License-Identifier: Apache-2.0
// POST /check: the findings on uploaded proposals (or any record), as `cadre check`'s text
// report shows them — articles, the source line and its caret — in an HTML page, or its JSON
// report. Records are checked one file at a time with the rules loaded at start.
#include <algorithm>
#include <deque>
#include <set>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include "engine/report/writers.hpp"
#include "engine/serve/state.hpp"
#include "engine/waivers/waivers.hpp"

namespace cadre::serve {

namespace {

/// The result of checking the uploaded documents, put together as Engine::check puts a run's
/// files together: record statuses, findings in file order, each schema error shown once.
report::RunResult run_of(const Language& language, SourceManager& scratch, std::deque<Engine::DocumentCheck>& docs) {
  using report::RecordStatus;
  report::RunResult result;
  result.packs = language.run.packs;
  result.rules = language.run.rules;
  result.rule_count = language.run.rule_count;
  result.lang = language.run.lang;
  result.as_of = language.run.as_of;
  for (auto& doc : docs) {
    for (const auto& rec : doc.records) {
      RecordStatus status{rec.file, rec.offset, rec.kind, rec.id, RecordStatus::Status::Pass, {}};
      for (const auto& problem : rec.problems)
        if (status.unreadable.empty() || status.unreadable.back() != problem.pointer) status.unreadable.push_back(problem.pointer);
      bool open = false, waived = false;
      for (const auto& f : doc.findings)
        if (f.file == rec.file && f.record_offset == rec.offset && f.severity != Severity::Info) (f.waiver ? waived : open) = true;
      if (!rec.valid || rec.kind.empty()) status.status = RecordStatus::Status::Invalid;
      else if (open) status.status = RecordStatus::Status::Fail;
      else if (waived) status.status = RecordStatus::Status::Waived;
      result.records.push_back(std::move(status));
    }
    result.diagnostics.append(doc.diagnostics);
    for (auto& f : doc.findings) result.findings.push_back(std::move(f));
  }
  auto key = [&](const report::Finding& f) {
    return std::tie(scratch.file(f.file).path(), f.offset, f.rule->id, f.pointer, f.message);
  };
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [&](const report::Finding& a, const report::Finding& b) { return key(a) < key(b); });
  std::set<std::tuple<FileId, std::uint32_t, DiagCode, std::string>> shown;
  for (auto& f : result.findings) {
    if (!f.schema_error) continue;
    const Diagnostic& d = *f.schema_error;
    if (!shown.emplace(d.span.file, d.span.begin, d.code, d.message).second) continue;
    f.schema_error_first = true;
    for (auto& item : result.diagnostics.items())
      if (item.code == d.code && item.span.file == d.span.file && item.span.begin == d.span.begin &&
          item.message == d.message && item.shown_with.empty())
        item.shown_with = f.rule->id;
  }
  result.diagnostics.sort(scratch);
  return result;
}

}  // namespace

Response answer_check(const Loaded& loaded, const Settings& settings, const std::vector<Part>& parts,
                      const std::string& lang, bool json) {
  const Language& language = *loaded.languages.at(lang);
  const Engine& engine = language.engine;
  SourceManager scratch = scratch_for(engine);
  std::deque<Engine::DocumentCheck> docs;
  std::set<std::string> names;
  for (const auto& p : parts) {
    if (p.name != "record" || !p.has_filename || (p.filename.empty() && p.data.empty())) continue;
    // Two files of the same name would read as one in the report: number the second.
    std::string name = upload_name(p);
    for (int n = 2; !names.insert(name).second; ++n) name = fmt::format("{}-{}", n, upload_name(p));
    FileId id = scratch.add(name, std::string(p.data));
    docs.push_back(engine.check_document(scratch, id));
    for (auto& f : docs.back().findings)
      for (const auto& w : language.run.waivers)
        if (!f.waiver && !w->expired && waivers::covers(*w, f)) f.waiver = w.get();
  }
  Response r;
  if (docs.empty()) {
    r.status = 400;
    r.body = page_message(lang, 400, lang == "fr" ? "aucun fichier à vérifier" : "no file to check");
    if (json) {
      r.content_type = "application/json";
      r.body = "{\"status\": 400, \"error\": \"no file to check\"}\n";
    }
    return r;
  }
  auto result = run_of(language, scratch, docs);
  std::ostringstream out;
  if (json) {
    r.content_type = "application/json";
    report::write_json(out, result, scratch, settings.tool_version);
  } else {
    report::write_text(out, result, scratch);
    r.body = page_check(lang, docs.size(), out.str());
    return r;
  }
  r.body = out.str();
  return r;
}

}  // namespace cadre::serve
