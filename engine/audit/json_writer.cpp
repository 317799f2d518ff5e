// SPDX-License-Identifier: Apache-2.0
// evidence.json: the Evidence model for machines. Keys are English and stable; texts are in
// the pack's language. docs/audit.md describes every key.
#include <nlohmann/json.hpp>

#include "engine/audit/writers.hpp"

namespace cadre::audit {

namespace {

using Json = nlohmann::ordered_json;

Json location(const Location& l) { return {{"file", l.file}, {"line", l.line}, {"column", l.column}}; }

Json ratio(const Figure& f, const Ratio& r, const std::string& lang) {
  Json out = {{"numerator", r.numerator}, {"denominator", r.denominator}};
  out["value"] = r.denominator > 0 ? Json(r.numerator / r.denominator) : Json(nullptr);
  out["display"] = format_value(f, r, lang);
  return out;
}

const char* kind_name(Figure::Kind k) {
  switch (k) {
    case Figure::Kind::Rate: return "rate";
    case Figure::Kind::Mean: return "mean";
    case Figure::Kind::Gap: return "gap";
  }
  return "?";
}

}  // namespace

std::string write_json(const Evidence& e) {
  Json doc;
  doc["format"] = "cadre-audit-evidence/1";
  doc["tool"] = {{"name", "cadre"}, {"version", e.tool_version}};
  doc["lang"] = e.lang;
  doc["as_of"] = e.as_of;
  if (!e.generated_at.empty()) doc["generated_at"] = e.generated_at;
  doc["rules"] = e.rules;
  doc["packs"] = Json::array();
  for (const auto& p : e.packs) doc["packs"].push_back({{"id", p.id}, {"version", p.version}, {"title", p.title}});
  doc["inputs"] = e.inputs;
  doc["scope"] = {{"provider", e.provider},
                  {"universities", e.scope.universities},
                  {"courses", e.scope.courses},
                  {"sessions", e.scope.sessions},
                  {"trainees", e.scope.trainees},
                  {"certificates", e.scope.certificates},
                  {"other_records", e.scope.other_records},
                  {"first_day", e.scope.first_day},
                  {"last_day", e.scope.last_day}};
  doc["thresholds"] = {{"low_satisfaction", e.thresholds.low_satisfaction},
                       {"complaint_acknowledgement_days", e.thresholds.acknowledgement_days},
                       {"complaint_answer_days", e.thresholds.answer_days}};
  auto counts = e.counts();
  Json summary;
  for (std::size_t i = 0; i < kStatuses.size(); ++i) summary[status_id(kStatuses[i])] = counts[i];
  doc["summary"] = summary;

  doc["indicators"] = Json::array();
  for (const auto& i : e.indicators) {
    Json documentary = Json::array();
    for (const auto& d : i.documentary) documentary.push_back({{"id", d.id}, {"title", d.title}, {"because", d.because}});
    doc["indicators"].push_back({{"number", i.number},
                                 {"criterion", i.criterion},
                                 {"title", i.title},
                                 {"status", status_id(i.status)},
                                 {"reason", i.reason},
                                 {"rules", i.rules},
                                 {"figures", i.figures},
                                 {"documentary", documentary}});
  }

  doc["figures"] = Json::array();
  for (const auto& f : e.figures) {
    Json j;
    j["id"] = f.id;
    j["kind"] = kind_name(f.kind);
    j["indicators"] = f.indicators;
    j["label"] = f.label;
    j["definition"] = f.definition;
    j["numerator"] = f.numerator_label;
    j["denominator"] = f.denominator_label;
    j["total"] = ratio(f, f.total, e.lang);
    j["breakdown"] = Json::array();
    for (const auto& [label, n] : f.breakdown) j["breakdown"].push_back({{"label", label}, {"count", n}});
    j["courses"] = Json::array();
    for (const auto& r : f.courses) {
      Json row = ratio(f, r.value, e.lang);
      row["course"] = r.id;
      j["courses"].push_back(row);
    }
    j["sessions"] = Json::array();
    for (const auto& r : f.sessions) {
      Json row = ratio(f, r.value, e.lang);
      row["session"] = r.id;
      row["course"] = r.course;
      j["sessions"].push_back(row);
    }
    j["gaps"] = Json::array();
    for (const auto& g : f.gaps) {
      Json gap = location(g.where);
      gap["record"] = g.record;
      gap["path"] = g.pointer;
      gap["detail"] = g.detail;
      j["gaps"].push_back(gap);
    }
    doc["figures"].push_back(j);
  }

  doc["rules_run"] = Json::array();
  for (const auto& r : e.rules_run) {
    Json findings = Json::array();
    for (const auto& f : r.findings) {
      Json j = location(f.where);
      j["record"] = f.record;
      j["kind"] = f.kind;
      j["path"] = f.pointer;
      j["severity"] = f.severity;
      j["outcome"] = f.undecided ? "undecided" : "violated";
      j["message"] = f.message;
      if (!f.waiver.empty())
        j["waiver"] = {{"reason", f.waiver}, {"approved_by", f.waiver_approved_by}, {"expires", f.waiver_expires}};
      findings.push_back(j);
    }
    doc["rules_run"].push_back({{"id", r.id},
                                {"title", r.title},
                                {"pack", r.pack},
                                {"severity", r.severity},
                                {"subject", r.subject},
                                {"indicators", r.indicators},
                                {"records", {{"judged", r.judged},
                                             {"passed", r.passed},
                                             {"noted", r.noted},
                                             {"failed", r.failed},
                                             {"undecided", r.undecided},
                                             {"waived", r.waived},
                                             {"not_applicable", r.not_applicable}}},
                                {"findings", findings}});
  }

  doc["records"] = Json::array();
  for (const auto& r : e.records) {
    Json j = location(r.where);
    j["kind"] = r.kind;
    j["id"] = r.id;
    j["status"] = r.status;
    if (r.partial) j["trainees"] = r.trainees;  // a shared session: only these trainees are in the pack
    doc["records"].push_back(j);
  }
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace cadre::audit
