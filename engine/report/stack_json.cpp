// SPDX-License-Identifier: Apache-2.0
#include <functional>

#include "engine/report/format_version.hpp"
#include "engine/report/stack_writers.hpp"

namespace cadre::report {

using Json = nlohmann::ordered_json;
using stack::Requirement;

Json stack_json(const stack::StackResult& s, const Locate& locate) {
  Json doc;
  doc["pathway"] = {{"id", s.pathway_id}, {"title", s.pathway_title}};
  doc["holder"] = {{"id", s.holder_id}, {"name", s.holder_name}};
  doc["verdict"] = stack::verdict_name(s.verdict);
  doc["problems"] = s.problems;
  Json nodes = Json::array();
  std::size_t index = 0;
  std::function<void(const Requirement&, const std::string&)> walk = [&](const Requirement& r, const std::string& path) {
    const auto& n = s.allocation.nodes.at(index++);
    Json node = {{"path", path},
                 {"requirement", describe_requirement(r, false)},
                 {"expected", n.expected},
                 {"actual", n.actual},
                 {"satisfied", n.satisfied},
                 {"credentials", n.credentials},
                 {"missing", n.missing}};
    if (!n.with_completion.empty()) node["with_completion"] = n.with_completion;
    if (!r.label.empty()) node["label"] = r.label;
    if (n.granted) node["granted_by_exception"] = true;
    nodes.push_back(std::move(node));
    for (std::size_t i = 0; i < r.children.size(); ++i) walk(r.children[i], path + "/all_of/" + std::to_string(i));
  };
  if (!s.allocation.nodes.empty()) walk(s.tree, "/requirement");
  Json assignments = Json::array();
  for (const auto& n : nodes)
    for (const auto& c : n["credentials"]) assignments.push_back({{"credential", c}, {"requirement", n["path"]}});
  doc["requirements"] = std::move(nodes);
  doc["assignments"] = std::move(assignments);
  doc["counted"] = s.counted;
  Json unverified = Json::array();
  for (const auto& [credential, reason] : s.unverified) unverified.push_back({{"credential", credential}, {"reason", reason}});
  doc["authenticity"] = {{"verified", s.verified}, {"counted", s.counted.size()}, {"unverified", std::move(unverified)}};
  doc["unused"] = s.allocation.unused;
  Json refused = Json::array();
  for (const auto& r : s.refused) {
    Json findings = Json::array();
    for (const auto* f : r.findings) {
      auto p = locate(f->file, f->offset);
      findings.push_back({{"rule", f->rule->id}, {"file", p.path}, {"line", p.line}, {"column", p.column},
                          {"message", f->message}});
    }
    Json entry = {{"credential", r.credential}, {"course", r.course}, {"reason", r.reason_code},
                  {"explanation", r.reason}, {"findings", findings}};
    if (!r.details.empty()) entry["diagnostics"] = r.details;
    refused.push_back(std::move(entry));
  }
  doc["refused"] = std::move(refused);
  Json exceptions = Json::array();
  for (const auto& a : s.exceptions) {
    const auto& e = *a.exception;
    auto p = locate(e.file, e.offset);
    Json entry;
    if (!e.substitute.empty()) entry["substitute"] = {{"course", e.substitute}, {"replaces", e.replaces}};
    if (!e.satisfy.empty()) entry["satisfy"] = e.satisfy;
    entry["applied"] = a.applied;
    entry["effect"] = a.effect;
    entry["reason"] = e.reason;
    entry["approved_by"] = e.approved_by;
    entry["date"] = e.date;
    entry["file"] = p.path;
    entry["line"] = p.line;
    entry["column"] = p.column;
    exceptions.push_back(std::move(entry));
  }
  doc["exceptions"] = std::move(exceptions);
  Json waived = Json::array();
  for (const auto* f : s.waived) {
    auto p = locate(f->file, f->offset);
    waived.push_back({{"rule", f->rule->id}, {"record", f->record_id}, {"file", p.path}, {"line", p.line},
                      {"column", p.column}, {"message", f->message}, {"waiver_reason", f->waiver->reason},
                      {"approved_by", f->waiver->approved_by}, {"expires", f->waiver->expires}});
  }
  doc["waived"] = std::move(waived);
  doc["missing"] = s.allocation.completion;
  if (!s.allocation.warnings.empty()) {
    doc["warnings"] = Json::array();
    for (const auto& w : s.allocation.warnings) doc["warnings"].push_back(w.describe(s.lang));
  }
  doc["notice"] = s.notice;
  return doc;
}

void write_stack_json(std::ostream& out, const stack::StackResult& s, const Locate& locate, const StackReportInfo& info) {
  Json doc;
  doc["format_version"] = kJsonFormatVersion;
  doc["tool"] = {{"name", "cadre"}, {"version", info.tool_version}};
  doc["as_of"] = info.as_of;
  doc["packs"] = Json::array();
  for (const auto& p : info.packs) doc["packs"].push_back({{"id", p.id}, {"version", p.version}});
  Json body = stack_json(s, locate);  // named: items() does not keep a temporary alive
  for (auto& [key, value] : body.items()) doc[key] = value;
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace cadre::report
