// SPDX-License-Identifier: Apache-2.0
// The JSON report of `cadre check` (docs/json-formats.md), written file by file: records as
// they come, findings into a temporary file (they come after every record), diagnostics and
// the summary at the end.
#include <optional>

#include "engine/report/format_version.hpp"
#include "engine/report/json_pieces.hpp"
#include "engine/report/writers.hpp"

namespace cadre::report {

namespace {

class JsonReport final : public StreamingReport {
 public:
  JsonReport(std::ostream& out, std::string tool_version) : out_(out), tool_version_(std::move(tool_version)) {}

  bool begin(const RunResult& run, const SourceManager&) override {
    Json doc = head(run);
    doc["records"] = stream_marker("records");
    doc["findings"] = stream_marker("findings");
    CutDocument cut = cut_at_markers(dump(doc), {"records", "findings"});
    out_ << cut.pieces[0];
    records_.emplace(out_, cut.indents[0]);
    findings_.emplace(findings_spill_.stream(), cut.indents[1]);
    return true;
  }

  void add(const std::vector<RecordStatus>& records, const std::vector<Finding>& findings, const std::vector<RuleOutcome>&,
           const SourceManager& sources) override {
    count(summary_, records, findings);
    record_count_ += records.size();
    for (const auto& r : records) {
      auto pos = sources.file(r.file).position(r.offset);
      Json j = {{"file", sources.file(r.file).path()}, {"line", pos.line}, {"column", pos.column},
                {"kind", r.kind}, {"id", r.id}, {"status", status_name(r.status)}};
      if (!r.unreadable.empty()) j["unreadable"] = r.unreadable;  // checked, but not in full
      records_->add(j);
    }
    for (const auto& f : findings) {
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
      findings_->add(j);
    }
  }

  void end(const RunResult& run, const SourceManager& sources) override {
    Json doc = head(run);
    doc["records"] = stream_marker("records");
    doc["findings"] = stream_marker("findings");
    doc["diagnostics"] = Json::array();
    std::size_t diag_errors = 0, diag_warnings = 0;
    for (const auto& d : run.diagnostics.items()) {
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
    doc["summary"] = {{"rules_ok", run.rules_ok},
                      {"records", record_count_},
                      {"passed", summary_.passed},
                      {"failed", summary_.failed},
                      {"invalid", summary_.invalid},
                      {"checked_in_full", record_count_ - summary_.invalid - summary_.unreadable},
                      {"checked_with_unreadable_fields", summary_.unreadable},
                      {"rules", run.rule_count},
                      {"findings", {{"error", summary_.findings[0]}, {"warning", summary_.findings[1]},
                                    {"info", summary_.findings[2]}, {"waived", summary_.waived}}},
                      {"diagnostics", {{"error", diag_errors}, {"warning", diag_warnings}}}};
    // Files a folder walk found that hold no record: counted, only when there are some.
    if (!run.skipped.empty()) doc["summary"]["files_skipped"] = run.skipped.size();
    CutDocument cut = cut_at_markers(dump(doc), {"records", "findings"});
    records_->close();
    out_ << cut.pieces[1];
    findings_->close();
    findings_spill_.copy_to(out_);
    out_ << cut.pieces[2] << "\n";
  }

 private:
  Json head(const RunResult& run) const {
    Json doc;
    doc["format_version"] = kJsonFormatVersion;
    doc["tool"] = {{"name", "cadre"}, {"version", tool_version_}};
    doc["as_of"] = run.as_of;
    doc["lang"] = run.lang;
    doc["packs"] = Json::array();
    for (const auto& p : run.packs) doc["packs"].push_back({{"id", p.id}, {"version", p.version}, {"effective", p.effective}});
    return doc;
  }

  std::ostream& out_;
  std::string tool_version_;
  std::optional<JsonArrayWriter> records_, findings_;
  Spill findings_spill_;
  Summary summary_;
  std::size_t record_count_ = 0;
};

}  // namespace

std::unique_ptr<StreamingReport> json_report(std::ostream& out, const std::string& tool_version) {
  return std::make_unique<JsonReport>(out, tool_version);
}

void write_json(std::ostream& out, const RunResult& result, const SourceManager& sources, const std::string& tool_version) {
  json_report(out, tool_version)->write_whole(result, sources);
}

}  // namespace cadre::report
