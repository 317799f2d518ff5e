// SPDX-License-Identifier: Apache-2.0
// The formatter of dates, numbers, plurals and punctuation for French and English texts
// (engine/base/locale_format), and the folding of university names for --provider.
#include <catch2/catch.hpp>

#include "engine/base/locale_format.hpp"

using namespace cadre::locale;

TEST_CASE("dates are written as each language writes them", "[locale]") {
  CHECK(date("2025-06-12", "fr") == "12 juin 2025");
  CHECK(date("2025-06-12", "en") == "12 June 2025");
  CHECK(date("2025-06-01", "fr") == "1er juin 2025");  // le premier du mois
  CHECK(date("2025-06-01", "en") == "1 June 2025");
  CHECK(date("2025-02-05", "fr") == "5 février 2025");
  CHECK(date("2024-08-31", "fr") == "31 août 2024");
  CHECK(date("2025-12-24T10:30", "fr") == "24 décembre 2025");
  // Anything else is shown as written, never guessed at.
  CHECK(date("2025-13-01", "fr") == "2025-13-01");
  CHECK(date("12/06/2025", "fr") == "12/06/2025");
  CHECK(date("", "fr").empty());
}

TEST_CASE("a moment keeps its hour, a duration reads in hours or days", "[locale]") {
  CHECK(moment("2025-03-12T18:00", "fr") == "12 mars 2025 à 18\u00A0h\u00A000");
  CHECK(moment("2025-03-12T09:05", "fr") == "12 mars 2025 à 9\u00A0h\u00A005");
  CHECK(moment("2025-03-12T18:00", "en") == "12 March 2025 at 18:00");
  CHECK(moment("2025-03-01", "fr") == "1er mars 2025");
  CHECK(moment("not a date", "fr") == "not a date");
  CHECK(duration(7200, "fr") == "2\u00A0h");
  CHECK(duration(5400, "fr") == "1\u00A0h\u00A030");
  CHECK(duration(5400, "en") == "1\u00A0h\u00A030\u00A0min");
  CHECK(duration(1800, "fr") == "30\u00A0min");
  CHECK(duration(3 * 86400, "fr") == "3 jours");
  CHECK(duration(86400, "en") == "1 day");
  CHECK(duration(0, "fr") == "0\u00A0s");
}

TEST_CASE("numbers take the language's separators", "[locale]") {
  CHECK(number(2.5, "fr") == "2,5");
  CHECK(number(2.5, "en") == "2.5");
  CHECK(number(1234, "fr") == "1\u202F234");
  CHECK(number(1234, "en") == "1,234");
  CHECK(number(1234567.25, "fr") == "1\u202F234\u202F567,25");
  CHECK(number(999, "fr") == "999");
  CHECK(number(60, "fr") == "60");
  CHECK(number(1.0 / 3, "fr") == "0,33");
  CHECK(number(66.666, "fr", 1) == "66,7");
  CHECK(number(-1.5, "fr") == "-1,5");
  CHECK(number(-0.001, "fr") == "0");
}

TEST_CASE("a number in a message never rounds onto the bound it fails", "[locale]") {
  // 6.9999999 h fails « de 7 à 30 h »: rounded to 6 decimals it read « 7 ».
  CHECK(number(6.9999999, "fr", kShortest) == "6,9999999");
  CHECK(number(30.0000001, "en", kShortest) == "30.0000001");
  CHECK(number(6.99999999999, "fr", kShortest) != "7");
  CHECK(number(7, "fr", kShortest) == "7");
  CHECK(number(2.5, "fr", kShortest) == "2,5");
  CHECK(number(0.1, "en", kShortest) == "0.1");
  CHECK(number(1234567.25, "fr", kShortest) == "1\u202F234\u202F567,25");
  CHECK(number(1e20, "en", kShortest) == "100,000,000,000,000,000,000");  // never 1e+20
  CHECK(number(-0.0, "fr", kShortest) == "0");
}

TEST_CASE("plurals are chosen, French singular for 0 and 1", "[locale]") {
  CHECK(count(0, "fr", "constat", "constats") == "0 constat");
  CHECK(count(1, "fr", "constat", "constats") == "1 constat");
  CHECK(count(1.5, "fr", "crédit", "crédits") == "1,5 crédit");
  CHECK(count(2, "fr", "constat", "constats") == "2 constats");
  CHECK(count(1234, "fr", "stagiaire", "stagiaires") == "1\u202F234 stagiaires");
  CHECK(count(0, "en", "finding", "findings") == "0 findings");
  CHECK(count(1, "en", "finding", "findings") == "1 finding");
  CHECK(plural(3, "en", "hour", "hours") == "hours");
}

TEST_CASE("French punctuation takes no-break spaces", "[locale]") {
  CHECK(colon("fr") == "\u00A0:");
  CHECK(colon("en") == ":");
  CHECK(typography("Verdict : recevable", "fr") == "Verdict\u00A0: recevable");
  CHECK(typography("a ; b ! c ?", "fr") == "a\u202F; b\u202F! c\u202F?");
  CHECK(typography("la brique « B » compte", "fr") == "la brique «\u00A0B\u00A0» compte");
  // Paths, times and URLs are not punctuation.
  CHECK(typography("a.yaml:12:5: erreur", "fr") == "a.yaml:12:5: erreur");
  CHECK(typography("à 12:30 sur https://x.fr", "fr") == "à 12:30 sur https://x.fr");
  CHECK(typography("Verdict : x", "en") == "Verdict : x");
}

