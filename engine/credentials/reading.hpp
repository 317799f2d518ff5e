// SPDX-License-Identifier: Apache-2.0
// Internal to engine/credentials/ (not part of its public API): reading JSON-LD values the
// way credentials write them, and writing the certificate fields they map onto, each keeping
// the position of what it was read from.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "engine/base/diagnostic.hpp"
#include "engine/record/value.hpp"

namespace cadre::credentials::detail {

using record::Value;
using Kind = Value::Kind;

/// A text found in the credential: the property that holds it and the scalar itself.
struct Pick {
  const Value* prop = nullptr;
  const Value* value = nullptr;
  explicit operator bool() const { return value != nullptr; }
};

/// Property `name` of node `v` (or its keyword form `@id`, `@type`); null values are absent.
const Value* get(const Value* v, std::string_view name);

/// The first value of a property that holds a list, or the property's single value.
const Value* first(const Value* v);

/// Every value of a property: the items of a list, or the single value.
std::vector<const Value*> all(const Value* v);

/// Follows properties from `v`, through the first value of each list on the way.
const Value* path(const Value* v, std::initializer_list<std::string_view> names);

bool is_language_tag(const std::string& key);

/// French first (the records' language), then English, then any other language.
int language_rank(std::string_view tag);

/// The scalar that gives a property's text, or null when it has none (a node, not a text).
const Value* text(const Value* v);

/// A Note (ELM): its `noteLiteral`; or a plain text.
const Value* note_text(const Value* v);

/// A Concept (ELM): its `prefLabel`; or a plain text.
const Value* label_text(const Value* v);

bool names_term(const std::string& value, std::string_view term);

bool has_type(const Value* node, std::string_view term);

std::string lower(std::string s);

bool contains_any(const std::string& haystack, std::initializer_list<std::string_view> needles);

bool is_web_url(const std::string& s);

std::optional<double> number_of(std::string_view t);

/// The number at the end of a text: 6 in `http://data.europa.eu/snb/eqf/6`, `EQF level 6`.
std::optional<std::string> trailing_number(std::string_view s);

/// Hours in an ISO 8601 duration that has a time part only (PT21H, PT1H30M, PT90M),
/// rounded to the hundredth; none for days, weeks, months, years, or a malformed text.
std::optional<double> duration_hours(std::string_view s);

/// Where a property's key is (a map entry), or where the value is (a list item).
std::uint32_t key_of(const Value* v);

Value leaf(std::string key, std::string text_value, bool quoted, std::uint32_t at, std::uint32_t key_at);

/// A map or list of the certificate, positioned at the property `from`.
Value node(Kind kind, std::string key, const Value* from);

Pick as_text(const Value* prop);

Pick as_note(const Value* prop);

Pick as_label(const Value* prop);

Pick as_url(const Value* prop);

Pick either(std::initializer_list<Pick> picks);

/// `key: text` (a string) when the pick found a text.
bool put(Value& out, std::string key, Pick p);

/// `key: value` for a value the mapping computed (an enumeration value, a converted code),
/// positioned at the text it was computed from.
void put_computed(Value& out, std::string key, std::string value, Pick from, bool quoted = true);

void add_if_filled(Value& out, Value child);

/// A person's name (not an organisation's): `fullName` or `name`, else given and family
/// names joined. A node counts as a person when it is typed `Person` or has name parts.
Pick person(const Value* prop, std::string& name);




class Mapper {
 public:
  Mapper(Diagnostics& diagnostics, FileId file) : diagnostics_(diagnostics), file_(file) {}

  /// A number (ECTS credits), as written when it is one; otherwise a diagnostic.
  void put_number(Value& out, std::string key, Pick p, std::string_view what) {
    if (!p) return;
    if (!number_of(p.value->text)) {
      problem(DiagCode::E0303, *p.value, fmt::format("{} `{}` is not a number", what, p.value->text),
              fmt::format("the certificate's `{}` is left out", key));
      return;
    }
    put_computed(out, std::move(key), p.value->text, p, false);
  }

  /// An EQF level read from the number that ends `p`'s text, as `level: {framework: EQF, value}`.
  void put_eqf(Value& out, const Value* at, Pick p) {
    if (!p) return;
    auto digits = trailing_number(p.value->text);
    if (!digits) {
      problem(DiagCode::E0303, *p.value, fmt::format("EQF level `{}` does not end with a level number", p.value->text),
              "the certificate's `level` is left out");
      return;
    }
    Value level = node(Kind::Map, "level", at);
    level.children.push_back(leaf("framework", "EQF", true, level.offset, level.key_offset));
    put_computed(level, "value", *digits, p, false);
    out.children.push_back(std::move(level));
  }

  /// Notional workload from an ISO 8601 duration in hours (ELM `volumeOfLearning`).
  void put_workload(Value& out, Pick p) {
    if (!p) return;
    auto hours = duration_hours(p.value->text);
    if (!hours || *hours <= 0) {
      problem(DiagCode::E0309, *p.value,
              fmt::format("volume of learning `{}` is not a duration in hours", p.value->text),
              "write it as PT21H or PT1H30M; the certificate's `workload_hours` is left out");
      return;
    }
    put_computed(out, "workload_hours", fmt::format("{}", *hours), p, false);
  }

  void problem(DiagCode code, const Value& at, std::string message, std::string help) {
    diagnostics_.add(code, Span{file_, at.offset, at.offset + 1}, std::move(message), std::move(help));
  }

 private:
  Diagnostics& diagnostics_;
  FileId file_;
};

}  // namespace cadre::credentials::detail
