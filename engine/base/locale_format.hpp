// SPDX-License-Identifier: Apache-2.0
// Dates, numbers, plurals and punctuation as French and English are written, for the texts
// people read (jury pages, evidence packs, text reports). Machine formats (JSON, SARIF, JUnit,
// manifests) keep ISO dates and plain numbers and never come here.
//
// A small formatter of our own rather than ICU: the two languages cadre writes need a dozen
// month names, a grouping separator and a plural rule, and reports must keep the same bytes
// whatever CLDR version a machine has (ICU changed French grouping from U+00A0 to U+202F).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cadre::locale {

/// U+00A0 NO-BREAK SPACE: before « : », inside « guillemets », between a number and its unit.
inline constexpr const char* kNbsp = "\u00A0";
/// U+202F NARROW NO-BREAK SPACE: French thousands separator, before « ; ! ? ».
inline constexpr const char* kNarrowNbsp = "\u202F";

/// "2025-06-12" → « 12 juin 2025 » (« 1er juin 2025 ») / "12 June 2025". A date-time keeps
/// its day only. Text that is not an ISO date is returned unchanged.
std::string date(std::string_view iso, std::string_view lang);

/// "2025-03-12T18:00" → « 12 mars 2025 à 18 h 00 » / "12 March 2025 at 18:00"; a plain date
/// as date(). For a rule's message, where the hour is part of what it says.
std::string moment(std::string_view iso, std::string_view lang);

/// A length of time as people write it: 7200 s → « 2 h », 5400 s → « 1 h 30 » / "1 h 30 min",
/// 259200 s → « 3 jours » / "3 days"; seconds are kept only when they are not whole minutes.
std::string duration(double seconds, std::string_view lang);

/// number()'s `decimals` for "as many as the value needs": the shortest decimal that reads
/// back as the same double (6.9999999 stays « 6,9999999 », never « 7 »). A value a rule
/// compared with a bound is written so: rounded, it could print equal to the bound it fails.
inline constexpr int kShortest = -1;

/// 2.5 → « 2,5 » / "2.5"; 1234 → « 1 234 » (U+202F) / "1,234". At most `decimals` digits
/// after the separator (kShortest: see above), trailing zeros dropped; -0 is 0.
std::string number(double value, std::string_view lang, int decimals = 2);

/// « 1 234 stagiaires », « 0 constat », "1 finding", "0 findings": French takes the singular
/// for 0 and 1, English for 1 only. The number is written by number().
std::string count(double n, std::string_view lang, std::string_view one, std::string_view many);
/// Just the word of count(), for sentences that place the number themselves.
std::string_view plural(double n, std::string_view lang, std::string_view one, std::string_view many);

/// The separator before a colon: « : » with U+00A0 in French, ":" in English — write
/// `"Titulaire" + colon(lang) + " " + name`.
std::string_view colon(std::string_view lang);

/// French typography on a finished French sentence: the space before « : » becomes U+00A0,
/// before « ; ! ? » U+202F (added where missing after a word), and spaces inside « » become
/// U+00A0. Leaves "a.yaml:12:5:", URLs ("https://") and times ("12:30") alone. English text
/// is returned unchanged.
std::string typography(std::string_view text, std::string_view lang);


}  // namespace cadre::locale
