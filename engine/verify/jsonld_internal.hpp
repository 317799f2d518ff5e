// SPDX-License-Identifier: Apache-2.0
// Shared by jsonld.cpp (expansion) and jsonld_to_rdf.cpp: keyword and IRI tests, and the
// errors both raise. Internal to engine/verify.
#pragma once

#include "engine/verify/jsonld.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>

namespace cadre::verify::jsonld::detail {

using nlohmann::json;

[[noreturn]] inline void unsupported(const std::string& what) { throw Error("unsupported JSON-LD feature: " + what); }
[[noreturn]] inline void invalid(const std::string& what) { throw Error("invalid JSON-LD: " + what); }

inline const std::set<std::string, std::less<>>& keywords() {
  static const std::set<std::string, std::less<>> k{
      "@base",    "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph",
      "@id",      "@import",    "@included", "@index",  "@json",      "@language", "@list",   "@nest",
      "@none",    "@omitDefault", "@prefix", "@preserve", "@propagate", "@protected", "@requireAll",
      "@reverse", "@set",       "@type",    "@value",   "@version",   "@vocab"};
  return k;
}
inline bool is_keyword(std::string_view s) { return keywords().contains(s); }

// "@" followed by ALPHA only: reserved for future keywords, ignored by processors (§3.7).
inline bool looks_like_keyword(std::string_view s) {
  if (s.size() < 2 || s[0] != '@') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

// An absolute IRI: a scheme (RFC 3987 §2.2) then ':'.
inline bool is_absolute_iri(std::string_view s) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = s[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Well-formed for RDF: absolute, and none of the characters N-Quads cannot write in an IRI.
inline bool is_well_formed_iri(std::string_view s) {
  if (!is_absolute_iri(s)) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
           c == '`' || c == '\\';
  });
}

inline bool is_blank_id(std::string_view s) { return s.size() > 2 && s[0] == '_' && s[1] == ':'; }

// BCP 47 shape (the check toRdf applies before writing a language tag).
inline bool is_well_formed_language(std::string_view s) {
  std::size_t i = 0, part = 0;
  while (i <= s.size()) {
    std::size_t j = s.find('-', i);
    if (j == std::string_view::npos) j = s.size();
    const std::string_view sub = s.substr(i, j - i);
    if (sub.empty() || sub.size() > 8) return false;
    for (char c : sub) {
      if (part == 0 ? !std::isalpha(static_cast<unsigned char>(c)) : !std::isalnum(static_cast<unsigned char>(c)))
        return false;
    }
    ++part;
    i = j + 1;
  }
  return part > 0;
}

inline std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline json as_array(const json& v) { return v.is_array() ? v : json::array({v}); }

}  // namespace cadre::verify::jsonld::detail
