// SPDX-License-Identifier: Apache-2.0
#include "engine/credentials/reading.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace cadre::credentials::detail {
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
void put_computed(Value& out, std::string key, std::string value, Pick from, bool quoted) {
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


}  // namespace cadre::credentials::detail
