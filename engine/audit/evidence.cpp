#include "engine/audit/evidence.hpp"

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

}  // namespace cadre::audit
