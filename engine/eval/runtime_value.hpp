// SPDX-License-Identifier: Apache-2.0
// Values during evaluation. Kleene logic: a value may be Missing (absent data, or a
// computation that cannot be done), and Missing propagates until a rule's outcome, where
// it becomes an "undecided" finding that names what is missing (docs/language.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/base/calendar.hpp"
#include "engine/record/value.hpp"

namespace cadre::eval {

struct RuntimeValue {
  enum class Kind : std::uint8_t { Missing, Bool, Integer, Number, String, Date, Duration, List, Record };
  Kind kind = Kind::Missing;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::string text;       // String; for Missing: what is missing, `course.ects` (or why)
  Date date;
  Duration duration;
  const record::Value* node = nullptr;   // List and Record read from a record
  std::shared_ptr<const std::vector<RuntimeValue>> items;  // lists built by rules (literals)
  // Blame: the record value this result is about, and, when it is about a missing field,
  // the JSON Pointer tail of that field below `source` (`/resit_policy`).
  const record::Value* source = nullptr;
  std::string missing_tail;

  bool missing() const { return kind == Kind::Missing; }
  /// Missing because the record value is there but breaks its schema (`source` is that value).
  bool unreadable() const {
    return kind == Kind::Missing && source && source->unreadable != record::Unreadable::None && missing_tail.empty();
  }
  double as_number() const { return kind == Kind::Integer ? static_cast<double>(integer) : number; }
  std::size_t size() const;
  RuntimeValue item(std::size_t i) const;

  static RuntimeValue make_bool(bool b, const record::Value* source = nullptr);
  static RuntimeValue make_missing(std::string what, const record::Value* source, std::string tail = {});
  /// Reads a typed record value (after conform()).
  static RuntimeValue from_record(const record::Value& v);
};

/// Equality across numeric kinds, strings and enums, dates, durations and lists.
bool equal(const RuntimeValue& a, const RuntimeValue& b);
/// -1, 0, 1; only for values the checker allowed to be ordered.
int compare(const RuntimeValue& a, const RuntimeValue& b);
/// How a value reads inside a message, in `lang` (French writes 0,5 and separates list
/// items with semicolons).
std::string render(const RuntimeValue& v, const std::string& lang = "en");

}  // namespace cadre::eval
