#include "engine/credentials/credentials.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string_view>

#include <fmt/format.h>

namespace cadre::credentials {
using record::Value;

namespace {

using Kind = Value::Kind;

// ---------------------------------------------------------------------------------------
// Reading the credential. JSON-LD lets a property hold one value or a list, a text be a
// string, a language map ({"fr": "...", "en": "..."}) or a value object ({"@value": ...}),
// and `id`/`type` be written `@id`/`@type`: the helpers below absorb these variants.

/// Property `name` of node `v` (or its keyword form `@id`, `@type`); null values are absent.
const Value* get(const Value* v, std::string_view name) {
  if (!v || !v->is_map()) return nullptr;
  for (const auto& c : v->children)
    if (c.key == name) return c.kind == Kind::Null ? nullptr : &c;
  if (name == "id" || name == "type") {
    for (const auto& c : v->children)
      if (c.key.size() == name.size() + 1 && c.key[0] == '@' && std::string_view(c.key).substr(1) == name)
        return c.kind == Kind::Null ? nullptr : &c;
  }
  return nullptr;
}

/// The first value of a property that holds a list, or the property's single value.
const Value* first(const Value* v) {
  if (!v || v->kind != Kind::List) return v;
  for (const auto& c : v->children)
    if (c.kind != Kind::Null) return &c;
  return nullptr;
}

/// Every value of a property: the items of a list, or the single value.
std::vector<const Value*> all(const Value* v) {
  std::vector<const Value*> out;
  if (!v) return out;
  if (v->kind != Kind::List) {
    out.push_back(v);
    return out;
  }
  for (const auto& c : v->children)
    if (c.kind != Kind::Null) out.push_back(&c);
  return out;
}

/// Follows properties from `v`, through the first value of each list on the way.
const Value* path(const Value* v, std::initializer_list<std::string_view> names) {
  for (auto name : names)
    v = get(first(v), name);
  return v;
}

bool is_language_tag(const std::string& key) {
  if (key == "@none") return true;
  if (key == "id") return false;  // a node's `id`, not Indonesian
  std::size_t primary = key.find('-');
  if (primary == std::string::npos) primary = key.size();
  if (primary < 2 || primary > 3) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    bool ok = i < primary ? (c >= 'a' && c <= 'z') : (c == '-' || std::isalnum(static_cast<unsigned char>(c)));
    if (!ok) return false;
  }
  return true;
}

/// French first (the records' language), then English, then any other language.
int language_rank(std::string_view tag) {
  if (tag.substr(0, 2) == "fr" && (tag.size() == 2 || tag[2] == '-')) return 0;
  if (tag.substr(0, 2) == "en" && (tag.size() == 2 || tag[2] == '-')) return 1;
  return 2;
}

/// The scalar that gives a property's text, or null when it has none (a node, not a text).
const Value* text(const Value* v) {
  if (!v) return nullptr;
  if (v->kind == Kind::Scalar) return v;
  const Value* best = nullptr;
  int best_rank = 3;
  if (v->kind == Kind::List) {  // several values, maybe language-tagged value objects
    for (const auto& c : v->children) {
      const Value* t = text(&c);
      if (!t) continue;
      int rank = 2;
      if (const Value* lang = get(&c, "@language"); lang && lang->kind == Kind::Scalar)
        rank = language_rank(lang->text);
      if (rank < best_rank) {
        best = t;
        best_rank = rank;
      }
    }
    return best;
  }
  if (!v->is_map()) return nullptr;
  if (const Value* value = get(v, "@value")) return text(value);
  for (const auto& c : v->children) {  // a language map, or a node (which has no text)
    if (!is_language_tag(c.key)) return nullptr;
    const Value* t = text(&c);
    int rank = language_rank(c.key);
    if (t && rank < best_rank) {
      best = t;
      best_rank = rank;
    }
  }
  return best;
}

/// A Note (ELM): its `noteLiteral`; or a plain text.
const Value* note_text(const Value* v) {
  v = first(v);
  if (const Value* literal = get(v, "noteLiteral")) return text(literal);
  return text(v);
}

/// A Concept (ELM): its `prefLabel`; or a plain text.
const Value* label_text(const Value* v) {
  v = first(v);
  if (v && v->is_map()) return text(get(v, "prefLabel"));
  return text(v);
}

bool names_term(const std::string& value, std::string_view term) {
  if (value == term) return true;  // compacted JSON-LD; an expanded IRI ends with the term
  return value.size() > term.size() && value.compare(value.size() - term.size(), term.size(), term) == 0 &&
         (value[value.size() - term.size() - 1] == '#' || value[value.size() - term.size() - 1] == '/');
}

bool has_type(const Value* node, std::string_view term) {
  for (const Value* t : all(get(node, "type")))
    if (t->kind == Kind::Scalar && names_term(t->text, term)) return true;
  return false;
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool contains_any(const std::string& haystack, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return haystack.find(n) != std::string::npos; });
}

bool is_web_url(const std::string& s) {
  std::string l = lower(s.substr(0, 8));
  return l.rfind("https://", 0) == 0 || l.rfind("http://", 0) == 0;
}

std::optional<double> number_of(std::string_view t) {
  double d = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
  if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

/// The number at the end of a text: 6 in `http://data.europa.eu/snb/eqf/6`, `EQF level 6`.
std::optional<std::string> trailing_number(std::string_view s) {
  while (!s.empty() && (s.back() == '/' || s.back() == ' '))
    s.remove_suffix(1);
  std::size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[s.size() - 1 - n])))
    ++n;
  if (n == 0 || n > 2) return std::nullopt;
  std::string digits(s.substr(s.size() - n));
  if (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
  return digits;
}

/// Hours in an ISO 8601 duration that has a time part only (PT21H, PT1H30M, PT90M),
/// rounded to the hundredth; none for days, weeks, months, years, or a malformed text.
std::optional<double> duration_hours(std::string_view s) {
  if (s.size() < 4 || s[0] != 'P' || s[1] != 'T') return std::nullopt;
  double hours = 0;
  int last_unit = 0;
  std::size_t i = 2;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == ','))
      ++j;
    if (j == i || j == s.size()) return std::nullopt;
    std::string digits(s.substr(i, j - i));
    std::replace(digits.begin(), digits.end(), ',', '.');
    auto n = number_of(digits);
    int unit = s[j] == 'H' ? 1 : s[j] == 'M' ? 2 : s[j] == 'S' ? 3 : 0;
    if (!n || unit <= last_unit) return std::nullopt;
    hours += unit == 1 ? *n : unit == 2 ? *n / 60 : *n / 3600;
    last_unit = unit;
    i = j + 1;
  }
  return std::round(hours * 100) / 100;
}

// ISO 3166-1: alpha-3 code then alpha-2 code, sorted by alpha-3 (249 countries, from the
// Debian iso-codes tables). ELM writes countries as EU authority URIs ending in alpha-3.
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

/// An ISO 3166-1 alpha-2 code for `FR`, `fr`, `FRA` or `.../authority/country/FRA`;
/// anything else is returned as written, for the rules to report.
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

// ---------------------------------------------------------------------------------------
// Writing the certificate. A mapped field takes the key offset of the property it comes
// from and the offset of the scalar that gives its value: a finding about it points at the
// same place in the original file as a finding about a hand-written certificate would.

/// Where a property's key is (a map entry), or where the value is (a list item).
std::uint32_t key_of(const Value* v) { return v->key.empty() ? v->offset : v->key_offset; }

Value leaf(std::string key, std::string text_value, bool quoted, std::uint32_t at, std::uint32_t key_at) {
  Value v;
  v.kind = Kind::Scalar;
  v.key = std::move(key);
  v.text = std::move(text_value);
  v.quoted = quoted;
  v.offset = at;
  v.key_offset = key_at;
  return v;
}

/// A map or list of the certificate, positioned at the property `from`.
Value node(Kind kind, std::string key, const Value* from) {
  Value v;
  v.kind = kind;
  v.key = std::move(key);
  const Value* at = first(from) ? first(from) : from;
  v.offset = at ? at->offset : 0;
  v.key_offset = from ? key_of(from) : 0;
  return v;
}

/// A text found in the credential: the property that holds it and the scalar itself.
struct Pick {
  const Value* prop = nullptr;
  const Value* value = nullptr;
  explicit operator bool() const { return value != nullptr; }
};

Pick as_text(const Value* prop) { return {prop, text(prop)}; }
Pick as_note(const Value* prop) { return {prop, note_text(prop)}; }
Pick as_label(const Value* prop) { return {prop, label_text(prop)}; }
Pick as_url(const Value* prop) {
  Pick p = as_text(prop);
  return p && is_web_url(p.value->text) ? p : Pick{};
}

Pick either(std::initializer_list<Pick> picks) {
  for (const auto& p : picks)
    if (p) return p;
  return {};
}

/// `key: text` (a string) when the pick found a text.
bool put(Value& out, std::string key, Pick p) {
  if (!p) return false;
  out.children.push_back(leaf(std::move(key), p.value->text, true, p.value->offset, key_of(p.prop)));
  return true;
}

/// `key: value` for a value the mapping computed (an enumeration value, a converted code),
/// positioned at the text it was computed from.
void put_computed(Value& out, std::string key, std::string value, Pick from, bool quoted = true) {
  out.children.push_back(leaf(std::move(key), std::move(value), quoted, from.value->offset, key_of(from.prop)));
}

void add_if_filled(Value& out, Value child) {
  if (!child.children.empty()) out.children.push_back(std::move(child));
}

/// A person's name (not an organisation's): `fullName` or `name`, else given and family
/// names joined. A node counts as a person when it is typed `Person` or has name parts.
Pick person(const Value* prop, std::string& name) {
  const Value* p = first(prop);
  if (!p || !p->is_map()) return {};
  Pick given = as_text(get(p, "givenName")), family = as_text(get(p, "familyName"));
  if (!given && !family && !has_type(p, "Person")) return {};
  Pick full = either({as_text(get(p, "fullName")), as_text(get(p, "name"))});
  if (full) {
    name = full.value->text;
    return full;
  }
  if (!given || !family) return {};
  name = given.value->text + " " + family.value->text;
  return given;
}

class Mapper {
 public:
  Mapper(Diagnostics& diagnostics, FileId file) : diagnostics_(diagnostics), file_(file) {}

  /// A number (ECTS credits), as written when it is one; otherwise a diagnostic.
  void put_number(Value& out, std::string key, Pick p, std::string_view what) {
    if (!p) return;
    if (!number_of(p.value->text)) {
      problem(DiagCode::E0303, *p.value, fmt::format("{} `{}` is not a number", what, p.value->text),
              fmt::format("the certificate's `{}` is left out", key));
      return;
    }
    put_computed(out, std::move(key), p.value->text, p, false);
  }

  /// An EQF level read from the number that ends `p`'s text, as `level: {framework: EQF, value}`.
  void put_eqf(Value& out, const Value* at, Pick p) {
    if (!p) return;
    auto digits = trailing_number(p.value->text);
    if (!digits) {
      problem(DiagCode::E0303, *p.value, fmt::format("EQF level `{}` does not end with a level number", p.value->text),
              "the certificate's `level` is left out");
      return;
    }
    Value level = node(Kind::Map, "level", at);
    level.children.push_back(leaf("framework", "EQF", true, level.offset, level.key_offset));
    put_computed(level, "value", *digits, p, false);
    out.children.push_back(std::move(level));
  }

  /// Notional workload from an ISO 8601 duration in hours (ELM `volumeOfLearning`).
  void put_workload(Value& out, Pick p) {
    if (!p) return;
    auto hours = duration_hours(p.value->text);
    if (!hours || *hours <= 0) {
      problem(DiagCode::E0309, *p.value,
              fmt::format("volume of learning `{}` is not a duration in hours", p.value->text),
              "write it as PT21H or PT1H30M; the certificate's `workload_hours` is left out");
      return;
    }
    put_computed(out, "workload_hours", fmt::format("{}", *hours), p, false);
  }

 private:
  void problem(DiagCode code, const Value& at, std::string message, std::string help) {
    diagnostics_.add(code, Span{file_, at.offset, at.offset + 1}, std::move(message), std::move(help));
  }

  Diagnostics& diagnostics_;
  FileId file_;
};

void put_signature(Value& out, const Value* proof_prop, Pick official) {
  const Value* proof = first(proof_prop);
  if (!proof) return;
  Value signature = node(Kind::Map, "signature", proof_prop);
  put(signature, "signer", official);
  if (official) put_computed(signature, "role", "legal_representative", official);
  put(signature, "method", either({as_text(get(proof, "cryptosuite")), as_text(get(proof, "type"))}));
  out.children.push_back(std::move(signature));
}

// ---------------------------------------------------------------------------------------
// Open Badges 3.0 (1EdTech), AchievementCredential / OpenBadgeCredential.

bool is_eqf_alignment(const Value* alignment) {
  Pick framework = as_text(get(alignment, "targetFramework"));
  Pick url = as_text(get(alignment, "targetUrl"));
  if (framework) {
    std::string f = lower(framework.value->text);
    if (f == "eqf" || contains_any(f, {"eqf ", "(eqf)", "european qualifications framework"})) return true;
  }
  return url && url.value->text.find("data.europa.eu/snb/eqf/") != std::string::npos;
}

/// Quality assurance (Annex I (11)) from third-party endorsements (EndorsementCredential)
/// of the issuer, else of the achievement: who endorses, and what they state, joined.
void put_endorsements(Value& out, std::initializer_list<const Value*> endorsement_props) {
  for (const Value* prop : endorsement_props) {
    std::string joined;
    Pick at;
    for (const Value* endorsement : all(prop)) {
      Pick comment = as_text(path(endorsement, {"credentialSubject", "endorsementComment"}));
      Pick who = as_text(path(endorsement, {"issuer", "name"}));
      if (!comment && !who) continue;
      if (!at) at = {prop, comment ? comment.value : who.value};
      std::string item =
          who && comment ? who.value->text + ": " + comment.value->text : (comment ? comment : who).value->text;
      joined += (joined.empty() ? "" : "; ") + item;
    }
    if (at) {
      put_computed(out, "quality_assurance", joined, at);
      return;
    }
  }
}

void map_open_badge(const Value& c, Value& out, Mapper& m) {
  const Value* subject_prop = get(&c, "credentialSubject");
  const Value* subject = first(subject_prop);
  const Value* achievement = first(get(subject, "achievement"));
  const Value* issuer_prop = get(&c, "issuer");
  const Value* issuer = first(issuer_prop);

  put(out, "id", as_text(get(&c, "id")));
  put(out, "course", either({as_text(get(achievement, "humanCode")), as_text(get(achievement, "id"))}));
  put(out, "title", either({as_text(get(achievement, "name")), as_text(get(&c, "name"))}));

  if (issuer && issuer->is_map()) {
    Value iss = node(Kind::Map, "issuer", issuer_prop);
    if (put(iss, "university", as_text(get(issuer, "name")))) {  // `university` is required
      const Value* address = first(get(issuer, "address"));
      Pick country = either({as_text(get(address, "addressCountryCode")), as_text(get(address, "addressCountry"))});
      if (country) put_computed(iss, "country", country_code(country.value->text), country);
      put(iss, "region", as_text(get(address, "addressRegion")));
      const Value* image_prop = get(issuer, "image");
      const Value* image = first(image_prop);
      if (image && image->is_map())
        put(iss, "header",
            either({Pick{image_prop, text(get(image, "caption"))}, Pick{image_prop, text(get(image, "id"))}}));
      else
        put(iss, "header", as_text(image_prop));
      out.children.push_back(std::move(iss));
    }
  }

  std::string expert;
  if (Pick p = person(get(achievement, "creator"), expert)) put_computed(out, "expert", expert, p);

  if (subject && subject->is_map()) {
    Value holder = node(Kind::Map, "holder", subject_prop);
    Pick id;
    for (const Value* identity : all(get(subject, "identifier"))) {
      Pick type = as_text(get(identity, "identityType"));
      if (type && type.value->text == "name") continue;  // a full name cannot be split
      if ((id = as_text(get(identity, "identityHash")))) break;
    }
    put(holder, "id", either({id, as_text(get(subject, "id"))}));
    put(holder, "given_names", as_text(get(subject, "givenName")));
    put(holder, "family_name", as_text(get(subject, "familyName")));
    put(holder, "birth_date", as_text(get(subject, "dateOfBirth")));
    add_if_filled(out, std::move(holder));
  }

  const Value* alignment_prop = get(achievement, "alignment");
  if (alignment_prop) {
    Value competences = node(Kind::List, "competences", alignment_prop);
    for (const Value* alignment : all(alignment_prop)) {
      if (is_eqf_alignment(alignment)) continue;
      Pick label = as_text(get(alignment, "targetName"));
      if (!label) continue;
      Pick code = as_text(get(alignment, "targetCode"));
      bool seen = std::any_of(competences.children.begin(), competences.children.end(), [&](const Value& item) {
        const Value* item_id = item.get("id");
        return item.get("label")->text == label.value->text &&
               (item_id ? code && item_id->text == code.value->text : !code);
      });
      if (seen) continue;  // the same competence aligned in two catalogues
      Value item = node(Kind::Map, "", alignment);
      put(item, "id", code);
      put(item, "label", label);
      competences.children.push_back(std::move(item));
    }
    add_if_filled(out, std::move(competences));
  }

  put(out, "issued",
      either({as_text(get(&c, "validFrom")), as_text(get(&c, "issuanceDate")), as_text(get(&c, "awardedDate"))}));
  m.put_number(out, "ects", as_text(get(achievement, "creditsAvailable")), "creditsAvailable");
  for (const Value* alignment : all(alignment_prop)) {
    if (!is_eqf_alignment(alignment)) continue;
    m.put_eqf(out, alignment,
              either({as_text(get(alignment, "targetCode")), as_text(get(alignment, "targetUrl")),
                      as_text(get(alignment, "targetName"))}));
    break;
  }
  for (const Value* description : all(get(achievement, "resultDescription"))) {
    if (put(out, "assessment_type", as_text(get(description, "assessmentType")))) break;  // Assessment extension
  }
  put_endorsements(out, {get(issuer, "endorsement"), get(achievement, "endorsement")});
  put_signature(out, get(&c, "proof"), as_text(get(issuer, "official")));
  put(out, "verification_url", either({as_url(get(&c, "id")), as_url(path(&c, {"credentialStatus", "id"}))}));
  put(out, "expires", either({as_text(get(&c, "validUntil")), as_text(get(&c, "expirationDate"))}));
  for (const Value* result : all(get(subject, "result"))) {
    if (put(out, "grade", as_text(get(result, "value")))) break;
  }
  put(out, "further_information", as_text(get(achievement, "description")));
}

// ---------------------------------------------------------------------------------------
// European Learning Model v3, European Digital Credential (EDC).

/// ELM `mode` (learning-assessment vocabulary: Online, Blended, ...) as Annex I (10).
std::optional<std::string> participation_of(const std::string& label) {
  std::string l = lower(label);
  if (contains_any(l, {"blended", "hybrid"})) return "blended";
  if (contains_any(l, {"online", "on-line", "en ligne", "distance"})) return "online";
  if (contains_any(l, {"onsite", "on-site", "on site", "face-to-face", "in person", "présentiel", "sur site"}))
    return "onsite";
  return std::nullopt;
}

/// ELM `idVerification` (supervision-verification vocabulary) as Annex I's optional element.
std::optional<std::string> supervision_of(const std::string& label) {
  std::string l = lower(label);
  if (contains_any(l, {"unsupervised", "not supervised"})) return "unsupervised";
  if (contains_any(l, {"without id", "no id", "without identity", "no identity"})) return "supervised_no_id";
  if (contains_any(l, {"online", "remote"})) return "proctored_online";
  if (contains_any(l, {"onsite", "on-site", "on site", "in person"})) return "supervised_onsite";
  return std::nullopt;
}

/// ECTS, unless the credit point names another framework.
bool is_ects(const Value* credit_point) {
  const Value* framework = first(get(credit_point, "framework"));
  if (!framework) return true;
  Pick label = as_label(framework);
  Pick id = as_text(get(framework, "id"));
  // http://data.europa.eu/snb/education-credit/6fcec5c5af is ECTS in the EU vocabulary.
  return (label && contains_any(lower(label.value->text), {"ects", "european credit transfer"})) ||
         (id && id.value->text.find("education-credit/6fcec5c5af") != std::string::npos);
}

/// Quality assurance (Annex I (11)) from the first accreditations found: their titles, or
/// their types, joined.
void put_quality(Value& out, std::initializer_list<const Value*> accreditation_props) {
  for (const Value* prop : accreditation_props) {
    std::string joined;
    Pick at;
    for (const Value* accreditation : all(prop)) {
      Pick p = either({as_text(get(accreditation, "title")), as_label(get(accreditation, "dcType"))});
      if (!p) continue;
      if (!at) at = {prop, p.value};
      joined += (joined.empty() ? "" : "; ") + p.value->text;
    }
    if (at) {
      put_computed(out, "quality_assurance", joined, at);
      return;
    }
  }
}

void map_elm(const Value& c, Value& out, Mapper& m) {
  const Value* subject_prop = get(&c, "credentialSubject");
  const Value* subject = first(subject_prop);
  const Value* claim = first(get(subject, "hasClaim"));
  const Value* spec = first(get(claim, "specifiedBy"));
  const Value* proven = first(get(claim, "provenBy"));
  const Value* awarding_prop = path(claim, {"awardedBy", "awardingBody"});
  const Value* issuer_prop = get(&c, "issuer");

  put(out, "id", as_text(get(&c, "id")));
  Pick course;
  for (const Value* identifier : all(get(spec, "identifier")))
    if ((course = as_text(get(identifier, "notation")))) break;
  put(out, "course", either({course, as_text(get(spec, "id"))}));
  put(out, "title", either({as_text(get(claim, "title")), as_text(get(spec, "title"))}));

  // The awarding body is the university of the certificate; the issuer, when it is
  // another organisation (issuance by mandate), completes what the awarding body lacks.
  const Value* organisations[] = {first(awarding_prop), first(issuer_prop)};
  const Value* organisation_props[] = {awarding_prop, issuer_prop};
  for (int i = 0; i < 2; ++i) {
    Pick name = as_text(get(organisations[i], "legalName"));
    if (!name) continue;
    Value iss = node(Kind::Map, "issuer", organisation_props[i]);
    put(iss, "university", name);
    for (const Value* org : organisations) {
      const Value* code_prop = path(org, {"location", "address", "countryCode"});
      const Value* code = first(code_prop);
      Pick country = code && code->is_map() ? Pick{code_prop, text(get(code, "id"))} : as_text(code_prop);
      if (!country) continue;
      put_computed(iss, "country", country_code(country.value->text), country);
      break;
    }
    for (const Value* org : organisations)
      if (put(iss, "region", as_label(path(org, {"location", "spatialCode"})))) break;
    for (const Value* org : organisations) {
      const Value* logo_prop = get(org, "logo");
      const Value* logo = first(logo_prop);
      if (!logo) continue;
      put(iss, "header",
          logo->is_map()
              ? either({Pick{logo_prop, text(get(logo, "contentURL"))}, Pick{logo_prop, text(get(logo, "id"))}})
              : as_text(logo_prop));
      break;
    }
    out.children.push_back(std::move(iss));
    break;
  }

  std::string expert;
  for (const Value* activity : all(get(claim, "influencedBy"))) {
    Pick p;
    for (const Value* director : all(get(activity, "directedBy")))
      if ((p = person(director, expert))) break;
    if (p) {
      put_computed(out, "expert", expert, p);
      break;
    }
  }

  if (subject && subject->is_map()) {
    Value holder = node(Kind::Map, "holder", subject_prop);
    Pick id = as_text(path(subject, {"nationalID", "notation"}));
    if (!id)
      for (const Value* identifier : all(get(subject, "identifier")))
        if ((id = as_text(get(identifier, "notation")))) break;
    Pick subject_id = as_text(get(subject, "id"));
    if (!id && subject_id && subject_id.value->text.rfind("did:", 0) == 0) id = subject_id;
    put(holder, "id", id);
    put(holder, "given_names", as_text(get(subject, "givenName")));
    put(holder, "family_name", as_text(get(subject, "familyName")));
    put(holder, "birth_date", as_text(get(subject, "dateOfBirth")));
    add_if_filled(out, std::move(holder));
  }

  const Value* outcomes_prop = get(spec, "learningOutcome");
  if (outcomes_prop) {
    Value competences = node(Kind::List, "competences", outcomes_prop);
    Value outcomes = node(Kind::List, "learning_outcomes", outcomes_prop);
    for (const Value* outcome : all(outcomes_prop)) {
      Pick title = as_text(get(outcome, "title"));
      if (title)
        outcomes.children.push_back(leaf("", title.value->text, true, title.value->offset, title.value->offset));
      for (const char* relation : {"relatedESCOSkill", "relatedSkill"}) {
        for (const Value* skill : all(get(outcome, relation))) {
          Pick label = as_label(skill);
          if (!label) continue;
          Pick id = as_text(get(skill, "id"));
          bool seen =
              id && std::any_of(competences.children.begin(), competences.children.end(), [&](const Value& item) {
                const Value* item_id = item.get("id");
                return item_id && item_id->text == id.value->text;
              });
          if (seen) continue;
          Value item = node(Kind::Map, "", skill);
          put(item, "id", id);
          put(item, "label", {get(first(skill), "prefLabel") ? get(first(skill), "prefLabel") : skill, label.value});
          competences.children.push_back(std::move(item));
        }
      }
    }
    add_if_filled(out, std::move(competences));
    add_if_filled(out, std::move(outcomes));
  }

  put(out, "issued",
      either({as_text(get(&c, "issuanceDate")), as_text(get(&c, "issued")), as_text(get(&c, "validFrom"))}));
  m.put_workload(out, as_text(get(spec, "volumeOfLearning")));
  for (const Value* credit_point : all(get(spec, "creditPoint"))) {
    if (!is_ects(credit_point)) continue;
    m.put_number(out, "ects", as_text(get(credit_point, "point")), "credit points");
    break;
  }
  const Value* eqf_prop = get(spec, "eqfLevel") ? get(spec, "eqfLevel") : get(spec, "EQFLevel");
  if (const Value* eqf = first(eqf_prop))
    m.put_eqf(out, eqf_prop,
              eqf->is_map() ? either({Pick{eqf_prop, text(get(eqf, "id"))}, as_label(eqf_prop)}) : as_text(eqf_prop));
  put(out, "assessment_type",
      either({as_label(path(proven, {"specifiedBy", "dcType"})), as_text(path(proven, {"specifiedBy", "title"})),
              as_text(get(proven, "title"))}));
  for (const Value* mode : all(get(spec, "mode"))) {
    Pick label = as_label(mode);
    auto participation = label ? participation_of(label.value->text) : std::nullopt;
    if (!participation) continue;
    put_computed(out, "participation", *participation, {get(spec, "mode"), label.value});
    break;
  }
  put_quality(out, {get(spec, "accreditation"), get(spec, "hasAccreditation"),
                    get(first(awarding_prop), "accreditation"), get(first(issuer_prop), "accreditation")});
  put_signature(out, get(&c, "proof"), {});
  put(out, "verification_url", either({as_url(get(&c, "id")), as_url(path(&c, {"credentialStatus", "id"}))}));
  put(out, "expires", either({as_text(get(&c, "expirationDate")), as_text(get(&c, "validUntil"))}));
  put(out, "prerequisites", as_note(get(spec, "entryRequirement")));
  Pick verification = as_label(get(proven, "idVerification"));
  if (auto supervision = verification ? supervision_of(verification.value->text) : std::nullopt)
    put_computed(out, "supervision", *supervision, verification);
  put(out, "grade", as_note(get(proven, "grade")));
  if (const Value* part_of = get(spec, "isPartOf")) {
    put_computed(out, "stackability", "stackable", {part_of, first(part_of) ? first(part_of) : part_of});
  } else if (Pick partial = as_text(get(spec, "isPartialQualification"))) {
    if (partial.value->text == "true")
      put_computed(out, "stackability", "stackable", partial);
    else if (partial.value->text == "false")
      put_computed(out, "stackability", "stand_alone", partial);
  }
  put(out, "further_information",
      either({as_note(get(claim, "additionalNote")), as_note(get(spec, "additionalNote"))}));
}

enum class Format { None, OpenBadges, Elm };

Format format_of(const Value* type) {
  bool open_badge = false;
  for (const Value* t : all(type)) {
    if (t->kind != Kind::Scalar) continue;
    if (names_term(t->text, "EuropeanDigitalCredential")) return Format::Elm;
    if (names_term(t->text, "OpenBadgeCredential") || names_term(t->text, "AchievementCredential")) open_badge = true;
  }
  return open_badge ? Format::OpenBadges : Format::None;
}

}  // namespace

bool map_credential(Value& root, Diagnostics& diagnostics, FileId file) {
  if (!root.is_map() || root.get("kind")) return false;
  const Value* type = get(&root, "type");
  Format format = format_of(type);
  if (format == Format::None) return false;
  Value certificate;
  certificate.kind = Kind::Map;
  certificate.offset = root.offset;
  certificate.key_offset = root.key_offset;
  certificate.children.push_back(leaf("kind", "certificate", true, type->offset, type->key_offset));
  Mapper mapper(diagnostics, file);
  if (format == Format::OpenBadges)
    map_open_badge(root, certificate, mapper);
  else
    map_elm(root, certificate, mapper);
  root = std::move(certificate);
  return true;
}

}  // namespace cadre::credentials
