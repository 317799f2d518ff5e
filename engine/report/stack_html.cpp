// The jury's page: one self-contained HTML file (styles inline, no script, no external
// asset) that reads on screen and prints on A4, so it can go into the diploma file as is.
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "engine/report/markup.hpp"
#include "engine/report/stack_writers.hpp"

namespace cadre::report {

using stack::Requirement;

namespace {

std::string escape(const std::string& text) { return html_escape(text); }

std::string number(double v) { return fmt::format("{}", v); }

constexpr const char* kStyle = R"(
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b1b1b; margin: 0 auto; max-width: 178mm; padding: 12mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; break-after: avoid; }
.meta { color: #444; margin: 0; }
.verdict { margin: 5mm 0; padding: 3mm 4mm; border: 2px solid; border-radius: 2mm; font-size: 12pt; font-weight: bold; }
.verdict.eligible { border-color: #1d6b2f; background: #e8f4ea; }
.verdict.not_yet_eligible { border-color: #9a5b00; background: #fdf2e1; }
.verdict.cannot_be_assessed { border-color: #a1262d; background: #fbe9ea; }
.verdict ul { font-weight: normal; font-size: 10pt; margin: 1mm 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
#requirements td:first-child { width: 42%; }
#refused td:first-child { white-space: nowrap; }
.ok { color: #1d6b2f; font-weight: bold; }
.ko { color: #a1262d; font-weight: bold; }
.granted { color: #1d4e89; }
.notice { margin-top: 8mm; padding: 3mm 4mm; border-left: 4px solid #1d4e89; background: #eef3f9; }
.small { font-size: 8.5pt; color: #555; }
.sign { margin-top: 10mm; display: flex; gap: 8mm; }
.sign div { flex: 1; border-top: 1px solid #777; padding-top: 1mm; min-height: 18mm; }
@media print { body { padding: 0; max-width: none; } }
)";

}  // namespace

void write_stack_html(std::ostream& out, const stack::StackResult& s, const Locate& locate, const StackReportInfo& info) {
  bool fr = info.lang == "fr";
  auto t = [fr](const char* french, const char* english) { return std::string(fr ? french : english); };
  const char* verdict = s.verdict == stack::Verdict::Eligible
                            ? (fr ? "Recevable pour la décision du jury" : "Eligible for the jury's decision")
                        : s.verdict == stack::Verdict::NotYetEligible ? (fr ? "Pas encore recevable" : "Not yet eligible")
                                                                      : (fr ? "Ne peut pas être évalué" : "Cannot be assessed");
  out << "<!DOCTYPE html>\n<html lang=\"" << (fr ? "fr" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>" << escape(fmt::format("{} — {} — {}", s.pathway_id, s.holder_name, verdict)) << "</title>\n"
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<h1>" << escape(t("Empilement de micro-certifications", "Stacking of micro-credentials")) << "</h1>\n";
  out << "<p class=\"meta\">" << escape(t("Parcours", "Pathway")) << " <b>" << escape(s.pathway_id) << "</b> — "
      << escape(s.pathway_title) << "</p>\n";
  out << "<p class=\"meta\">" << escape(t("Titulaire", "Holder")) << " : <b>" << escape(s.holder_name) << "</b> ("
      << escape(s.holder_id) << ")</p>\n";
  out << "<p class=\"meta small\">" << escape(t("Situation au", "As of")) << " " << escape(info.as_of) << " — cadre "
      << escape(info.tool_version);
  for (const auto& p : info.packs) out << " · " << escape(p.id) << " " << escape(p.version);
  out << "</p>\n";
  out << "<div class=\"verdict " << stack::verdict_name(s.verdict) << "\" id=\"verdict\">" << escape(t("Verdict", "Verdict"))
      << " : " << escape(verdict);
  if (!s.problems.empty()) {
    out << "<ul>";
    for (const auto& p : s.problems) out << "<li>" << escape(p) << "</li>";
    out << "</ul>";
  }
  out << "</div>\n";
  out << "<p class=\"meta\" id=\"authenticity\">" << escape(authenticity_line(s, fr)) << "</p>\n";

  out << "<h2>" << escape(t("Exigences du parcours", "Requirements of the pathway")) << "</h2>\n<table id=\"requirements\">\n"
      << "<tr><th>" << escape(t("Exigence", "Requirement")) << "</th><th>" << escape(t("Attendu", "Expected"))
      << "</th><th>" << escape(t("Obtenu", "Actual")) << "</th><th>" << escape(t("Certificats retenus", "Credentials assigned"))
      << "</th><th>" << escape(t("État", "Status")) << "</th></tr>\n";
  std::size_t index = 0;
  std::function<void(const Requirement&, int)> walk = [&](const Requirement& r, int depth) {
    const auto& n = s.allocation.nodes.at(index++);
    std::string credentials;
    for (const auto& c : n.credentials) credentials += (credentials.empty() ? "" : ", ") + c + unverified_mark(s, c, fr);
    std::string status = n.satisfied ? "<span class=\"ok\">✔ " + escape(t("satisfaite", "met")) + "</span>"
                                     : "<span class=\"ko\">✘ " + escape(t("non satisfaite", "not met")) + "</span>";
    if (!r.granted.empty()) status += "<br><span class=\"granted\">" + escape(r.granted) + "</span>";
    if (std::string note = completion_note(n, fr, s.refused); !note.empty())
      status += "<br>" + escape(note.substr(note.find_first_not_of(" ;")));  // a line of its own, not a clause
    out << "<tr><td style=\"padding-left:" << 2 + 5 * depth << "mm\">" << escape(describe_requirement(r, fr))
        << "</td><td class=\"num\">" << number(n.expected) << "</td><td class=\"num\">" << number(n.actual) << "</td><td>"
        << escape(credentials) << "</td><td>" << status << "</td></tr>\n";
    for (const auto& c : r.children) walk(c, depth + 1);
  };
  if (!s.allocation.nodes.empty()) walk(s.tree, 0);
  out << "</table>\n";

  if (!s.allocation.completion.empty()) {
    std::string missing;
    for (const auto& m : s.allocation.completion)
      missing += (missing.empty() ? "" : ", ") + completion_item(m, fr, s.refused);
    out << "<h2>" << escape(t("Ce qui manque", "What is missing")) << "</h2>\n<p id=\"missing\">"
        << escape(t("Pour compléter le parcours (le moins de formations, puis le moins d'heures) : ",
                    "To complete the pathway (fewest courses, then fewest hours): "))
        << "<b>" << escape(missing) << "</b></p>\n";
  }

  if (!s.exceptions.empty()) {
    out << "<h2>" << escape(t("Exceptions du registraire appliquées", "Registrar exceptions applied"))
        << "</h2>\n<table id=\"exceptions\">\n<tr><th>" << escape(t("Effet", "Effect")) << "</th><th>"
        << escape(t("Motif", "Reason")) << "</th><th>" << escape(t("Approuvée par", "Approved by")) << "</th><th>"
        << escape(t("Date", "Date")) << "</th></tr>\n";
    for (const auto& a : s.exceptions) {
      auto p = locate(a.exception->file, a.exception->offset);
      out << "<tr><td>" << escape(a.effect) << "<br><span class=\"small\">" << escape(fmt::format("{}:{}:{}", p.path, p.line, p.column))
          << "</span></td><td>" << escape(a.exception->reason) << "</td><td>" << escape(a.exception->approved_by)
          << "</td><td>" << escape(a.exception->date) << "</td></tr>\n";
    }
    out << "</table>\n";
  }

  if (!s.waived.empty()) {
    out << "<h2>" << escape(t("Écarts acceptés par dérogation", "Deviations accepted by waiver"))
        << "</h2>\n<table id=\"waived\">\n<tr><th>" << escape(t("Constat", "Finding")) << "</th><th>"
        << escape(t("Dérogation", "Waiver")) << "</th></tr>\n";
    for (const auto* f : s.waived) {
      auto p = locate(f->file, f->offset);
      out << "<tr><td>" << escape(f->record_id) << "<br><span class=\"small\">"
          << escape(fmt::format("{}:{}:{} [{}] {}", p.path, p.line, p.column, f->rule->id, f->message)) << "</span></td><td>"
          << escape(f->waiver->reason) << "<br><span class=\"small\">"
          << escape(fmt::format(fmt::runtime(fr ? "approuvée par {}, jusqu'au {}" : "approved by {}, until {}"),
                                f->waiver->approved_by, f->waiver->expires))
          << "</span></td></tr>\n";
    }
    out << "</table>\n";
  }
  if (!s.unverified.empty()) {
    out << "<h2>" << escape(t("Authenticité non vérifiée (§10.2)", "Authenticity not verified (§10.2)"))
        << "</h2>\n<table id=\"unverified\">\n<tr><th>" << escape(t("Certificat retenu", "Counted credential"))
        << "</th><th>" << escape(t("Raison", "Reason")) << "</th></tr>\n";
    for (const auto& [credential, reason] : s.unverified)
      out << "<tr><td>" << escape(credential) << "</td><td>"
          << escape(fmt::format(fmt::runtime(fr ? "authenticité non vérifiée : {}" : "authenticity not verified: {}"), reason))
          << "</td></tr>\n";
    out << "</table>\n";
  }
  if (!s.refused.empty()) {
    out << "<h2>" << escape(t("Certificats qui ne comptent pas", "Credentials that do not count"))
        << "</h2>\n<table id=\"refused\">\n<tr><th>" << escape(t("Certificat", "Credential")) << "</th><th>"
        << escape(t("Formation", "Course")) << "</th><th>" << escape(t("Raison", "Reason")) << "</th></tr>\n";
    for (const auto& r : s.refused) {
      out << "<tr><td>" << escape(r.credential) << "</td><td>" << escape(r.course) << "</td><td>" << escape(r.reason);
      for (const auto* f : r.findings) {
        auto p = locate(f->file, f->offset);
        out << "<br><span class=\"small\">" << escape(fmt::format("{}:{}:{} [{}] {}", p.path, p.line, p.column, f->rule->id, f->message))
            << "</span>";
      }
      for (const auto& d : r.details) out << "<br><span class=\"small\">" << escape(d) << "</span>";
      out << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  if (!s.allocation.unused.empty()) {
    std::string unused;
    for (const auto& u : s.allocation.unused) unused += (unused.empty() ? "" : ", ") + u;
    out << "<p class=\"small\">" << escape(t("Certificats valides non nécessaires aux exigences : ", "Valid credentials no requirement needed: "))
        << escape(unused) << "</p>\n";
  }
  for (const auto& w : s.allocation.warnings) out << "<p class=\"small\">! " << escape(w.describe(s.lang)) << "</p>\n";
  out << "<p class=\"notice\" id=\"notice\">" << escape(s.notice) << "</p>\n";
  out << "<div class=\"sign\"><div>" << escape(t("Le ou la registraire", "Registrar")) << "</div><div>"
      << escape(t("Décision du jury", "Jury's decision")) << "</div></div>\n";
  out << "</body>\n</html>\n";
}

}  // namespace cadre::report
