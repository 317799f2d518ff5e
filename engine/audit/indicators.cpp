// SPDX-License-Identifier: Apache-2.0
#include "engine/audit/indicators.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace cadre::audit {

namespace {

// The 7 criteria of the national quality framework (décret 2019-565, art. R. 6316-1) and
// the last indicator of each. Not in the qualiopi-v9 pack: the .cadre language declares
// indicators, not criteria.
struct Criterion {
  int last;
  const char* title[2];  // fr, en
};
const Criterion kCriteria[] = {
    {3, {"Information du public", "Public information"}},
    {8, {"Objectifs et conception des prestations", "Objectives and design of the courses"}},
    {16, {"Accueil, accompagnement, suivi et évaluation", "Reception, support, follow-up and assessment"}},
    {20, {"Moyens pédagogiques, techniques et d'encadrement", "Teaching, technical and supervisory resources"}},
    {22, {"Compétences des personnels", "Staff competences"}},
    {29, {"Environnement professionnel", "Professional environment"}},
    {32, {"Appréciations et réclamations", "Feedback and complaints"}},
};

// Indicators that never apply to micro-credentials (rules/qualiopi-v9/indicators.cadre says so
// in its header; the .cadre language has no syntax for applicability, so the table is here).
// 14, 15, 20 and 29 apply to apprentice training centres (CFA) only; 13 to work-study
// (alternance) and CFAs. Micro-credentials are short courses delivered at a distance (§3),
// never through apprenticeship. Indicator 28 (work-based learning partners) is conditional
// too, but a course could include a period at work: it stays "not checked by software".
struct NotApplicable {
  int indicator;
  const char* because[2];
};
const NotApplicable kNotApplicable[] = {
    {13, {"concerne l'alternance et les CFA ; les micro-certifications, suivies à distance (§3), ne se préparent pas en alternance",
          "concerns work-study and apprentice training centres (CFA); micro-credentials, followed at a distance (§3), are not "
          "prepared through work-study"}},
    {14, {"concerne les seuls centres de formation d'apprentis (CFA) ; les micro-certifications ne se préparent pas en apprentissage",
          "concerns apprentice training centres (CFA) only; micro-credentials are not prepared through apprenticeship"}},
    {15, {"concerne les seuls centres de formation d'apprentis (CFA) ; les micro-certifications ne se préparent pas en apprentissage",
          "concerns apprentice training centres (CFA) only; micro-credentials are not prepared through apprenticeship"}},
    {20, {"concerne les seuls centres de formation d'apprentis (CFA) ; les micro-certifications ne se préparent pas en apprentissage",
          "concerns apprentice training centres (CFA) only; micro-credentials are not prepared through apprenticeship"}},
    {29, {"concerne les seuls centres de formation d'apprentis (CFA) ; les micro-certifications ne se préparent pas en apprentissage",
          "concerns apprentice training centres (CFA) only; micro-credentials are not prepared through apprenticeship"}},
};

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}

// "1 règle" / "2 règles": French and English plurals agree on these words.
std::string counted(std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

}  // namespace

int criterion_of(int indicator) {
  for (std::size_t i = 0; i < std::size(kCriteria); ++i)
    if (indicator <= kCriteria[i].last) return static_cast<int>(i) + 1;
  return 0;
}

std::string criterion_title(int criterion, const std::string& lang) {
  if (criterion < 1 || criterion > static_cast<int>(std::size(kCriteria))) return {};
  return kCriteria[criterion - 1].title[lang == "fr" ? 0 : 1];
}

std::optional<std::string> not_applicable_because(int indicator, const std::string& lang) {
  for (const auto& n : kNotApplicable)
    if (n.indicator == indicator) return std::string(n.because[lang == "fr" ? 0 : 1]);
  return std::nullopt;
}

std::vector<IndicatorEvidence> judge_indicators(const catalog::Catalog& catalog, const std::vector<RuleResult>& rules,
                                                const std::vector<Figure>& figures, const std::string& lang) {
  bool fr = lang == "fr";
  std::vector<IndicatorEvidence> out;
  for (const auto& ind : catalog.indicators) {
    IndicatorEvidence e;
    e.number = ind.number;
    e.criterion = criterion_of(ind.number);
    e.title = ast::text_in(ind.titles, lang);
    for (const auto& id : ind.unchecked)
      if (const auto* entry = catalog.find(id))
        e.documentary.push_back({id, ast::text_in(entry->decl->titles, lang), ast::text_in(entry->decl->because, lang)});
    if (auto because = not_applicable_because(ind.number, lang)) {
      e.status = Status::NotApplicable;
      e.reason = *because;
      out.push_back(std::move(e));
      continue;
    }

    std::size_t judged = 0, failing_findings = 0;
    std::vector<std::string> failing_rules;
    std::set<std::string> idle_kinds;
    bool left_out = false;
    for (const auto& id : ind.rules) {
      auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleResult& r) { return r.id == id; });
      if (it == rules.end()) continue;
      e.rules.push_back(id);
      judged += it->judged;
      if (it->judged == 0) idle_kinds.insert(it->subject);
      if (it->judged == 0 && it->not_applicable > 0) left_out = true;  // records there, but its `when` excluded them
      if (it->shortfall()) {
        failing_rules.push_back(id);
        failing_findings += static_cast<std::size_t>(std::count_if(
            it->findings.begin(), it->findings.end(), [](const FindingRef& f) { return f.waiver.empty(); }));
      }
    }
    std::size_t measured = 0;
    double gaps = 0;
    std::vector<std::string> gap_figures;
    for (const auto& f : figures) {
      if (std::find(f.indicators.begin(), f.indicators.end(), ind.number) == f.indicators.end()) continue;
      e.figures.push_back(f.id);
      if (f.total.denominator > 0) ++measured;
      if (f.shortfall()) {
        gaps += f.total.numerator;
        gap_figures.push_back(f.label);
      }
    }

    if (e.rules.empty() && e.figures.empty()) {
      e.status = Status::NotChecked;
      e.reason = fr ? "aucune règle ni aucun chiffre des packs ne le couvre : il relève de preuves documentaires, "
                      "à présenter à l'auditeur"
                    : "no rule and no figure of the packs covers it: it calls for documentary evidence, to show the auditor";
    } else if (judged == 0 && measured == 0) {
      e.status = Status::NotChecked;
      std::vector<std::string> kinds(idle_kinds.begin(), idle_kinds.end());
      std::string what = kinds.empty() ? std::string{} : joined(kinds);
      if (fr)
        e.reason = e.rules.empty() ? "ses chiffres n'ont rien à compter dans les enregistrements donnés"
                   : left_out      ? fmt::format("ses règles ne s'appliquent à aucun des enregistrements « {} » donnés (leurs "
                                                 "conditions `when` les écartent){}", what,
                                                 e.figures.empty() ? "" : ", et ses chiffres n'ont rien à compter")
                                   : fmt::format("ses règles jugent des enregistrements « {} », absents de ce dossier{}", what,
                                                 e.figures.empty() ? "" : ", et ses chiffres n'ont rien à compter");
      else
        e.reason = e.rules.empty() ? "its figures have nothing to count in the records given"
                   : left_out      ? fmt::format("its rules apply to none of the `{}` records given (their `when` conditions "
                                                 "leave them out){}", what,
                                                 e.figures.empty() ? "" : ", and its figures have nothing to count")
                                   : fmt::format("its rules judge `{}` records, none of which is in this pack{}", what,
                                                 e.figures.empty() ? "" : ", and its figures have nothing to count");
    } else if (!failing_rules.empty() || gaps > 0) {
      e.status = Status::Shortfall;
      std::vector<std::string> parts;
      if (!failing_rules.empty())
        parts.push_back(fr ? fmt::format("{} : {}", counted(failing_findings, "constat", "constats"), joined(failing_rules))
                           : fmt::format("{}: {}", counted(failing_findings, "finding", "findings"), joined(failing_rules)));
      if (gaps > 0)
        parts.push_back(fr ? fmt::format("{} {} : {}", format_number(gaps, lang), gaps == 1 ? "écart compté" : "écarts comptés",
                                         joined(gap_figures))
                           : fmt::format("{} {} counted: {}", format_number(gaps, lang), gaps == 1 ? "gap" : "gaps",
                                         joined(gap_figures)));
      e.reason = joined(parts, fr ? " ; " : "; ");
    } else {
      e.status = Status::Evidenced;
      std::vector<std::string> parts;
      if (judged > 0)
        parts.push_back(fr ? fmt::format("{} sans constat ({})", counted(judged, "vérification", "vérifications"),
                                         counted(e.rules.size(), "règle", "règles"))
                           : fmt::format("{} without a finding ({})", counted(judged, "check", "checks"),
                                         counted(e.rules.size(), "rule", "rules")));
      if (measured > 0)
        parts.push_back(fr ? fmt::format("{} sans écart", counted(measured, "chiffre", "chiffres"))
                           : fmt::format("{} without a gap", counted(measured, "figure", "figures")));
      e.reason = joined(parts, fr ? " ; " : "; ");
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace cadre::audit
