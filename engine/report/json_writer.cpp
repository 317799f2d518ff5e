// SPDX-License-Identifier: Apache-2.0
#include <nlohmann/json.hpp>

#include "engine/report/format_version.hpp"
#include "engine/report/writers.hpp"

namespace cadre::report {

using Json = nlohmann::ordered_json;

void write_json(std::ostream& out, const RunResult& result, const SourceManager& sources, const std::string& tool_version) {
  Json doc;
  doc["format_version"] = kJsonFormatVersion;
  doc["tool"] = {{"name", "cadre"}, {"version", tool_version}};
  doc["as_of"] = result.as_of;
  doc["lang"] = result.lang;
  doc["packs"] = Json::array();
  for (const auto& p : result.packs)
    doc["packs"].push_back({{"id", p.id}, {"version", p.version}, {"effective", p.effective}});
  doc["records"] = Json::array();
  const Summary summary = summarize(result);
  for (const auto& r : result.records) {
    auto pos = sources.file(r.file).position(r.offset);
    Json j = {{"file", sources.file(r.file).path()}, {"line", pos.line}, {"column", pos.column},
              {"kind", r.kind}, {"id", r.id}, {"status", status_name(r.status)}};
    if (!r.unreadable.empty()) j["unreadable"] = r.unreadable;  // checked, but not in full
    doc["records"].push_back(std::move(j));
  }
  doc["findings"] = Json::array();
  for (const auto& f : result.findings) {
    auto pos = sources.file(f.file).position(f.offset);
    Json j = {{"rule", f.rule->id},
              {"severity", severity_name(f.severity)},
              {"outcome", f.undecided ? "undecided" : "violated"},
              {"file", sources.file(f.file).path()},
              {"line", pos.line},
              {"column", pos.column},
              {"path", f.pointer},
              {"record", f.record_id},
              {"kind", f.record_kind},
              {"message", f.message},
              {"citations", f.rule->citations},
              {"qualiopi", f.rule->qualiopi},
              {"pack", f.pack_id}};
    if (f.undecided) j["missing"] = f.missing;
    if (f.schema_error) {
      // The schema error about the same field, also listed in "diagnostics".
      auto at = sources.file(f.schema_error->span.file).position(f.schema_error->span.begin);
      j["schema_error"] = {{"code", diag_info(f.schema_error->code).code}, {"line", at.line}, {"column", at.column}};
    }
    if (f.waiver)
      j["waived"] = {{"reason", f.waiver->reason}, {"approved_by", f.waiver->approved_by}, {"expires", f.waiver->expires}};
    doc["findings"].push_back(std::move(j));
  }
  doc["diagnostics"] = Json::array();
  std::size_t diag_errors = 0, diag_warnings = 0;
  for (const auto& d : result.diagnostics.items()) {
    Json j = {{"code", diag_info(d.code).code}, {"severity", severity_name(d.severity)}};
    if (d.span.valid()) {
      auto pos = sources.file(d.span.file).position(d.span.begin);
      j["file"] = sources.file(d.span.file).path();
      j["line"] = pos.line;
      j["column"] = pos.column;
    } else {
      j["file"] = d.file_hint;
    }
    j["message"] = d.message;
    if (!d.help.empty()) j["help"] = d.help;
    if (!d.shown_with.empty()) j["finding"] = d.shown_with;  // the rule whose finding reports this field
    doc["diagnostics"].push_back(std::move(j));
    (d.severity == Severity::Error ? diag_errors : diag_warnings)++;
  }
  doc["summary"] = {{"rules_ok", result.rules_ok},
                    {"records", result.records.size()},
                    {"passed", summary.passed},
                    {"failed", summary.failed},
                    {"invalid", summary.invalid},
                    {"checked_in_full", result.records.size() - summary.invalid - summary.unreadable},
                    {"checked_with_unreadable_fields", summary.unreadable},
                    {"rules", result.rule_count},
                    {"findings", {{"error", summary.findings[0]}, {"warning", summary.findings[1]}, {"info", summary.findings[2]},
                                  {"waived", summary.waived}}},
                    {"diagnostics", {{"error", diag_errors}, {"warning", diag_warnings}}}};
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace cadre::report
