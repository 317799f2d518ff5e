// SPDX-License-Identifier: Apache-2.0
#include "engine/audit/evidence.hpp"

#include <fmt/format.h>

#include "engine/base/locale_format.hpp"

#include "engine/audit/writers.hpp"

#include <cmath>

#include <fmt/format.h>

namespace cadre::audit {

const char* status_id(Status s) {
  switch (s) {
    case Status::Evidenced: return "evidenced";
    case Status::Shortfall: return "shortfall";
    case Status::NotApplicable: return "not-applicable";
    case Status::NotChecked: return "not-checked";
  }
  return "?";
}

std::string status_label(Status s, const std::string& lang) {
  bool fr = lang == "fr";
  switch (s) {
    case Status::Evidenced: return fr ? "Preuves réunies" : "Evidenced";
    case Status::Shortfall: return fr ? "Écart" : "Shortfall";
    case Status::NotApplicable: return fr ? "Non applicable" : "Not applicable";
    case Status::NotChecked: return fr ? "Non vérifié par le logiciel" : "Not checked by software";
  }
  return "?";
}

const RuleResult* Evidence::rule(const std::string& id) const {
  for (const auto& r : rules_run)
    if (r.id == id) return &r;
  return nullptr;
}

const Figure* Evidence::figure(const std::string& id) const {
  for (const auto& f : figures)
    if (f.id == id) return &f;
  return nullptr;
}

std::array<std::size_t, 4> Evidence::counts() const {
  std::array<std::size_t, 4> out{};
  for (const auto& i : indicators) ++out[static_cast<std::size_t>(i.status)];
  return out;
}

namespace {

// Fixed decimals, with a decimal comma in French.
std::string decimals(double x, int places, const std::string& lang) {
  std::string s = fmt::format("{:.{}f}", x, places);
  if (s == "-0" || s.rfind("-0.", 0) == 0) {
    bool zero = s.find_first_not_of("-0.") == std::string::npos;
    if (zero) s.erase(0, 1);
  }
  if (lang == "fr")
    for (auto& c : s)
      if (c == '.') c = ',';
  return s;
}

}  // namespace

std::string format_number(double x, const std::string& lang) {
  if (std::floor(x) == x && std::fabs(x) < 1e15) return fmt::format("{}", static_cast<long long>(x));
  return decimals(x, 2, lang);
}

std::string format_value(const Figure& f, const Ratio& r, const std::string& lang) {
  if (r.denominator <= 0) return "—";
  double v = r.numerator / r.denominator;
  if (f.kind == Figure::Kind::Mean) return decimals(v, 2, lang);
  // French puts a (no-break) space before the percent sign.
  return decimals(100 * v, 1, lang) + (lang == "fr" ? "\u00a0%" : "%");
}

std::string indicator_heading(const Evidence& e, int number) {
  return fmt::format("{} {}", e.lang == "fr" ? "Indicateur" : "Indicator", number);
}

std::string severity_label(const std::string& severity, const std::string& lang) {
  if (lang != "fr") return severity;
  if (severity == "error") return "erreur";
  if (severity == "warning") return "avertissement";
  if (severity == "info") return "information";
  return severity;
}

std::string kind_label(const std::string& kind, const std::string& lang) {
  bool fr = lang == "fr";
  if (kind == "course") return fr ? "formation" : "course";
  if (kind == "session") return "session";
  if (kind == "certificate") return fr ? "certificat" : "certificate";
  if (kind == "pathway") return fr ? "parcours" : "pathway";
  if (kind == "transcript") return fr ? "relevé" : "transcript";
  if (kind == "exceptions") return fr ? "dérogations" : "exceptions";
  if (kind == "waivers") return fr ? "dérogations aux règles" : "waivers";
  return kind;
}

std::string course_with_title(const Evidence& e, const std::string& course) {
  auto it = e.course_titles.find(course);
  return it == e.course_titles.end() ? course : course + " " + it->second;
}

std::string integrity_sentence(const Evidence& e, bool markdown) {
  bool fr = e.lang == "fr";
  std::string manifest = markdown ? "`manifest.json`" : "manifest.json";
  std::string out = fr ? fmt::format("Empreinte SHA-256 de chaque entrée dont ce dossier tient ses enregistrements, telle que lue "
                                     "(« sha256sum FICHIER » la recalcule ; aussi dans {}).", manifest)
                       : fmt::format("SHA-256 of each input this pack's records come from, as read (\"sha256sum FILE\" "
                                     "recomputes it; also in {}).", manifest);
  if (e.inputs_out_of_scope > 0) {
    double n = static_cast<double>(e.inputs_out_of_scope);
    out += fr ? fmt::format(" {} {} lu{}, sans enregistrement de cet organisme : {} exclu{} du dossier ; {} empreinte{} figure{} dans {}.",
                            locale::count(n, "fr", "autre fichier", "autres fichiers"), n < 2 ? "a été" : "ont été",
                            n < 2 ? "" : "s", n < 2 ? "il est" : "ils sont", n < 2 ? "" : "s",
                            n < 2 ? "son" : "leurs", n < 2 ? "" : "s", n < 2 ? "" : "nt", manifest)
              : fmt::format(" {} read, holding no record of this provider: {} left out of the pack; {} SHA-256 {} in {}.",
                            locale::count(n, "en", "other file was", "other files were"),
                            n == 1 ? "it is" : "they are", n == 1 ? "its" : "their", n == 1 ? "is" : "are", manifest);
  }
  return out;
}

std::string scope_sentence(const Evidence& e) {
  bool fr = e.lang == "fr";
  if (!e.provider.empty())
    return fr ? fmt::format("Dossier restreint à un organisme, {} : ses formations (comme université productrice) et leurs "
                            "sessions, les stagiaires sous contrat avec lui dans toute session (ceux des autres universités "
                            "en sont exclus), ses certificats",
                            e.provider_name)
              : fmt::format("Pack restricted to one provider, {}: its courses (as producing university) and their sessions, "
                            "the trainees under contract with it in any session (other universities' trainees are left out), "
                            "its certificates",
                            e.provider_name);
  std::string list;
  for (const auto& u : e.scope.universities) list += (list.empty() ? "" : ", ") + u;
  if (e.scope.universities.size() <= 1)
    return fr ? fmt::format("Un seul organisme : {}", list.empty() ? "non indiqué" : list)
              : fmt::format("One provider: {}", list.empty() ? "not given" : list);
  return fr ? fmt::format("Ce dossier couvre {} : {}. Qualiopi certifie chaque organisme séparément : "
                          "« cadre audit --provider NOM » donne le dossier d'un seul",
                          locale::count(static_cast<double>(e.scope.universities.size()), "fr", "université", "universités"), list)
            : fmt::format("This pack spans {}: {}. Qualiopi certifies each provider separately: "
                          "\"cadre audit --provider NAME\" gives the pack of one",
                          locale::count(static_cast<double>(e.scope.universities.size()), "en", "university", "universities"), list);
}

}  // namespace cadre::audit
