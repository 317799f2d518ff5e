// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>

#include "engine/base/calendar.hpp"

using namespace cadre;

TEST_CASE("dates: ISO 8601 calendar dates and date-times", "[calendar]") {
  CHECK(parse_date("2024-02-29").has_value());
  CHECK_FALSE(parse_date("2023-02-29").has_value());
  CHECK_FALSE(parse_date("2025-13-01").has_value());
  CHECK_FALSE(parse_date("2025-1-1").has_value());
  CHECK_FALSE(parse_date("2025-01-01T25:00").has_value());
  CHECK(format_date(*parse_date("1970-01-01")) == "1970-01-01");
  CHECK(parse_date("1970-01-02")->days == 1);
  auto dt = parse_date("2025-01-20T18:00");
  REQUIRE(dt);
  CHECK(dt->has_time());
  CHECK(format_date(*dt) == "2025-01-20T18:00");
  CHECK(parse_date("2025-01-20T18:00:30Z"));
  CHECK(parse_date("2025-01-20T18:00:30+01:00"));
}

TEST_CASE("dates: a date compares with a date-time on the day", "[calendar]") {
  auto day = *parse_date("2025-03-07");
  auto evening = *parse_date("2025-03-07T18:00");
  auto next = *parse_date("2025-03-08T08:00");
  CHECK(compare_dates(day, evening) == 0);
  CHECK(compare_dates(evening, next) < 0);
  CHECK(compare_dates(*parse_date("2025-03-07T19:00"), evening) > 0);
}

TEST_CASE("durations: hours, minutes, days, no years or months", "[calendar]") {
  CHECK(parse_duration("PT2H")->seconds == 7200);
  CHECK(parse_duration("PT1H30M")->seconds == 5400);
  CHECK(parse_duration("P1DT2H")->seconds == 86400 + 7200);
  CHECK(parse_duration("P1W")->seconds == 7 * 86400);
  CHECK(parse_duration("PT0.5H")->seconds == 1800);
  CHECK_FALSE(parse_duration("P1Y"));
  CHECK_FALSE(parse_duration("P1M"));
  CHECK_FALSE(parse_duration("PT"));
  CHECK_FALSE(parse_duration("P"));
  CHECK_FALSE(parse_duration("PT2M1H"));
  CHECK(format_duration(*parse_duration("PT1H30M")) == "PT1H30M");
  CHECK(format_duration(*parse_duration("P1DT2H")) == "P1DT2H");
}
