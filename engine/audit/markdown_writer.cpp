// SPDX-License-Identifier: Apache-2.0
// evidence.md: the pack as Markdown, for a repository or a quality manual.
#include <map>

#include <fmt/format.h>

#include "engine/audit/indicators.hpp"
#include "engine/audit/writers.hpp"
#include "engine/base/locale_format.hpp"

namespace cadre::audit {

namespace {

// A table cell: no line breaks, pipes escaped.
// Text from the records, made inert: on one line, no table break, no HTML (Markdown renders
// inline HTML), so a value cannot add headings, cells or markup to the pack.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

std::string numbers(const std::vector<int>& items) {
  std::string out;
  for (int i : items) out += (out.empty() ? "" : ", ") + std::to_string(i);
  return out;
}

std::string place(const Location& l) { return fmt::format("{}:{}:{}", l.file, l.line, l.column); }

}  // namespace

static std::string write_markdown_text(const Evidence& e) {
  std::string o;
  auto t = [&](const char* fr, const char* en) { return std::string(tr(e, fr, en)); };
  const std::string colon = t(" : ", ": ");
  std::map<std::string, int> home;  // a figure's details go with the first indicator listing it
  for (const auto& i : e.indicators)
    for (const auto& id : i.figures) home.emplace(id, i.number);
  o += fmt::format("# {}\n\n", t("Dossier de preuves Qualiopi", "Qualiopi evidence pack"));
  std::string universities;
  for (const auto& u : e.scope.universities) universities += (universities.empty() ? "" : ", ") + u;
  std::string packs;
  for (const auto& p : e.packs) packs += (packs.empty() ? "" : ", ") + p.id + " " + p.version;
  o += fmt::format("- {}{}{}\n", t("Établissements producteurs", "Producing institutions"), colon, universities.empty() ? "—" : universities);
  o += fmt::format("- {}{}{}\n", t("Portée", "Scope"), colon, scope_sentence(e));
  const bool fr = e.lang == "fr";
  auto counted = [&e](std::size_t k, const char* one, const char* many) { return locale::count(static_cast<double>(k), e.lang, one, many); };
  o += fmt::format("- {}{}{}, {}, {}, {}\n", t("Périmètre", "Records"), colon,
                   fr ? counted(e.scope.courses, "formation", "formations") : counted(e.scope.courses, "course", "courses"),
                   counted(e.scope.sessions, "session", "sessions"),
                   fr ? counted(e.scope.trainees, "stagiaire", "stagiaires") : counted(e.scope.trainees, "trainee", "trainees"),
                   fr ? counted(e.scope.certificates, "certificat", "certificats") : counted(e.scope.certificates, "certificate", "certificates"));
  if (!e.scope.first_day.empty())
    o += e.scope.last_day.empty()
             ? fmt::format(fmt::runtime(t("- Sessions à partir du {} (fin non renseignée)\n", "- Sessions from {} (end not recorded)\n")),
                           locale::date(e.scope.first_day, e.lang))
             : fmt::format(fmt::runtime(t("- Sessions du {} au {}\n", "- Sessions from {} to {}\n")), locale::date(e.scope.first_day, e.lang),
                           locale::date(e.scope.last_day, e.lang));
  o += fmt::format(fmt::runtime(t("- Au {} ; règles : {} ; logiciel cadre {}\n", "- As of {}; rules: {}; cadre software {}\n")),
                   locale::date(e.as_of, e.lang), packs,
                   e.tool_version);
  if (!e.generated_at.empty()) o += fmt::format(fmt::runtime(t("- Généré le {}\n", "- Generated at {}\n")), e.generated_at);
  o += t("- Les empreintes SHA-256 des entrées et des fichiers de ce dossier sont dans `manifest.json` ; "
         "`cadre audit verify` les recalcule et refait l'audit.\n\n",
         "- The SHA-256 of the inputs and of this pack's files are in `manifest.json`; `cadre audit verify` "
         "recomputes them and re-runs the audit.\n\n");

  o += fmt::format("## {}\n\n", t("Synthèse", "Summary"));
  auto counts = e.counts();
  o += fmt::format("| {} | {} | {} |\n|---|---:|---|\n", t("statut", "status"), t("nombre", "count"), t("indicateurs", "indicators"));
  for (std::size_t s = 0; s < kStatuses.size(); ++s) {
    std::vector<int> which;
    for (const auto& i : e.indicators)
      if (i.status == kStatuses[s]) which.push_back(i.number);
    o += fmt::format("| {} | {} | {} |\n", status_label(kStatuses[s], e.lang), counts[s], which.empty() ? "—" : numbers(which));
  }
  o += "\n";

  int criterion = 0;
  for (const auto& i : e.indicators) {
    if (i.criterion != criterion) {
      criterion = i.criterion;
      o += fmt::format("## {} {} — {}\n\n", t("Critère", "Criterion"), criterion, criterion_title(criterion, e.lang));
    }
    o += fmt::format("### {} — {}\n\n", indicator_heading(e, i.number), i.title);
    o += fmt::format("**{}**{}{}\n\n", status_label(i.status, e.lang), colon, i.reason);
    if (!i.figures.empty()) {
      o += fmt::format("| {} | {} | {} | {} |\n|---|---:|---:|---:|\n", t("chiffre", "figure"), t("numérateur", "numerator"),
                       t("dénominateur", "denominator"), t("valeur", "value"));
      for (const auto& id : i.figures) {
        const Figure* f = e.figure(id);
        if (!f) continue;
        o += fmt::format("| {} ({} / {}) | {} | {} | {} |\n", cell(f->label), cell(f->numerator_label), cell(f->denominator_label),
                         format_number(f->total.numerator, e.lang), format_number(f->total.denominator, e.lang),
                         format_value(*f, f->total, e.lang));
      }
      o += "\n";
      for (const auto& id : i.figures) {
        const Figure* f = e.figure(id);
        if (!f || home[id] != i.number) continue;
        if (!f->breakdown.empty()) {
          o += fmt::format("{}{}\n\n", f->breakdown_label, colon);
          for (const auto& [label, n] : f->breakdown) o += fmt::format("- {}{}{}\n", cell(label), colon, n);
          o += "\n";
        }
        for (const auto& g : f->gaps) o += fmt::format("- `{}` {} — {}\n", place(g.where), cell(g.record), cell(g.detail));
        if (!f->gaps.empty()) o += "\n";
      }
    }
    if (!i.rules.empty()) {
      o += fmt::format("| {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|\n", t("règle", "rule"),
                       t("gravité", "severity"), t("jugés", "judged"), t("sans constat", "passed"),
                       t("en défaut", "failed or undecided"), t("par dérogation", "waived"));
      for (const auto& id : i.rules) {
        const RuleResult* r = e.rule(id);
        if (!r) continue;
        // An `info` rule's findings are advice: counted apart, never as failures.
        std::string passed = r->noted ? fmt::format(fmt::runtime(e.lang == "fr" ? "{} (+{} pour information)" : "{} (+{} info)"),
                                                     r->passed, r->noted)
                                       : std::to_string(r->passed);
        o += fmt::format("| `{}` {} | {} | {} | {} | {} | {} |\n", r->id, cell(r->title), severity_label(r->severity, e.lang), r->judged, passed,
                         r->failed + r->undecided, r->waived);
      }
      o += "\n";
      for (const auto& id : i.rules) {
        const RuleResult* r = e.rule(id);
        if (!r) continue;
        for (const auto& f : r->findings)
          o += fmt::format("- `{}` {}[{}] {} {} — {}{}\n", place(f.where), severity_label(f.severity, e.lang), f.rule, cell(f.record), cell(f.pointer),
                           cell(f.message),
                           f.waiver.empty() ? std::string{}
                                            : fmt::format(" — {} : {} ({}, {} {})", t("dérogation", "waiver"), cell(f.waiver),
                                                          cell(f.waiver_approved_by), t("jusqu'au", "until"), cell(locale::date(f.waiver_expires, e.lang))));
      }
      bool any = false;
      for (const auto& id : i.rules)
        if (const RuleResult* r = e.rule(id); r && !r->findings.empty()) any = true;
      if (any) o += "\n";
    }
    for (const auto& d : i.documentary)
      o += fmt::format("- {}{}`{}` {} — {}\n", t("Non vérifié par le logiciel", "Not checked by software"), colon, d.id, d.title, d.because);
    if (!i.documentary.empty()) o += "\n";
  }

  o += fmt::format("## {}\n\n", t("Chiffres par session", "Figures per session"));
  std::vector<const Figure*> shown;
  for (const char* id : {"completion-rate", "satisfaction-mean", "response-rate", "success-rate"})
    if (const Figure* f = e.figure(id)) shown.push_back(f);
  if (!shown.empty() && !shown.front()->sessions.empty()) {
    o += fmt::format("| {} | {} |", t("session", "session"), t("formation", "course"));
    for (const auto* f : shown) o += " " + cell(f->label) + " |";
    o += "\n|---|---|";
    for (std::size_t k = 0; k < shown.size(); ++k) o += "---:|";
    o += "\n";
    for (std::size_t s = 0; s < shown.front()->sessions.size(); ++s) {
      o += fmt::format("| {} | {} |", cell(shown.front()->sessions[s].id), cell(course_with_title(e, shown.front()->sessions[s].course)));
      for (const auto* f : shown)
        o += fmt::format(" {} ({}/{}) |", format_value(*f, f->sessions[s].value, e.lang),
                         format_number(f->sessions[s].value.numerator, e.lang), format_number(f->sessions[s].value.denominator, e.lang));
      o += "\n";
    }
  } else {
    o += t("Aucune session parmi les entrées.\n", "No session among the inputs.\n");
  }
  // So that a printed or mailed pack can be matched to its files (`sha256sum FILE`).
  o += fmt::format("\n## {}\n\n", t("Intégrité", "Integrity"));
  o += locale::typography(integrity_sentence(e, true), e.lang) + "\n\n";
  for (const auto& [path, hash] : e.input_hashes) o += fmt::format("- `{}` `{}`\n", hash, path);
  return o;
}

/// French punctuation over the whole file, as write_html does.
std::string write_markdown(const Evidence& e) { return locale::typography(write_markdown_text(e), e.lang); }

}  // namespace cadre::audit
