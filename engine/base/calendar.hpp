// SPDX-License-Identifier: Apache-2.0
// ISO 8601 dates, date-times and durations, as cadre reads them in rules and records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cadre {

/// A calendar date, optionally with a local time of day (no time zone: the framework's
/// records are in the Europe/Paris calendar). Ordered; a date without time compares
/// with a date-time on the day only (see docs/language.md, "Dates").
struct Date {
  std::int32_t days = 0;        // days since 1970-01-01
  std::int32_t minutes = -1;    // minutes since midnight, -1 when the value is a plain date
  bool has_time() const { return minutes >= 0; }
};

/// A length of time in seconds. Years and months are refused (their length varies).
struct Duration {
  double seconds = 0;
};

std::optional<Date> parse_date(std::string_view text);
std::optional<Duration> parse_duration(std::string_view text);
std::string format_date(const Date& date);
std::string format_duration(const Duration& duration);
/// Negative, zero or positive as a is before, on, or after b.
int compare_dates(const Date& a, const Date& b);
/// Today's date in the Europe/Paris calendar (approximated by UTC+1/+2 DST rules).
Date today_paris();

}  // namespace cadre
