// SPDX-License-Identifier: Apache-2.0
// The jury's page: one self-contained HTML file (styles inline, no script, no external
// asset) that reads on screen and prints on ONE A4 sheet for an ordinary pathway, so it can go
// into the diploma file as is: the decision block (verdict, « Fait à … le … », signatures)
// is never split from what it decides, and the inputs it judged are named with their hashes.
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "engine/base/locale_format.hpp"
#include "engine/report/markup.hpp"
#include "engine/report/stack_writers.hpp"

namespace cadre::report {

using stack::Requirement;

namespace {

std::string escape(const std::string& text) { return html_escape(text); }

// Margins a printer keeps, small but readable type, dense tables: a pathway of a dozen
// bricks, its retained certificates and a few refusals fit on one sheet with room to sign
// (the browser test prints every bundled case to check it). The decision block never splits.
constexpr const char* kStyle = R"(
@page { size: A4; margin: 10mm 13mm 9mm; }
* { box-sizing: border-box; }
body { font: 8.4pt/1.28 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b1b1b; margin: 0 auto; max-width: 184mm; padding: 10mm 0; }
h1 { font-size: 13pt; margin: 0 0 1.2mm; }
h2 { font-size: 9.4pt; margin: 2.2mm 0 .8mm; border-bottom: 1px solid #999; padding-bottom: .5mm; break-after: avoid; }
p { margin: 1mm 0; }
.meta { margin: 0; }
.verdict { margin: 2mm 0 1mm; padding: 1.4mm 3mm; border: 1.5pt solid; border-radius: 1.5mm; font-size: 10pt; font-weight: bold; }
.verdict.eligible { border-color: #1d6b2f; background: #e8f4ea; }
.verdict.not_yet_eligible { border-color: #9a5b00; background: #fdf2e1; }
.verdict.cannot_be_assessed { border-color: #a1262d; background: #fbe9ea; }
.verdict ul { font-weight: normal; font-size: 8.4pt; margin: .5mm 0 0; padding-left: 5mm; }
#authenticity { margin: 0 0 1mm; padding-left: 3mm; }
table { border-collapse: collapse; width: 100%; font-size: 7.8pt; line-height: 1.2; }
th, td { border: .6pt solid #bbb; padding: .5mm 1.3mm; text-align: left; vertical-align: top; }
th { background: #eee; }
tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
#requirements td:first-child { width: 50%; }
#requirements td:last-child { width: 24%; }
#credentials, #refused { font-size: 7.4pt; }
/* Credential ids may be long URLs: they wrap rather than widen the table (which would shrink the printed page). */
#credentials td:first-child, #requirements td:nth-child(4), #waived td:first-child { overflow-wrap: anywhere; word-break: break-all; }
#credentials td:first-child { width: 24%; }
#refused td:first-child { width: 42%; }
#exceptions td:first-child { width: 40%; }
.ok { color: #1d6b2f; font-weight: bold; }
.ko { color: #a1262d; font-weight: bold; }
.granted { color: #1d4e89; }
.unverified { color: #6b5a00; }
.notice { margin: 2.5mm 0 0; padding: 1.2mm 3mm; border-left: 3pt solid #1d4e89; background: #eef3f9; }
.small { font-size: 7pt; color: #444; }
.decision { break-inside: avoid; page-break-inside: avoid; margin-top: 3mm; border: .8pt solid #777; padding: 2.2mm 3mm 2.5mm; }
.decision p { margin: 0 0 2.2mm; }
.sign { display: flex; gap: 6mm; }
.sign div { flex: 1; border: .6pt solid #999; border-radius: 1mm; padding: .8mm 1.5mm; min-height: 28mm; }
.inputs { margin-top: 2mm; font-size: 6.3pt; color: #444; line-height: 1.25; }
.inputs code { font-size: 6pt; word-break: break-all; }
@media print { body { padding: 0; max-width: none; } }
)";

}  // namespace

void write_stack_html(std::ostream& out, const stack::StackResult& s, const Locate& locate, const StackReportInfo& info) {
  bool fr = info.lang == "fr";
  const char* lang = fr ? "fr" : "en";
  auto t = [fr](const char* french, const char* english) { return std::string(fr ? french : english); };
  auto colon = std::string(locale::colon(lang)) + " ";
  auto num = [lang](double v) { return locale::number(v, lang); };
  auto titled = [&](const std::string& course) {
    auto it = s.course_titles.find(course);
    if (it == s.course_titles.end() || course.empty()) return escape(course);
    return "<b>" + escape(course) + "</b> " + escape(locale::typography(it->second, lang));
  };
  const char* verdict = s.verdict == stack::Verdict::Eligible
                            ? (fr ? "Recevable pour la décision du jury" : "Eligible for the jury's decision")
                        : s.verdict == stack::Verdict::NotYetEligible ? (fr ? "Pas encore recevable" : "Not yet eligible")
                                                                      : (fr ? "Ne peut pas être évalué" : "Cannot be assessed");
  out << "<!DOCTYPE html>\n<html lang=\"" << lang << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>" << escape(fmt::format("{} — {} — {}", s.pathway_id, s.holder_name, verdict)) << "</title>\n"
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<h1>" << escape(t("Empilement de micro-certifications — avis au jury", "Stacking of micro-credentials — for the jury"))
      << "</h1>\n";
  out << "<p class=\"meta\">" << escape(t("Parcours", "Pathway")) << colon << "<b>" << escape(s.pathway_id) << "</b> "
      << escape(locale::typography(s.pathway_title, lang)) << "</p>\n";
  out << "<p class=\"meta\" id=\"holder\">" << escape(t("Titulaire", "Holder")) << colon << "<b>"
      << escape(s.holder_name) << "</b> — INE" << colon
      << escape(s.holder_id.empty() ? t("non indiqué", "not given") : s.holder_id);
  if (!s.holder_birth_date.empty())
    out << " — " << escape(t("date de naissance", "date of birth")) << colon << escape(locale::date(s.holder_birth_date, lang));
  out << "</p>\n<p class=\"meta\">" << escape(t("Situation au", "As of")) << " " << escape(locale::date(info.as_of, lang))
      << "</p>\n";
  out << "<div class=\"verdict " << stack::verdict_name(s.verdict) << "\" id=\"verdict\">" << escape(t("Verdict", "Verdict"))
      << colon << escape(verdict);
  if (!s.problems.empty()) {
    out << "<ul>";
    for (const auto& p : s.problems) out << "<li>" << escape(locale::typography(p, lang)) << "</li>";
    out << "</ul>";
  }
  out << "</div>\n";
  // How many counted credentials were verified (§10.2): a line of its own, under the verdict.
  out << "<p id=\"authenticity\"><b>" << escape(locale::typography(authenticity_line(s, fr), lang)) << "</b></p>\n";

  out << "<h2>" << escape(t("Exigences du parcours", "Requirements of the pathway")) << "</h2>\n<table id=\"requirements\">\n"
      << "<tr><th>" << escape(t("Exigence", "Requirement")) << "</th><th>" << escape(t("Attendu", "Expected"))
      << "</th><th>" << escape(t("Obtenu", "Actual")) << "</th><th>" << escape(t("Certificats retenus", "Credentials assigned"))
      << "</th><th>" << escape(t("État", "Status")) << "</th></tr>\n";
  std::size_t index = 0;
  std::function<void(const Requirement&, int)> walk = [&](const Requirement& r, int depth) {
    const auto& n = s.allocation.nodes.at(index++);
    std::string credentials;
    // Authenticity is the column of the table of retained certificates below, not repeated here.
    for (const auto& c : n.credentials) credentials += (credentials.empty() ? "" : ", ") + c;
    std::string status = n.satisfied ? "<span class=\"ok\">✔ " + escape(t("satisfaite", "met")) + "</span>"
                                     : "<span class=\"ko\">✘ " + escape(t("non satisfaite", "not met")) + "</span>";
    // The exception itself is in the table of exceptions applied, with its reason and approver.
    if (!r.granted.empty()) status += " <span class=\"granted\">" + escape(t("par dérogation", "by exception")) + "</span>";
    // What to add is said once, under « Ce qui manque », when the pathway has a completion.
    if (std::string note = completion_note(n, fr, s.refused, false); !note.empty() && s.allocation.completion.empty())
      status += "<br>" + escape(locale::typography(note.substr(note.find_first_not_of(" ;")), lang));  // a line of its own
    out << "<tr><td style=\"padding-left:" << 1.4 + 4 * depth << "mm\">"
        << escape(locale::typography(describe_requirement(r, fr, &s.course_titles), lang)) << "</td><td class=\"num\">" << num(n.expected)
        << "</td><td class=\"num\">" << num(n.actual) << "</td><td>" << escape(credentials) << "</td><td>" << status
        << "</td></tr>\n";
    for (const auto& c : r.children) walk(c, depth + 1);
  };
  if (!s.allocation.nodes.empty()) walk(s.tree, 0);
  out << "</table>\n";

  if (!s.counted.empty()) {
    // What each retained certificate is (§10.2). The authenticity column is the slot the
    // verification of signatures and seals fills (CredentialDetails::authenticity).
    out << "<h2>" << escape(t("Certificats retenus", "Credentials retained")) << "</h2>\n<table id=\"credentials\">\n<tr><th>"
        << escape(t("Certificat", "Credential")) << "</th><th>" << escape(t("Formation", "Course")) << "</th><th>"
        << escape(t("Délivré par", "Issued by")) << "</th><th>" << escape(t("Le", "On")) << "</th><th>"
        << escape(t("Heures", "Hours")) << "</th><th>ECTS</th><th>" << escape(t("Authenticité", "Authenticity"))
        << "</th></tr>\n";
    // Verified, or why not: the verification's reason (unsupported proof, untrusted issuer, no proof...).
    auto authenticity_cell = [&](const std::string& id, const stack::CredentialDetails& c) -> std::string {
      if (auto u = s.unverified.find(id); u != s.unverified.end())
        return "<span class=\"unverified\">" +
               escape(locale::typography(fmt::format(fmt::runtime(fr ? "non vérifiée : {}" : "not verified: {}"), u->second), lang)) +
               "</span>";
      return c.authenticity.empty() ? escape(t("vérifiée", "verified")) : escape(c.authenticity);
    };
    for (const auto& id : s.counted) {
      auto d = s.details.find(id);
      stack::CredentialDetails none;
      const auto& c = d == s.details.end() ? none : d->second;
      out << "<tr><td>" << escape(id) << "</td><td>" << titled(c.course) << "</td><td>" << escape(c.issuer)
          << "</td><td class=\"num\">" << escape(locale::date(c.issued, lang)) << "</td><td class=\"num\">"
          << num(c.hours) << "</td><td class=\"num\">" << num(c.ects) << "</td><td class=\"authenticity\">"
          << authenticity_cell(id, c)
          << "</td></tr>\n";
    }
    out << "</table>\n";
  }

  if (!s.allocation.completion.empty()) {
    std::string missing;
    for (const auto& m : s.allocation.completion) {
      // A course whose held certificates were refused needs a valid one, not a new course.
      std::string item = completion_item(m, fr, s.refused, false);
      missing += (missing.empty() ? "" : ", ") + (item == m ? titled(m) : escape(locale::typography(item, lang)));
    }
    out << "<h2>" << escape(t("Ce qui manque", "What is missing")) << "</h2>\n<p id=\"missing\">"
        << escape(t("Pour compléter le parcours (le moins de formations, puis le moins d'heures)",
                    "To complete the pathway (fewest courses, then fewest hours)"))
        << colon << missing << "</p>\n";
  }

  bool any_applied = false;
  for (const auto& a : s.exceptions) any_applied = any_applied || a.applied;
  if (any_applied) {
    out << "<h2>" << escape(t("Dérogations appliquées", "Registrar exceptions applied"))
        << "</h2>\n<table id=\"exceptions\">\n<tr><th>" << escape(t("Effet", "Effect")) << "</th><th>"
        << escape(t("Motif", "Reason")) << "</th><th>" << escape(t("Accordée par, le", "Approved by, on")) << "</th></tr>\n";
    for (const auto& a : s.exceptions) {
      if (!a.applied) continue;
      auto p = locate(a.exception->file, a.exception->offset);
      out << "<tr><td>" << escape(locale::typography(a.effect, lang)) << " <span class=\"small\">"
          << escape(fmt::format("{}:{}:{}", p.path, p.line, p.column)) << "</span></td><td>"
          << escape(a.exception->reason) << "</td><td>" << escape(a.exception->approved_by) << ", "
          << escape(locale::date(a.exception->date, lang)) << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  for (const auto& a : s.exceptions) {
    if (a.applied) continue;
    auto p = locate(a.exception->file, a.exception->offset);
    out << "<p class=\"small without-effect\">" << escape(t("Dérogation sans effet sur ce dossier", "Exception without effect here"))
        << colon << escape(locale::typography(a.effect, lang)) << " — " << escape(a.exception->reason) << " ("
        << escape(fmt::format("{}:{}:{}", p.path, p.line, p.column)) << ")</p>\n";
  }

  if (!s.waived.empty()) {
    out << "<h2>" << escape(t("Écarts aux règles acceptés par dérogation", "Deviations accepted by waiver"))
        << "</h2>\n<table id=\"waived\">\n<tr><th>" << escape(t("Constat", "Finding")) << "</th><th>"
        << escape(t("Dérogation", "Waiver")) << "</th></tr>\n";
    for (const auto* f : s.waived) {
      auto p = locate(f->file, f->offset);
      out << "<tr><td>" << escape(f->record_id) << "<br><span class=\"small\">"
          << escape(fmt::format("{}:{}:{} [{}] {}", p.path, p.line, p.column, f->rule->id, locale::typography(f->message, lang)))
          << "</span></td><td>" << escape(f->waiver->reason) << "<br><span class=\"small\">"
          << escape(fmt::format(fmt::runtime(fr ? "accordée par {}, jusqu'au {}" : "approved by {}, until {}"),
                                f->waiver->approved_by, locale::date(f->waiver->expires, lang)))
          << "</span></td></tr>\n";
    }
    out << "</table>\n";
  }
  if (!s.refused.empty()) {
    out << "<h2>" << escape(t("Certificats qui ne comptent pas", "Credentials that do not count"))
        << "</h2>\n<table id=\"refused\">\n<tr><th>" << escape(t("Certificat — formation", "Credential — course"))
        << "</th><th>" << escape(t("Raison", "Reason")) << "</th></tr>\n";
    for (const auto& r : s.refused) {
      out << "<tr><td>" << escape(r.credential) << (r.course.empty() ? "" : " — ") << titled(r.course) << "</td><td>"
          << escape(locale::typography(r.reason, lang));
      for (const auto* f : r.findings) {
        auto p = locate(f->file, f->offset);
        out << "<br><span class=\"small\">"
            << escape(fmt::format("{}:{}:{} [{}] {}", p.path, p.line, p.column, f->rule->id, locale::typography(f->message, lang)))
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
    out << "<p class=\"small\">" << escape(t("Certificats valides non nécessaires aux exigences", "Valid credentials no requirement needed"))
        << colon << escape(unused) << "</p>\n";
  }
  for (const auto& w : s.allocation.warnings)
    out << "<p class=\"small\">! " << escape(locale::typography(w.describe(s.lang), lang)) << "</p>\n";
  out << "<p class=\"notice\" id=\"notice\">" << escape(locale::typography(s.notice, lang)) << "</p>\n";

  // The decision block: printed whole, on the same sheet as what it decides.
  out << "<div class=\"decision\" id=\"decision\">\n<p><b>" << escape(t("Décision du jury", "Jury's decision")) << "</b>"
      << colon << "☐ " << escape(t("certification délivrée", "certification awarded")) << " &nbsp; ☐ "
      << escape(t("certification refusée", "certification refused")) << " &nbsp; ☐ "
      << escape(t("dossier ajourné", "decision deferred")) << "</p>\n<p>"
      << escape(t("Fait à", "Done at")) << " ………………………………………… " << escape(t("le", "on")) << " …………………………</p>\n"
      << "<div class=\"sign\"><div>" << escape(t("Pour le service de scolarité (nom, qualité, signature)",
                                                 "For the registrar's office (name, title, signature)"))
      << "</div><div>" << escape(t("Pour le jury, son président ou sa présidente (nom, signature)",
                                   "For the jury, its chair (name, signature)"))
      << "</div></div>\n</div>\n";

  out << "<div class=\"inputs\" id=\"inputs\"><b>" << escape(t("Pièces examinées", "Files assessed")) << "</b>" << colon;
  bool first = true;
  for (const auto& in : info.inputs) {
    const char* role = in.role == "pathway"      ? (fr ? "parcours" : "pathway")
                       : in.role == "transcript" ? (fr ? "relevé" : "transcript")
                       : in.role == "catalog"    ? (fr ? "catalogue" : "catalogue")
                       : in.role == "credential" ? (fr ? "justificatif" : "credential")  // uploaded to cadre serve
                                                 : (fr ? "dérogations" : "exceptions");
    out << (first ? "" : " · ") << escape(role) << " " << escape(in.path);
    if (in.role == "catalog")
      out << " (" << escape(locale::count(static_cast<double>(in.files), lang, fr ? "fichier" : "file", fr ? "fichiers" : "files"))
          << ")";
    out << " <code>SHA-256 " << in.sha256 << "</code>";
    first = false;
  }
  out << "<br>" << escape(fmt::format(fmt::runtime(fr ? "Établi par le logiciel cadre {}" : "Prepared by the cadre software {}"),
                                      info.tool_version));
  for (const auto& p : info.packs) out << " · " << escape(t("règles", "rules")) << " " << escape(p.id) << " " << escape(p.version);
  out << "</div>\n</body>\n</html>\n";
}

}  // namespace cadre::report
