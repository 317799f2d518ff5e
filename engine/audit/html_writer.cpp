// SPDX-License-Identifier: Apache-2.0
// index.html: the evidence pack for people. One self-contained page — inline CSS, inline SVG
// charts, no script, no external asset — readable on screen and printed on A4. Statuses are
// badges with a symbol and a word, never a colour alone.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/audit/audit.hpp"
#include "engine/audit/indicators.hpp"
#include "engine/audit/writers.hpp"
#include "engine/base/locale_format.hpp"
#include "engine/report/markup.hpp"

namespace cadre::audit {

namespace {

std::string esc(const std::string& text) { return report::html_escape(text); }

// `code` spans for the backquoted parts of a definition: "`dropped_out`" -> <code>dropped_out</code>.
std::string with_code(const std::string& text) {
  std::string out;
  bool open = false;
  for (char c : text) {
    if (c == '`') {
      out += open ? "</code>" : "<code>";
      open = !open;
    } else {
      out += esc(std::string(1, c));
    }
  }
  if (open) out += "</code>";
  return out;
}

const char* status_class(Status s) { return status_id(s); }

const char* status_symbol(Status s) {
  switch (s) {
    case Status::Evidenced: return "✓";
    case Status::Shortfall: return "✗";
    case Status::NotApplicable: return "–";
    case Status::NotChecked: return "?";
  }
  return "";
}

std::string badge(Status s, const std::string& lang) {
  return fmt::format("<span class=\"badge {}\"><span aria-hidden=\"true\">{}</span> {}</span>", status_class(s), status_symbol(s),
                     esc(status_label(s, lang)));
}

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 14mm 13mm 16mm; }
:root { --ink:#17202b; --muted:#5a6573; --line:#d7dde5; --soft:#f3f5f8; --accent:#1d4f91;
        --ok:#17733a; --ok-bg:#e5f4ea; --bad:#b3261e; --bad-bg:#fbe9e7; --na:#545f6c; --na-bg:#eceff3;
        --nc:#8a5300; --nc-bg:#fdf1dc; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9edf2; color: var(--ink);
       font: 14px/1.45 "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; }
main { max-width: 1000px; margin: 24px auto; background: #fff; padding: 36px 44px 48px;
       box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h1 { font-size: 27px; margin: 4px 0 6px; letter-spacing: -.01em; }
h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 5px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 16px; margin: 0; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
h4 { font-size: 13px; margin: 14px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p { margin: 6px 0; }
a { color: var(--accent); }
code { font: 12px "DejaVu Sans Mono", "Liberation Mono", monospace; background: var(--soft); padding: 0 3px; border-radius: 3px; }
.kicker { margin: 0; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .08em; }
.subtitle { font-size: 16px; margin: 0 0 14px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; margin: 14px 0 0; padding: 12px 16px;
         background: var(--soft); border-left: 4px solid var(--accent); font-size: 13px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 12px 0 8px; }
.card { border: 1px solid var(--line); border-top-width: 5px; border-radius: 4px; padding: 10px 12px; }
.card .n { font-size: 28px; font-weight: bold; line-height: 1.1; }
.card .l { font-size: 13px; font-weight: bold; }
.card .d { font-size: 11.5px; color: var(--muted); margin-top: 3px; }
.card.evidenced { border-top-color: var(--ok); } .card.evidenced .n { color: var(--ok); }
.card.shortfall { border-top-color: var(--bad); } .card.shortfall .n { color: var(--bad); }
.card.not-applicable { border-top-color: var(--na); } .card.not-applicable .n { color: var(--na); }
.card.not-checked { border-top-color: var(--nc); } .card.not-checked .n { color: var(--nc); }
.note { font-size: 12px; color: var(--muted); }
.badge { display: inline-block; white-space: nowrap; font-size: 12px; font-weight: bold; padding: 1px 8px;
         border-radius: 10px; border: 1px solid; }
.badge.evidenced { color: var(--ok); background: var(--ok-bg); border-color: var(--ok); }
.badge.shortfall { color: var(--bad); background: var(--bad-bg); border-color: var(--bad); }
.badge.not-applicable { color: var(--na); background: var(--na-bg); border-color: var(--na); }
.badge.not-checked { color: var(--nc); background: var(--nc-bg); border-color: var(--nc); }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 6px 0 10px; }
th, td { text-align: left; vertical-align: top; padding: 4px 7px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: bold; color: #2b3644; }
td.id { white-space: nowrap; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.criterion td { background: #e8eef7; font-weight: bold; color: var(--accent); }
table.overview td:first-child { white-space: nowrap; }
section.indicator { border: 1px solid var(--line); border-left: 5px solid var(--line); border-radius: 4px;
                    padding: 12px 16px; margin: 12px 0; }
section.indicator.evidenced { border-left-color: var(--ok); }
section.indicator.shortfall { border-left-color: var(--bad); }
section.indicator.not-applicable { border-left-color: var(--na); }
section.indicator.not-checked { border-left-color: var(--nc); }
.num { color: var(--muted); font-weight: normal; white-space: nowrap; }
.reason { color: #2b3644; }
ul.items { margin: 4px 0 8px; padding-left: 18px; font-size: 12.5px; }
ul.items li { margin: 2px 0; }
.where { font: 11.5px "DejaVu Sans Mono", "Liberation Mono", monospace; }
.sev-error { color: var(--bad); font-weight: bold; } .sev-warning { color: var(--nc); font-weight: bold; }
.sev-info { color: var(--na); font-weight: bold; }
figure { margin: 8px 0 12px; }
figcaption { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
svg { max-width: 100%; height: auto; }
svg text { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
footer { margin-top: 30px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 11.5px; color: var(--muted); }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  section.indicator { break-inside: avoid; page-break-inside: avoid; }
  section.summary, section.appendix { break-before: page; page-break-before: always; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
)css";

struct Bar {
  std::string label;
  double value = 0;  // in [0, max]
  std::string text;  // shown after the bar
  bool strong = false;
};

// A horizontal bar chart, labelled (title for screen readers, value written on each bar).
std::string bar_chart(const std::string& title, const std::vector<Bar>& bars, double max, const std::string& axis_end) {
  const int width = 680, label_w = 210, bar_w = 340, row = 22, top = 22;
  int height = top + row * static_cast<int>(bars.size()) + 8;
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\"><title>{}</title>\n",
      width, height, width, height, esc(title));
  for (int tick = 0; tick <= 4; ++tick) {
    int x = label_w + bar_w * tick / 4;
    s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#d7dde5\"/>", x, top - 4, x, height - 6);
  }
  s += fmt::format("<text x=\"{}\" y=\"13\" font-size=\"10\" fill=\"#5a6573\">0</text>", label_w);
  s += fmt::format("<text x=\"{}\" y=\"13\" font-size=\"10\" fill=\"#5a6573\" text-anchor=\"end\">{}</text>\n", label_w + bar_w,
                   esc(axis_end));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    int y = top + row * static_cast<int>(i);
    double share = max > 0 ? std::clamp(b.value / max, 0.0, 1.0) : 0;
    int w = static_cast<int>(share * bar_w + 0.5);
    std::string label = b.label;
    if (count_code_points(label) > 34) {  // cut at a character, never inside one
      std::size_t cut = 0;
      for (int kept = 0; cut < label.size() && kept < 33; ++kept)
        do ++cut; while (cut < label.size() && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80);
      label = label.substr(0, cut) + "…";
    }
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#17202b\"{}>{}</text>", label_w - 8,
                     y + 14, b.strong ? " font-weight=\"bold\"" : "", esc(label));
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"15\" rx=\"2\" fill=\"{}\"/>", label_w, y + 3, w,
                     b.strong ? "#1d4f91" : "#7f9cc6");
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#17202b\">{}</text>\n", label_w + w + 6, y + 14, esc(b.text));
  }
  return s + "</svg>";
}

class HtmlWriter {
 public:
  explicit HtmlWriter(const Evidence& e) : e_(e), fr_(e.lang == "fr") {
    for (std::size_t i = 0; i < e.records.size(); ++i) record_anchor_[e.records[i].where.file + "\n" + e.records[i].id] = i + 1;
    // A figure's chart goes with the first indicator that lists it.
    for (const auto& ind : e.indicators)
      for (const auto& id : ind.figures) chart_home_.emplace(id, ind.number);
  }

  std::string render() {
    head();
    cover();
    summary();
    indicators();
    appendix();
    o_ += fmt::format("<footer>{}</footer>\n</main>\n</body>\n</html>\n",
                      t("Établi par le logiciel cadre à partir des enregistrements et des packs de règles nommés dans manifest.json. "
                        "Le logiciel réunit des preuves et signale des écarts ; il ne se prononce pas sur la conformité, "
                        "que seul l'auditeur apprécie.",
                        "Made by cadre from the records and rule packs named in manifest.json. The software gathers evidence "
                        "and flags shortfalls; it does not judge conformity, which only the auditor assesses."));
    return std::move(o_);
  }

 private:
  std::string t(const char* fr, const char* en) const { return fr_ ? fr : en; }
  std::string colon() const { return fr_ ? "\u00a0: " : ": "; }

  std::string link(const Location& l) const {
    return fmt::format("<a class=\"where\" href=\"{}\">{}:{}:{}</a>", esc(link_from(e_.out_dir, l.file)), esc(l.file), l.line,
                       l.column);
  }

  std::string record_link(const std::string& file, const std::string& id) const {
    auto it = record_anchor_.find(file + "\n" + id);
    if (it == record_anchor_.end() || id.empty()) return esc(id);
    return fmt::format("<a href=\"#record-{}\">{}</a>", it->second, esc(id));
  }

  void head() {
    o_ += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"generator\" content=\"cadre {}\">\n<title>{} — {}</title>\n<style>{}</style>\n"
                      "<style>{}</style>\n</head>\n<body>\n<main>\n",
                      e_.lang, esc(e_.tool_version), t("Dossier de preuves Qualiopi", "Qualiopi evidence pack"),
                      esc(locale::date(e_.as_of, e_.lang)), kStyle, running_header());
  }

  // Printed pages carry the provider and the as-of date at the top, and « Page n sur N » at
  // the bottom: CSS page-margin boxes, which Chromium prints (tests/browser/audit_page.sh).
  std::string running_header() const {
    auto css_string = [](const std::string& text) {
      std::string out = "\"";
      for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '<') {
          out += "\\3C ";
          continue;
        }
        out += c;
      }
      return out + "\"";
    };
    std::string who = !e_.provider.empty() ? e_.provider_name
                      : e_.scope.universities.size() == 1
                          ? e_.scope.universities.front()
                          : locale::count(static_cast<double>(e_.scope.universities.size()), e_.lang,
                                          fr_ ? "université" : "university", fr_ ? "universités" : "universities");
    std::string left = t("Dossier de preuves Qualiopi — ", "Qualiopi evidence pack — ") + who;
    std::string right = t("Arrêté au ", "As of ") + locale::date(e_.as_of, e_.lang);
    const char* small = "font: 8pt \"Liberation Sans\", \"DejaVu Sans\", Arial, sans-serif; color: #5a6573;";
    return fmt::format("@page {{ @top-left {{ content: {}; {} }} @top-right {{ content: {}; {} }} "
                       "@bottom-right {{ content: {} counter(page) {} counter(pages); {} }} }}",
                       css_string(left), small, css_string(right), small, css_string(t("Page ", "Page ")),
                       css_string(t(" sur ", " of ")), small);
  }

  void cover() {
    o_ += "<header>\n";
    o_ += fmt::format("<p class=\"kicker\">{}</p>\n", t("Référentiel national qualité · Qualiopi · 32 indicateurs",
                                                      "National quality framework · Qualiopi · 32 indicators"));
    o_ += fmt::format("<h1>{}</h1>\n", t("Dossier de preuves Qualiopi", "Qualiopi evidence pack"));
    std::string universities;
    for (const auto& u : e_.scope.universities) universities += (universities.empty() ? "" : " · ") + esc(u);
    o_ += fmt::format("<p class=\"subtitle\">{}{}</p>\n", t("Micro-certifications", "Micro-credentials"),
                      universities.empty() ? "" : " — " + universities);
    o_ += "<dl class=\"facts\">\n";
    auto fact = [&](const std::string& term, const std::string& value) {
      o_ += fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, value);
    };
    fact(t("Arrêté au", "As of"), "<strong>" + esc(locale::date(e_.as_of, e_.lang)) + "</strong>");
    fact(t("Portée", "Scope"), "<span id=\"scope\">" + esc(locale::typography(scope_sentence(e_), e_.lang)) + "</span>");
    auto counted = [this](std::size_t k, const char* fr_one, const char* fr_many, const char* en_one, const char* en_many) {
      return locale::count(static_cast<double>(k), e_.lang, fr_ ? fr_one : en_one, fr_ ? fr_many : en_many);
    };
    fact(t("Périmètre", "Records"),
         fmt::format("{} · {} · {} · {}", counted(e_.scope.courses, "formation", "formations", "course", "courses"),
                     counted(e_.scope.sessions, "session", "sessions", "session", "sessions"),
                     counted(e_.scope.trainees, "stagiaire", "stagiaires", "trainee", "trainees"),
                     counted(e_.scope.certificates, "certificat", "certificats", "certificate", "certificates")));
    if (!e_.scope.first_day.empty())
      fact(t("Sessions", "Sessions"),
           e_.scope.last_day.empty()  // no session gives its end
               ? fmt::format(fmt::runtime(t("à partir du {} (fin non renseignée)", "from {} (end not recorded)")),
                             esc(locale::date(e_.scope.first_day, e_.lang)))
               : fmt::format(fmt::runtime(t("du {} au {}", "from {} to {}")), esc(locale::date(e_.scope.first_day, e_.lang)),
                             esc(locale::date(e_.scope.last_day, e_.lang))));
    std::string packs;
    for (const auto& p : e_.packs)
      packs += (packs.empty() ? "" : " · ") + fmt::format("{} <code>{} {}</code>", esc(p.title), esc(p.id), esc(p.version));
    fact(t("Référentiels", "Frameworks"), packs);
    fact(t("Entrées", "Inputs"),
         fmt::format("{} ({})", counted(e_.inputs.size(), "fichier d'enregistrements", "fichiers d'enregistrements", "record file", "record files"),
                     counted(e_.records.size(), "enregistrement examiné", "enregistrements examinés", "record examined", "records examined")));
    std::string made = fmt::format(fmt::runtime(t("logiciel cadre {}", "cadre software {}")), esc(e_.tool_version));
    if (!e_.generated_at.empty()) made += fmt::format(fmt::runtime(t(", le {}", ", at {}")), esc(e_.generated_at));
    fact(t("Établi par", "Made by"),
         made + fmt::format(fmt::runtime(t(" — empreintes SHA-256 en annexe « Intégrité » et dans <a href=\"manifest.json\">manifest.json</a> ; "
                                           "<code>cadre audit verify</code> les contrôle",
                                           " — SHA-256 in the \"Integrity\" appendix and in <a href=\"manifest.json\">manifest.json</a>; "
                                           "<code>cadre audit verify</code> checks them"))));
    o_ += "</dl>\n</header>\n";
  }

  void summary() {
    o_ += fmt::format("<section class=\"overview\">\n<h2>{}</h2>\n<div class=\"cards\">\n", t("Synthèse", "Summary"));
    auto counts = e_.counts();
    const char* what[4][2] = {
        {"les enregistrements portent les preuves que les règles et les chiffres examinent, sans écart",
         "the records carry the evidence that rules and figures examine, without a gap"},
        {"une règle ou un chiffre relève au moins un écart, détaillé dans la section de l'indicateur",
         "a rule or a figure finds at least one gap, detailed in the indicator's section"},
        {"l'indicateur ne concerne pas les micro-certifications (apprentissage, alternance)",
         "the indicator does not concern micro-credentials (apprenticeship, work-study)"},
        {"preuves documentaires à présenter : le logiciel ne les examine pas, elles ne sont jamais réputées acquises",
         "documentary evidence to present: software does not examine it, and never counts it as met"}};
    for (std::size_t s = 0; s < kStatuses.size(); ++s)
      o_ += fmt::format("<div class=\"card {}\"><div class=\"n\">{}</div><div class=\"l\">{}</div><div class=\"d\">{}</div></div>\n",
                        status_class(kStatuses[s]), counts[s], badge(kStatuses[s], e_.lang), what[s][fr_ ? 0 : 1]);
    o_ += "</div>\n";
    o_ += fmt::format("<table class=\"overview\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                      t("N°", "No."), t("Indicateur", "Indicator"), t("Statut", "Status"), t("Pourquoi", "Why"));
    int criterion = 0;
    for (const auto& i : e_.indicators) {
      if (i.criterion != criterion) {
        criterion = i.criterion;
        o_ += fmt::format("<tr class=\"criterion\"><td colspan=\"4\">{} {} — {}</td></tr>\n", t("Critère", "Criterion"), criterion,
                          esc(criterion_title(criterion, e_.lang)));
      }
      o_ += fmt::format("<tr><td><a href=\"#indicator-{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>\n", i.number,
                        i.number, esc(i.title), badge(i.status, e_.lang), esc(i.reason));
    }
    o_ += "</tbody>\n</table>\n</section>\n";
  }

  void indicators() {
    int criterion = 0;
    for (const auto& i : e_.indicators) {
      if (i.criterion != criterion) {
        criterion = i.criterion;
        o_ += fmt::format("<h2>{} {} — {}</h2>\n", t("Critère", "Criterion"), criterion, esc(criterion_title(criterion, e_.lang)));
      }
      o_ += fmt::format("<section class=\"indicator {}\" id=\"indicator-{}\">\n", status_class(i.status), i.number);
      o_ += fmt::format("<h3><span class=\"num\">{}</span> <span>{}</span> {}</h3>\n", esc(indicator_heading(e_, i.number)),
                        esc(i.title), badge(i.status, e_.lang));
      o_ += fmt::format("<p class=\"reason\">{}</p>\n", esc(capitalised(i.reason)));
      figures(i);
      rules(i);
      if (!i.documentary.empty()) {
        o_ += fmt::format("<h4>{}</h4>\n<ul class=\"items\">\n", t("Non vérifié par le logiciel", "Not checked by software"));
        for (const auto& d : i.documentary)
          o_ += fmt::format("<li><code>{}</code> {}{}{}</li>\n", esc(d.id), esc(d.title), colon(), esc(d.because));
        o_ += "</ul>\n";
      }
      o_ += "</section>\n";
    }
  }

  static std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s + ".";
  }

  void figures(const IndicatorEvidence& i) {
    if (i.figures.empty()) return;
    o_ += fmt::format("<h4>{}</h4>\n<table>\n<thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
                      t("Chiffres", "Figures"), t("Chiffre", "Figure"), t("Numérateur", "Numerator"), t("Dénominateur", "Denominator"),
                      t("Valeur", "Value"));
    for (const auto& id : i.figures) {
      const Figure* f = e_.figure(id);
      if (!f) continue;
      std::string mark = f->shortfall() ? " <span class=\"badge shortfall\">✗</span>" : "";
      o_ += fmt::format("<tr><td><strong>{}</strong>{}<br><span class=\"note\">{} / {}. {}</span></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                        esc(f->label), mark, esc(f->numerator_label), esc(f->denominator_label), with_code(f->definition),
                        format_number(f->total.numerator, e_.lang), format_number(f->total.denominator, e_.lang),
                        format_value(*f, f->total, e_.lang));
    }
    o_ += "</tbody>\n</table>\n";
    for (const auto& id : i.figures) {
      const Figure* f = e_.figure(id);
      if (!f) continue;
      bool home = chart_home_[id] == i.number;
      if (home && f->kind != Figure::Kind::Gap) chart(*f);
      if (!f->breakdown.empty() && home) {
        o_ += fmt::format("<p class=\"note\">{}{}</p>\n<ul class=\"items\">\n", esc(f->breakdown_label), colon());
        for (const auto& [label, n] : f->breakdown) o_ += fmt::format("<li>{}{}{}</li>\n", esc(label), colon(), n);
        o_ += "</ul>\n";
      }
      if (!f->gaps.empty() && home) {
        o_ += fmt::format("<p class=\"note\">{}{}</p>\n<ul class=\"items\">\n", esc(f->label), colon());
        for (const auto& g : f->gaps)
          o_ += fmt::format("<li>{} {} — {}</li>\n", link(g.where), record_link(g.where.file, g.record), with_code(g.detail));
        o_ += "</ul>\n";
      } else if (!f->gaps.empty()) {
        o_ += fmt::format("<p class=\"note\">{} <a href=\"#indicator-{}\">{}</a>.</p>\n",
                          esc(fmt::format(fmt::runtime(t("Les {} écarts de « {} » sont détaillés sous l'", "The {} gaps of \"{}\" are listed under ")),
                                          f->gaps.size(), f->label)),
                          chart_home_[id], esc(indicator_heading(e_, chart_home_[id])));
      }
    }
  }

  // Per course, each followed by its sessions, when they fit; a distribution over courses otherwise.
  void chart(const Figure& f) {
    bool mean = f.kind == Figure::Kind::Mean;
    double max = mean ? 5 : 1;
    std::vector<Bar> bars;
    std::size_t measured_sessions = 0;
    for (const auto& s : f.sessions)
      if (s.value.denominator > 0) ++measured_sessions;
    std::size_t measured_courses = 0;
    for (const auto& c : f.courses)
      if (c.value.denominator > 0) ++measured_courses;
    if (measured_courses == 0) return;
    std::string title;
    if (measured_courses + measured_sessions <= 36) {
      for (const auto& c : f.courses) {
        if (c.value.denominator <= 0) continue;
        auto text = [&](const Ratio& r) {
          return fmt::format("{} ({}/{})", format_value(f, r, e_.lang), format_number(r.numerator, e_.lang),
                             format_number(r.denominator, e_.lang));
        };
        bars.push_back({c.id, c.value.numerator / c.value.denominator, text(c.value), true});
        for (const auto& s : f.sessions)
          if (s.course == c.id && s.value.denominator > 0)
            bars.push_back({"  " + s.id, s.value.numerator / s.value.denominator, text(s.value), false});
      }
      for (auto& b : bars)
        if (mean) b.value = std::min(b.value, 5.0);
      title = fmt::format(fmt::runtime(t("{} par formation (en gras) et par session", "{} per course (bold) and per session")), f.label);
    } else {
      // Ten bands of the value; how many courses fall in each.
      std::vector<std::size_t> bands(10, 0);
      for (const auto& c : f.courses) {
        if (c.value.denominator <= 0) continue;
        double share = c.value.numerator / c.value.denominator / max;
        std::size_t k = std::min<std::size_t>(9, static_cast<std::size_t>(std::max(0.0, share) * 10));
        ++bands[k];
      }
      std::size_t most = *std::max_element(bands.begin(), bands.end());
      for (std::size_t k = 0; k < 10; ++k) {
        std::string label = mean ? fmt::format("{} – {}", format_number(0.5 * static_cast<double>(k), e_.lang),
                                               format_number(0.5 * static_cast<double>(k + 1), e_.lang))
                                 : fmt::format("{} – {} %", 10 * k, 10 * (k + 1));
        std::string count = bands[k] == 1 ? t("1 formation", "1 course")
                                          : fmt::format(fmt::runtime(t("{} formations", "{} courses")), bands[k]);
        bars.push_back({label, static_cast<double>(bands[k]), count, true});
      }
      max = static_cast<double>(std::max<std::size_t>(most, 1));
      title = fmt::format(fmt::runtime(t("{} : répartition des {} formations", "{}: distribution of the {} courses")), f.label,
                          measured_courses);
      o_ += fmt::format("<figure><figcaption>{}</figcaption>{}</figure>\n", esc(title),
                        bar_chart(title, bars, max, std::to_string(static_cast<std::size_t>(max))));
      return;
    }
    o_ += fmt::format("<figure><figcaption>{}</figcaption>{}</figure>\n", esc(title),
                      bar_chart(title, bars, max, mean ? "5" : "100 %"));
  }

  void rules(const IndicatorEvidence& i) {
    if (i.rules.empty()) return;
    o_ += fmt::format("<h4>{}</h4>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th>"
                      "<th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead>\n<tbody>\n",
                      t("Règles", "Rules"), t("Règle", "Rule"), t("Porte sur", "Judges"), t("Jugés", "Judged"),
                      t("Sans constat", "Passed"), t("En défaut", "Failed"), t("Indécis", "Undecided"),
                      t("Par dérogation", "Waived"));
    for (const auto& id : i.rules) {
      const RuleResult* r = e_.rule(id);
      if (!r) continue;
      std::string mark = r->shortfall() ? " <span class=\"badge shortfall\">✗</span>" : "";
      o_ += fmt::format("<tr><td><code>{}</code>{}<br>{} <span class=\"note\">({}, {})</span></td><td>{}</td><td class=\"n\">{}</td>"
                        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                        esc(r->id), mark, esc(r->title), esc(r->pack), severity_text(r->severity), esc(kind_label(r->subject, e_.lang)), r->judged,
                        r->noted ? fmt::format(fmt::runtime(e_.lang == "fr" ? "{} (+{} pour information)" : "{} (+{} info)"), r->passed, r->noted)
                                 : std::to_string(r->passed),
                        r->failed, r->undecided, r->waived);
    }
    o_ += "</tbody>\n</table>\n";
    bool any = false;
    for (const auto& id : i.rules)
      if (const RuleResult* r = e_.rule(id); r && !r->findings.empty()) any = true;
    if (!any) return;
    o_ += fmt::format("<p class=\"note\">{}</p>\n<ul class=\"items\">\n", t("Constats :", "Findings:"));
    for (const auto& id : i.rules) {
      const RuleResult* r = e_.rule(id);
      if (!r) continue;
      for (const auto& f : r->findings)
        o_ += fmt::format("<li>{} <span class=\"sev-{}\">{}</span> <code>{}</code> {} <code>{}</code> — {}{}</li>\n", link(f.where),
                          esc(f.severity), severity_text(f.severity), esc(f.rule), record_link(f.where.file, f.record),
                          esc(f.pointer), esc(f.message), waiver_note(f));
    }
    o_ += "</ul>\n";
  }

  // A waived finding stays listed, with the waiver that accepts it (never hidden).
  std::string waiver_note(const FindingRef& f) const {
    if (f.waiver.empty()) return {};
    return fmt::format(" <span class=\"note\">— {} : {} ({}, {} {})</span>", t("dérogation", "waiver"), esc(f.waiver),
                       esc(f.waiver_approved_by), t("jusqu'au", "until"), esc(f.waiver_expires));
  }

  std::string severity_text(const std::string& severity) const {
    if (!fr_) return severity;
    if (severity == "error") return "erreur";
    if (severity == "warning") return "avertissement";
    return "information";
  }

  void appendix() {
    o_ += fmt::format("<section class=\"appendix\">\n<h2>{}</h2>\n", t("Annexe — chiffres par formation et par session",
                                                                       "Appendix — figures per course and per session"));
    // Short column heads, so that the table fits an A4 page.
    const char* columns[][3] = {{"completion-rate", "Achèvement", "Completion"},
                                {"dropout-rate", "Abandon", "Drop-out"},
                                {"satisfaction-mean", "Satisfaction /5", "Satisfaction /5"},
                                {"response-rate", "Réponse aux enquêtes", "Survey response"},
                                {"success-rate", "Obtention", "Success"}};
    std::vector<const Figure*> shown;
    std::vector<std::string> heads;
    for (const auto& c : columns)
      if (const Figure* f = e_.figure(c[0])) {
        shown.push_back(f);
        heads.push_back(fr_ ? c[1] : c[2]);
      }
    if (shown.empty() || shown.front()->sessions.empty()) {
      o_ += fmt::format("<p>{}</p>\n", t("Aucune session parmi les entrées.", "No session among the inputs."));
    } else {
      auto table = [&](const char* first_fr, const char* first_en, auto rows_of) {
        o_ += fmt::format("<table>\n<thead><tr><th>{}</th>", t(first_fr, first_en));
        for (const auto& h : heads) o_ += fmt::format("<th class=\"n\">{}</th>", esc(h));
        o_ += "</tr></thead>\n<tbody>\n";
        std::size_t rows = rows_of(*shown.front()).size();
        for (std::size_t k = 0; k < rows; ++k) {
          const FigureRow& first = rows_of(*shown.front())[k];
          o_ += "<tr><td class=\"id\">" + esc(first.course.empty() ? course_with_title(e_, first.id) : first.id) + "</td>";
          for (const auto* f : shown) {
            const Ratio& r = rows_of(*f)[k].value;
            o_ += fmt::format("<td class=\"n\">{} <span class=\"note\">{}/{}</span></td>", format_value(*f, r, e_.lang),
                              format_number(r.numerator, e_.lang), format_number(r.denominator, e_.lang));
          }
          o_ += "</tr>\n";
        }
        o_ += "</tbody>\n</table>\n";
      };
      table("Formation", "Course", [](const Figure& f) -> const std::vector<FigureRow>& { return f.courses; });
      table("Session", "Session", [](const Figure& f) -> const std::vector<FigureRow>& { return f.sessions; });
    }
    o_ += fmt::format("<h2>{}</h2>\n<table>\n<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                      t("Annexe — enregistrements examinés", "Appendix — records examined"), t("Position", "Position"),
                      t("Type", "Kind"), t("Identifiant", "Id"), t("Résultat des règles", "Rule results"));
    for (std::size_t k = 0; k < e_.records.size(); ++k) {
      const auto& r = e_.records[k];
      o_ += fmt::format("<tr id=\"record-{}\"><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", k + 1, k + 1,
                        link(r.where), esc(kind_label(r.kind, e_.lang)), esc(r.kind == "course" ? course_with_title(e_, r.id) : r.id) + shared_part(r),
                        record_status(r));
    }
    o_ += "</tbody>\n</table>\n";
    // So that a printed pack can be matched to its files: `sha256sum FILE` gives the same.
    o_ += fmt::format("<h2 id=\"integrity\">{}</h2>\n<p>{}</p>\n<table class=\"integrity\">\n<thead><tr><th>{}</th><th>SHA-256</th></tr></thead>\n<tbody>\n",
                      t("Annexe — Intégrité", "Appendix — Integrity"),
                      esc(locale::typography(integrity_sentence(e_, false), e_.lang)),
                      t("Fichier", "File"));
    for (const auto& [path, hash] : e_.input_hashes)
      o_ += fmt::format("<tr><td>{}</td><td><code>{}</code></td></tr>\n", esc(path), hash);
    o_ += "</tbody>\n</table>\n</section>\n";
  }

  /// A session shared with other universities: which of its trainees this pack covers.
  std::string shared_part(const RecordRef& r) const {
    if (!r.partial) return "";
    std::string who;
    for (const auto& id : r.trainees) who += (who.empty() ? "" : ", ") + id;
    bool many = r.trainees.size() > 1;
    std::string line =
        r.trainees.empty() ? t("session partagée : ses enquêtes, réclamations et jury, aucun stagiaire de cet organisme",
                               "shared session: its surveys, complaints and jury, no trainee of this provider")
        : fr_ ? fmt::format("session partagée : {} {} de ce dossier", many ? "seuls " + who : "seul " + who, many ? "relèvent" : "relève")
              : fmt::format("shared session: only {} {} in this pack", who, many ? "are" : "is");
    return "<br><span class=\"note\">" + esc(locale::typography(line, e_.lang)) + "</span>";
  }

  std::string record_status(const RecordRef& r) const {
    if (r.status == "pass") return t("sans constat", "no finding");
    if (r.status == "fail") {
      std::size_t n = 0;
      for (const auto& rule : e_.rules_run)
        for (const auto& f : rule.findings)
          if (f.where.file == r.where.file && f.record == r.id && f.waiver.empty()) ++n;
      if (n == 0) return "<span class=\"sev-error\">" + t("en défaut", "failed") + "</span>";
      return "<span class=\"sev-error\">" +
             locale::count(static_cast<double>(n), e_.lang, fr_ ? "constat" : "finding", fr_ ? "constats" : "findings") + "</span>";
    }
    if (r.status == "waived") return t("dérogation", "waived");
    return esc(r.status);
  }

  const Evidence& e_;
  bool fr_;
  std::string o_;
  std::map<std::string, std::size_t> record_anchor_;
  std::map<std::string, int> chart_home_;
};

}  // namespace

// French punctuation over the whole page (no-break spaces before « : ; ! ? » and inside
// « guillemets »), record titles and quoted values included: one pass rather than one call per
// sentence, so no sentence is missed. The style sheet has no space before its colons.
std::string write_html(const Evidence& evidence) { return locale::typography(HtmlWriter(evidence).render(), evidence.lang); }

}  // namespace cadre::audit
