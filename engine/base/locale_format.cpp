// SPDX-License-Identifier: Apache-2.0
#include "engine/base/locale_format.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

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

std::string moment(std::string_view iso, std::string_view lang) {
  std::string day = date(iso, lang);
  if (day == iso || iso.size() < 16 || iso[13] != ':' || !digits(iso.substr(11, 2)) || !digits(iso.substr(14, 2)))
    return day;
  std::string_view hour = iso.substr(11, 2), minute = iso.substr(14, 2);
  if (french(lang))  // « 18 h 00 », « 9 h 05 »: the hour without its leading zero
    return fmt::format("{} à {}{}h{}{}", day, std::stoi(std::string(hour)), kNbsp, kNbsp, minute);
  return fmt::format("{} at {}:{}", day, hour, minute);
}

std::string duration(double seconds, std::string_view lang) {
  if (!std::isfinite(seconds)) return fmt::format("{}", seconds);
  bool fr = french(lang);
  double whole_days = seconds / 86400;
  if (seconds >= 86400 && std::floor(whole_days) == whole_days)
    return count(whole_days, lang, fr ? "jour" : "day", fr ? "jours" : "days");
  auto total_minutes = static_cast<long long>(std::floor(seconds / 60));
  double rest = seconds - static_cast<double>(total_minutes) * 60;
  long long hours = total_minutes / 60, minutes = total_minutes % 60;
  std::string out;
  if (hours) out = number(static_cast<double>(hours), lang) + kNbsp + "h";
  if (minutes) {
    if (hours) out += fr ? fmt::format("{}{:02}", kNbsp, minutes) : fmt::format("{}{:02}{}min", kNbsp, minutes, kNbsp);
    else out = fmt::format("{}{}min", minutes, kNbsp);
  }
  if (rest > 0 || out.empty()) out += (out.empty() ? "" : " ") + number(rest, lang) + kNbsp + "s";
  return out;
}

std::string number(double value, std::string_view lang, int decimals) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  std::string fixed;
  if (decimals == kShortest) {
    // The fewest digits that read back as this very double, never in exponent form.
    char buffer[400];  // DBL_MAX in fixed notation is 309 digits
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    fixed = ec == std::errc() ? std::string(buffer, end) : fmt::format("{:.17g}", value);
  } else {
    fixed = fmt::format("{:.{}f}", value, decimals < 0 ? 0 : decimals);
  }
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
    bool closes = after2 == '\0' || after2 == ' ' || after2 == '\n' || after2 == '\t' || after2 == ')' || after2 == '"' || after2 == '<';
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

}  // namespace cadre::locale
