// SPDX-License-Identifier: Apache-2.0
#include "engine/credentials/vocabularies.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace cadre::credentials {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool contains_any(const std::string& haystack, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return haystack.find(n) != std::string::npos; });
}

struct Concept {
  std::string_view uri;    // the concept's URI
  std::string_view value;  // the certificate's enumeration value
};

// Learning modes, http://data.europa.eu/snb/learning-assessment/25831c2 (the concepts the EC's
// EDC examples use; "Project based" states no form of participation).
constexpr std::array kModes{
    Concept{"http://data.europa.eu/snb/learning-assessment/920fbb3cbe", "online"},     // Online
    Concept{"http://data.europa.eu/snb/learning-assessment/e92d221e4d", "blended"},    // Blended
    Concept{"http://data.europa.eu/snb/learning-assessment/9191af2ed9", "onsite"},     // Presential
};

// Supervision and verification, http://data.europa.eu/snb/supervision-verification/25831c2.
constexpr std::array kSupervision{
    Concept{"http://data.europa.eu/snb/supervision-verification/c598449d64", "unsupervised"},  // Unsupervised without ID Verification
    Concept{"http://data.europa.eu/snb/supervision-verification/df2880c5cb", "unsupervised"},  // Unsupervised with ID verification
    Concept{"http://data.europa.eu/snb/supervision-verification/70be69aaf9", "supervised_onsite"},  // Supervised with ID Verification
};

template <std::size_t N>
std::optional<std::string> by_uri(const std::array<Concept, N>& table, std::string_view uri) {
  for (const auto& c : table)
    if (c.uri == uri) return std::string(c.value);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> participation_of(std::string_view uri_or_label) {
  if (auto v = by_uri(kModes, uri_or_label)) return v;
  std::string l = lower(uri_or_label);
  // Labels: en, fr, es, it, de, nl, pt; edubadges participationType ("onsite or blended" is
  // blended: not wholly online, not only on site).
  bool online = contains_any(l, {"online", "on-line", "en ligne", "distance", "distancia", "a distanza", "fern"});
  bool onsite = contains_any(l, {"onsite", "on-site", "on site", "face-to-face", "face to face", "in person",
                                 "presential", "presencial", "présentiel", "presentiel", "presenziale", "präsenz",
                                 "sur site", "classroom", "in presenza"});
  if (contains_any(l, {"blended", "hybrid", "hybride", "mixto", "mixte", "misto", "semipresencial", "gemischt"}) ||
      (online && onsite))
    return "blended";
  if (online) return "online";
  if (onsite) return "onsite";
  return std::nullopt;
}

std::optional<std::string> supervision_of(std::string_view uri_or_label) {
  if (auto v = by_uri(kSupervision, uri_or_label)) return v;
  std::string l = lower(uri_or_label);
  if (contains_any(l, {"unsupervised", "not supervised", "non supervisé", "sin supervisión", "sans surveillance"}))
    return "unsupervised";
  bool no_id = contains_any(l, {"without id", "no id", "without identity", "no identity", "sans vérification",
                                "sin verificación"});
  if (no_id) return "supervised_no_id";
  if (contains_any(l, {"online", "remote", "proctor", "en ligne", "à distance"})) return "proctored_online";
  if (contains_any(l, {"onsite", "on-site", "on site", "in person", "sur site", "supervised", "supervisado",
                       "surveillé", "with id", "identity verification", "verificación de la identidad"}))
    return "supervised_onsite";
  return std::nullopt;
}

bool is_ects_framework(std::string_view uri_or_label) {
  // http://data.europa.eu/snb/education-credit/6fcec5c5af is "European Credit Transfer and
  // Accumulation System" in the EU education-credit vocabulary.
  std::string l = lower(uri_or_label);
  return l.find("education-credit/6fcec5c5af") != std::string::npos ||
         contains_any(l, {"ects", "european credit transfer"});
}

bool names_eqf(std::string_view uri_or_label) {
  std::string l = lower(uri_or_label);
  return l == "eqf" || l == "ext:eqf" || l.find("data.europa.eu/snb/eqf/") != std::string::npos ||
         contains_any(l, {"eqf ", "(eqf)", "european qualifications framework"});
}

bool names_quality_assurance(std::string_view uri_or_label) {
  std::string l = lower(uri_or_label);
  return l == "ext:qualityassurance" || l.find("data.europa.eu/snb/accreditation/") != std::string::npos ||
         contains_any(l, {"quality assurance", "qualityassurance", "accreditation"});
}

bool names_competence(std::string_view target_type, std::string_view framework, std::string_view url) {
  std::string type = lower(target_type);
  // Open Badges 3.0 AlignmentTargetType (§B.1.3): ceasn:Competency, ceterms:Credential,
  // CFItem, CFRubric, CFRubricCriterion, CFRubricCriterionLevel, CTDL; `ext:` extensions.
  // Competencies, CASE framework items and ESCO skills are competences; a credential or a
  // rubric is not.
  if (!type.empty()) return type == "ceasn:competency" || type == "cfitem" || type == "ext:skill" ||
                            type == "ext:competence" || type == "ext:escoskill";
  std::string u = lower(url), f = lower(framework);
  if (u.find("data.europa.eu/esco/skill/") != std::string::npos) return true;
  if (names_eqf(f) || names_eqf(u) || names_quality_assurance(f)) return false;
  return true;  // an untyped alignment: OB 3.0's default reading is a competency framework item
}

constexpr std::string_view kAlpha3To2 =
    "ABWAWAFGAFAGOAOAIAAIALAAXALBALANDADAREAEARGARARMAMASMASATAAQATFTFATGAGAUSAU"
    "AUTATAZEAZBDIBIBELBEBENBJBESBQBFABFBGDBDBGRBGBHRBHBHSBSBIHBABLMBLBLRBYBLZBZ"
    "BMUBMBOLBOBRABRBRBBBBRNBNBTNBTBVTBVBWABWCAFCFCANCACCKCCCHECHCHLCLCHNCNCIVCI"
    "CMRCMCODCDCOGCGCOKCKCOLCOCOMKMCPVCVCRICRCUBCUCUWCWCXRCXCYMKYCYPCYCZECZDEUDE"
    "DJIDJDMADMDNKDKDOMDODZADZECUECEGYEGERIERESHEHESPESESTEEETHETFINFIFJIFJFLKFK"
    "FRAFRFROFOFSMFMGABGAGBRGBGEOGEGGYGGGHAGHGIBGIGINGNGLPGPGMBGMGNBGWGNQGQGRCGR"
    "GRDGDGRLGLGTMGTGUFGFGUMGUGUYGYHKGHKHMDHMHNDHNHRVHRHTIHTHUNHUIDNIDIMNIMINDIN"
    "IOTIOIRLIEIRNIRIRQIQISLISISRILITAITJAMJMJEYJEJORJOJPNJPKAZKZKENKEKGZKGKHMKH"
    "KIRKIKNAKNKORKRKWTKWLAOLALBNLBLBRLRLBYLYLCALCLIELILKALKLSOLSLTULTLUXLULVALV"
    "MACMOMAFMFMARMAMCOMCMDAMDMDGMGMDVMVMEXMXMHLMHMKDMKMLIMLMLTMTMMRMMMNEMEMNGMN"
    "MNPMPMOZMZMRTMRMSRMSMTQMQMUSMUMWIMWMYSMYMYTYTNAMNANCLNCNERNENFKNFNGANGNICNI"
    "NIUNUNLDNLNORNONPLNPNRUNRNZLNZOMNOMPAKPKPANPAPCNPNPERPEPHLPHPLWPWPNGPGPOLPL"
    "PRIPRPRKKPPRTPTPRYPYPSEPSPYFPFQATQAREUREROURORUSRURWARWSAUSASDNSDSENSNSGPSG"
    "SGSGSSHNSHSJMSJSLBSBSLESLSLVSVSMRSMSOMSOSPMPMSRBRSSSDSSSTPSTSURSRSVKSKSVNSI"
    "SWESESWZSZSXMSXSYCSCSYRSYTCATCTCDTDTGOTGTHATHTJKTJTKLTKTKMTMTLSTLTONTOTTOTT"
    "TUNTNTURTRTUVTVTWNTWTZATZUGAUGUKRUAUMIUMURYUYUSAUSUZBUZVATVAVCTVCVENVEVGBVG"
    "VIRVIVNMVNVUTVUWLFWFWSMWSYEMYEZAFZAZMBZMZWEZW";

std::string country_code(const std::string& written) {
  std::string code =
      written.substr(written.find_last_of("/#") == std::string::npos ? 0 : written.find_last_of("/#") + 1);
  std::string upper = code;
  for (auto& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  bool letters = !upper.empty() && std::all_of(upper.begin(), upper.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (letters && upper.size() == 2) return upper;
  if (letters && upper.size() == 3) {
    std::size_t lo = 0, hi = kAlpha3To2.size() / 5;
    while (lo < hi) {
      std::size_t mid = (lo + hi) / 2;
      int cmp = kAlpha3To2.substr(mid * 5, 3).compare(upper);
      if (cmp == 0) return std::string(kAlpha3To2.substr(mid * 5 + 3, 2));
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  }
  return written;
}

}  // namespace cadre::credentials
