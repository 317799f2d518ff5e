// SPDX-License-Identifier: Apache-2.0
#include "engine/base/name_fold.hpp"

#include <unordered_map>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace cadre {
namespace {

bool apostrophe(UChar32 c) {
  return c == 0x27 || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x60 || c == 0xB4 || c == 0x2032;
}

bool space(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF; }

bool dash(UChar32 c) { return u_charType(c) == U_DASH_PUNCTUATION || c == 0x2212; }

// Decodes UTF-8; false when the text is not valid UTF-8 (then the caller keeps it as is).
bool decode(std::string_view text, icu::UnicodeString& out) {
  out = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::string back;
  out.toUTF8String(back);
  return back == text;  // invalid sequences come back as U+FFFD
}

// Folds apostrophes to one, and runs of spaces and dashes to one space, trimmed.
icu::UnicodeString fold_separators(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < in.length(); i = in.moveIndex32(i, 1)) {
    UChar32 c = in.char32At(i);
    if (space(c) || dash(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(static_cast<UChar>(0x20));
    pending_space = false;
    out.append(apostrophe(c) ? static_cast<UChar32>(0x2019) : c);
  }
  return out;
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

namespace {

std::string fold(std::string_view name) {
  icu::UnicodeString text;
  if (!decode(name, text)) return std::string(name);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return std::string(name);
  icu::UnicodeString decomposed = nfd->normalize(text, status);
  if (U_FAILURE(status)) return std::string(name);
  // Accents are combining marks once decomposed: drop them, then fold case.
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
  }
  bare.foldCase();
  return utf8(fold_separators(bare));
}

}  // namespace

std::string name_key(std::string_view name) {
  // Rules compare names pairwise (contract counts per university in a session of 1,000
  // trainees: millions of comparisons of a few dozen names), and ICU normalisation costs
  // microseconds: remember the keys met lately, per thread so that no lock is needed.
  thread_local std::unordered_map<std::string, std::string> seen;
  std::string text(name);
  if (auto it = seen.find(text); it != seen.end()) return it->second;
  if (seen.size() >= 4096) seen.clear();  // bounded: a cohort of distinct names cannot grow it
  std::string key = fold(name);
  seen.emplace(std::move(text), key);
  return key;
}

}  // namespace cadre
