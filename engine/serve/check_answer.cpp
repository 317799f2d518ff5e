// SPDX-License-Identifier: Apache-2.0
// POST /check: the findings on uploaded proposals (or any record), as `cadre check`'s text
// report shows them — articles, the source line and its caret — in an HTML page, or its JSON
// report. Records are checked one file at a time with the rules loaded at start.
#include <algorithm>
#include <deque>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "engine/report/file_part.hpp"
#include "engine/report/writers.hpp"
#include "engine/serve/state.hpp"

namespace cadre::serve {

namespace {

/// The result of checking the uploaded documents: each finished as Engine::check finishes a
/// run's files (report::finish_file: record statuses, finding order, schema errors shown
/// once, waivers), then put together.
report::RunResult run_of(const Language& language, SourceManager& scratch, std::deque<Engine::DocumentCheck>& docs) {
  using report::RecordStatus;
  report::RunResult result;
  result.packs = language.run.packs;
  result.rules = language.run.rules;
  result.rule_count = language.run.rule_count;
  result.lang = language.run.lang;
  result.as_of = language.run.as_of;
  for (auto& doc : docs) {
    report::FilePart part;
    for (const auto& rec : doc.records) {
      RecordStatus status{rec.file, rec.offset, rec.kind, rec.id, RecordStatus::Status::Pass, {}};
      for (const auto& problem : rec.problems)
        if (status.unreadable.empty() || status.unreadable.back() != problem.pointer) status.unreadable.push_back(problem.pointer);
      if (!rec.valid || rec.kind.empty()) status.status = RecordStatus::Status::Invalid;
      part.records.push_back(std::move(status));
    }
    part.findings = std::move(doc.findings);
    part.diagnostics = std::move(doc.diagnostics);
    // The server's waivers serve every request: their uses are not counted.
    report::finish_file(part, scratch, language.run.waivers, report::WaiverUses::Ignore);
    report::append_part(result, std::move(part));
  }
  // Uploads are kept in the order they came; findings are shown by file name, as `cadre check`
  // shows its files (each upload's are in order already).
  std::stable_sort(result.findings.begin(), result.findings.end(), [&](const report::Finding& a, const report::Finding& b) {
    return scratch.file(a.file).path() < scratch.file(b.file).path();
  });
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
