#include "engine/base/locale_format.hpp"

#include <cmath>

#include <fmt/format.h>

namespace cadre::locale {

namespace {

bool french(std::string_view lang) { return lang == "fr"; }

constexpr const char* kMoisFr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                   "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr const char* kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// One code point from UTF-8 at `i` (advanced past it); U+FFFD for a broken sequence.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + static_cast<std::size_t>(length) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = length == 1 ? c : c & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    if ((byte(i + static_cast<std::size_t>(k)) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  }
  i += static_cast<std::size_t>(length);
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Base letters of U+00C0..U+00FF and U+0100..U+017F (Latin-1 Supplement, Latin Extended-A):
// '*' keeps the character (× ÷ Þ þ), '?' is a ligature written out below.
constexpr std::string_view kLatin1 = "aaaaaa?ceeeeiiiidnooooo*ouuuuy*?aaaaaa?ceeeeiiiidnooooo*ouuuuy*y";
constexpr std::string_view kLatinA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F || cp == 0x3000 ||
         (cp >= 0x2000 && cp <= 0x200A);
}
bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2032; }
bool is_dash(char32_t cp) { return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212; }

}  // namespace

std::string date(std::string_view iso, std::string_view lang) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-' || !digits(iso.substr(0, 4)) || !digits(iso.substr(5, 2)) ||
      !digits(iso.substr(8, 2)) || (iso.size() > 10 && iso[10] != 'T' && iso[10] != ' '))
    return std::string(iso);
  int year = std::stoi(std::string(iso.substr(0, 4)));
  int month = std::stoi(std::string(iso.substr(5, 2)));
  int day = std::stoi(std::string(iso.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::string(iso);
  if (french(lang))
    return fmt::format("{}{} {} {}", day, day == 1 ? "er" : "", kMoisFr[month - 1], year);
  return fmt::format("{} {} {}", day, kMonthsEn[month - 1], year);
}

std::string number(double value, std::string_view lang, int decimals) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  std::string fixed = fmt::format("{:.{}f}", value, decimals < 0 ? 0 : decimals);
  if (fixed.find('.') != std::string::npos) {
    while (fixed.back() == '0') fixed.pop_back();
    if (fixed.back() == '.') fixed.pop_back();
  }
  bool negative = fixed[0] == '-';
  if (negative) fixed.erase(0, 1);
  if (fixed == "0") negative = false;  // -0.001 rounds to 0, not "-0"
  std::size_t point = fixed.find('.');
  std::string whole = fixed.substr(0, point), fraction = point == std::string::npos ? "" : fixed.substr(point + 1);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += french(lang) ? kNarrowNbsp : ",";
    grouped += whole[i];
  }
  if (!fraction.empty()) grouped += (french(lang) ? "," : ".") + fraction;
  return (negative ? "-" : "") + grouped;
}

std::string_view plural(double n, std::string_view lang, std::string_view one, std::string_view many) {
  double magnitude = std::fabs(n);
  return (french(lang) ? magnitude < 2 : magnitude == 1) ? one : many;
}

std::string count(double n, std::string_view lang, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", number(n, lang), plural(n, lang, one, many));
}

std::string_view colon(std::string_view lang) { return french(lang) ? "\u00A0:" : ":"; }

std::string typography(std::string_view text, std::string_view lang) {
  if (!french(lang)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool space = c == ' ';
    char after = i + 1 < text.size() ? text[i + 1] : '\0';
    char after2 = i + 2 < text.size() ? text[i + 2] : '\0';
    bool closes = after2 == '\0' || after2 == ' ' || after2 == '\n' || after2 == ')' || after2 == '"';
    if (space && after == ':' && closes) {
      out += kNbsp;
    } else if (space && (after == ';' || after == '!' || after == '?') && closes) {
      out += kNarrowNbsp;
    } else if (space && text.substr(i + 1).substr(0, 2) == "»") {
      out += kNbsp;
    } else if (space && !out.empty() && out.size() >= 2 && std::string_view(out).substr(out.size() - 2) == "«") {
      out += kNbsp;
    } else {
      out += c;
    }
  }
  return out;
}

std::string fold_name(std::string_view name) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp = next_code_point(name, i);
    if (cp >= 0x300 && cp <= 0x36F) continue;  // combining accents (NFD input)
    if (is_space(cp) || is_apostrophe(cp) || is_dash(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (cp >= 'A' && cp <= 'Z') {
      out += static_cast<char>(cp - 'A' + 'a');
    } else if (cp >= 0xC0 && cp <= 0x17F) {
      char base = cp < 0x100 ? kLatin1[cp - 0xC0] : kLatinA[cp - 0x100];
      if (base == '*') append_utf8(out, cp);
      else if (base != '?') out += base;
      else if (cp == 0xC6 || cp == 0xE6) out += "ae";
      else if (cp == 0xDF) out += "ss";
      else out += "oe";  // U+0152, U+0153
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

}  // namespace cadre::locale
