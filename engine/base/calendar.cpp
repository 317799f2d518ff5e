// SPDX-License-Identifier: Apache-2.0
#include "engine/base/calendar.hpp"

#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

namespace cadre {

namespace {

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(std::int32_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || !digits(text, 0, 4, y) || text[4] != '-' || !digits(text, 5, 2, m) ||
      text[7] != '-' || !digits(text, 8, 2, d))
    return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m)))
    return std::nullopt;
  Date date{days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)), -1};
  if (text.size() == 10) return date;
  // Date-time: THH:MM, THH:MM:SS, with an optional Z or +HH:MM offset that is accepted and
  // ignored: records are read in the Europe/Paris calendar, as written.
  int hh = 0, mm = 0, ss = 0;
  if ((text[10] != 'T' && text[10] != ' ') || !digits(text, 11, 2, hh) || text.size() < 16 ||
      text[13] != ':' || !digits(text, 14, 2, mm))
    return std::nullopt;
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!digits(text, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    }
  }
  if (pos < text.size() && text[pos] == 'Z') ++pos;
  else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (!digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, om))
      return std::nullopt;
    pos += 6;
  }
  if (pos != text.size() || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  date.minutes = hh * 60 + mm;
  return date;
}

std::optional<Duration> parse_duration(std::string_view text) {
  if (text.size() < 2 || text[0] != 'P') return std::nullopt;
  double seconds = 0;
  bool in_time = false, any = false;
  std::size_t pos = 1;
  // Order of designators: W D, then after T: H M S. Each at most once, in that order.
  const std::string_view date_order = "WD", time_order = "HMS";
  std::size_t date_next = 0, time_next = 0;
  while (pos < text.size()) {
    if (text[pos] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++pos;
      if (pos == text.size()) return std::nullopt;
      continue;
    }
    std::size_t start = pos;
    while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.' || text[pos] == ','))
      ++pos;
    if (pos == start || pos == text.size()) return std::nullopt;
    std::string number(text.substr(start, pos - start));
    for (auto& c : number) if (c == ',') c = '.';
    double value = 0;
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || ptr != number.data() + number.size()) return std::nullopt;
    char unit = text[pos++];
    const std::string_view& order = in_time ? time_order : date_order;
    std::size_t& next = in_time ? time_next : date_next;
    auto index = order.find(unit, next);
    if (index == std::string_view::npos) return std::nullopt;  // Y and M (months) land here
    next = index + 1;
    double scale = in_time ? (unit == 'H' ? 3600 : unit == 'M' ? 60 : 1)
                           : (unit == 'W' ? 7 * 86400 : 86400);
    seconds += value * scale;
    any = true;
  }
  if (!any) return std::nullopt;
  return Duration{seconds};
}

std::string format_date(const Date& date) {
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(date.days, y, m, d);
  if (!date.has_time()) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", y, m, d, date.minutes / 60, date.minutes % 60);
}

std::string format_duration(const Duration& duration) {
  double s = duration.seconds;
  if (s == 0) return "PT0S";
  std::string out = "P";
  auto days = static_cast<long long>(s / 86400);
  s -= static_cast<double>(days) * 86400;
  if (days) out += fmt::format("{}D", days);
  if (s > 0) {
    out += "T";
    auto hours = static_cast<long long>(s / 3600);
    s -= static_cast<double>(hours) * 3600;
    auto minutes = static_cast<long long>(s / 60);
    s -= static_cast<double>(minutes) * 60;
    if (hours) out += fmt::format("{}H", hours);
    if (minutes) out += fmt::format("{}M", minutes);
    if (s > 0) out += fmt::format("{}S", s);
  }
  return out;
}

int compare_dates(const Date& a, const Date& b) {
  if (a.days != b.days) return a.days < b.days ? -1 : 1;
  if (!a.has_time() || !b.has_time()) return 0;
  return a.minutes < b.minutes ? -1 : a.minutes > b.minutes ? 1 : 0;
}

Date today_paris() {
  using namespace std::chrono;
  auto now = system_clock::now();
  // Central European Time; summer time from the last Sunday of March to the last of October.
  auto utc_days = floor<days>(now);
  year_month_day ymd{utc_days};
  auto last_sunday = [](year y, month m) {
    sys_days final_day = sys_days{y / m / std::chrono::last};
    return final_day - (weekday{final_day} - Sunday);
  };
  auto start = last_sunday(ymd.year(), March) + hours(1);
  auto end = last_sunday(ymd.year(), October) + hours(1);
  auto offset = (now >= start && now < end) ? hours(2) : hours(1);
  auto local = floor<days>(now + offset);
  return Date{static_cast<std::int32_t>(local.time_since_epoch().count()), -1};
}

}  // namespace cadre
