// SPDX-License-Identifier: Apache-2.0
#include "engine/record/conform.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "engine/base/exact_decimal.hpp"
#include "engine/base/fuzzy.hpp"
#include "engine/record/unreadable.hpp"

namespace cadre::record {

namespace {

using schema::Type;

/// Bounds past which a value cannot be a figure of a record: beyond 10^15 a double no
/// longer holds every integer (so sums and comparisons in rules go wrong), and no course,
/// calendar or certificate spans more than a century. `1e308` or `PT99999999999999999999H`
/// is a typo or an attack, and is refused where it is written (E0317).
constexpr double kLargestMagnitude = 1e15;
constexpr double kLongestDurationSeconds = 100 * 366 * 86400.0;

const char* found_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Map: return "a mapping";
    case Value::Kind::List: return "a list";
    case Value::Kind::Null: return "nothing";
    default: return v.quoted ? "a quoted string" : "a word";
  }
}

/// How a value that does not have the type the schema expects is marked (E0303).
Unreadable not_a(const Type& type) {
  switch (type.kind) {
    case Type::Kind::Bool: return Unreadable::NotBoolean;
    case Type::Kind::Integer: return Unreadable::NotInteger;
    case Type::Kind::Number: return Unreadable::NotNumber;
    case Type::Kind::Date: return Unreadable::NotDate;
    case Type::Kind::Duration: return Unreadable::NotDuration;
    case Type::Kind::Enum: return Unreadable::NotEnum;
    case Type::Kind::List: return Unreadable::NotList;
    case Type::Kind::Record: return Unreadable::NotMapping;
    default: return Unreadable::NotText;
  }
}

/// The help of an undeclared field (W0306): the field a synonym declared by the schema
/// stands for, else the closest field name, else every field of that kind.
std::string unknown_field_help(const std::string& key, const Type& type, const std::string& prefix) {
  auto folded = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (const auto& field : type.fields)
    for (const auto& synonym : field.synonyms)
      if (folded(synonym) == folded(key))
        return fmt::format("did you mean `{}{}`? (`{}` is a synonym the schema declares for it)", prefix, field.name, key);
  if (auto suggestion = closest_name(key, type.field_names()))
    return fmt::format("did you mean `{}{}`?", prefix, *suggestion);
  // A field of a nested mapping written one level too high (`resit_policy` for
  // `assessment.resit_policy`).
  for (const auto& field : type.fields) {
    const Type* inner = field.type.get();
    while (inner && inner->kind == Type::Kind::List) inner = inner->element.get();
    if (inner && inner->kind == Type::Kind::Record && inner->field(key))
      return fmt::format("did you mean `{}{}.{}`? (a field of `{}`)", prefix, field.name, key, field.name);
  }
  std::string names;
  for (const auto& field : type.fields) names += (names.empty() ? "`" : ", `") + field.name + "`";
  return names.empty() ? std::string{} : fmt::format("the fields of {} are {}", schema::describe(type), names);
}

/// The first figure of an ISO 8601 duration that a double does not hold as written, with
/// the value it would be read as.
std::optional<std::pair<std::string, double>> inexact_figure(std::string_view duration) {
  std::size_t pos = 0;
  while (pos < duration.size()) {
    std::size_t start = duration.find_first_of("0123456789.,", pos);
    if (start == std::string_view::npos) break;
    std::size_t end = duration.find_first_not_of("0123456789.,", start);
    if (end == std::string_view::npos) end = duration.size();
    std::string figure(duration.substr(start, end - start));
    for (auto& c : figure)
      if (c == ',') c = '.';
    double value = 0;
    auto [p, ec] = std::from_chars(figure.data(), figure.data() + figure.size(), value);
    if (ec == std::errc() && !holds_as_written(figure, value)) return std::pair{std::string(duration.substr(start, end - start)), value};
    pos = end;
  }
  return std::nullopt;
}

class Conformer {
 public:
  Conformer(Record& record, Diagnostics& diagnostics, std::vector<const Value*>* embedded)
      : record_(record), file_(record.file), diagnostics_(diagnostics), embedded_(embedded) {}

  void value(Value& v, const Type& type, const std::string& where) {
    if (v.unreadable != Unreadable::None) return problem(v.pointer(), loader_diagnostic(v));
    switch (type.kind) {
      case Type::Kind::Error: return;
      case Type::Kind::Any:
        // A mapping with its own `kind`, where the schema accepts anything, may be a record
        // written inline (a certificate in a transcript): the caller decides.
        if (embedded_ && v.kind == Value::Kind::Map && v.get("kind")) embedded_->push_back(&v);
        return;
      case Type::Kind::Record: return map(v, type, where);
      case Type::Kind::List:
        if (v.kind != Value::Kind::List) return wrong(v, type, where);
        for (std::size_t i = 0; i < v.children.size(); ++i)
          value(v.children[i], *type.element, fmt::format("{}[{}]", where, i));
        return;
      default: break;
    }
    if (v.kind != Value::Kind::Scalar) return wrong(v, type, where);
    const std::string& t = v.text;
    switch (type.kind) {
      case Type::Kind::String:
        v.kind = Value::Kind::String;
        return;
      case Type::Kind::Bool:
        if (!v.quoted && (t == "true" || t == "True" || t == "TRUE")) { v.kind = Value::Kind::Bool; v.boolean = true; return; }
        if (!v.quoted && (t == "false" || t == "False" || t == "FALSE")) { v.kind = Value::Kind::Bool; v.boolean = false; return; }
        return wrong(v, type, where);
      case Type::Kind::Integer: {
        std::int64_t n = 0;
        auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
        if (!v.quoted && ec == std::errc::result_out_of_range && p == t.data() + t.size()) return absurd(v, where);
        if (v.quoted || ec != std::errc() || p != t.data() + t.size()) return wrong(v, type, where);
        if (std::fabs(static_cast<double>(n)) > kLargestMagnitude) return absurd(v, where);
        v.kind = Value::Kind::Integer;
        v.integer = n;
        return;
      }
      case Type::Kind::Number: {
        double d = 0;
        auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
        if (!v.quoted && ec == std::errc::result_out_of_range && p == t.data() + t.size()) return absurd(v, where);
        if (v.quoted || ec != std::errc() || p != t.data() + t.size() || !std::isfinite(d))
          return wrong(v, type, where);
        if (std::fabs(d) > kLargestMagnitude) return absurd(v, where);
        if (!holds_as_written(t, d)) return inexact(v, t, d, where);
        v.kind = Value::Kind::Number;
        v.number = d;
        return;
      }
      case Type::Kind::Date: {
        auto d = parse_date(t);
        if (!d) {
          return unreadable(v, Unreadable::BadDate, DiagCode::E0304,
                            fmt::format("`{}` is not a valid date for `{}`", t, where),
                            "write an ISO 8601 date such as 2025-01-13, or a date-time such as 2025-01-20T18:00");
        }
        v.kind = Value::Kind::Date;
        v.date = *d;
        return;
      }
      case Type::Kind::Duration: {
        auto d = parse_duration(t);
        if (!d) {
          return unreadable(v, Unreadable::BadDuration, DiagCode::E0309,
                            fmt::format("`{}` is not an ISO 8601 duration for `{}`", t, where),
                            "write hours, minutes or days: PT2H, PT90M, P1D");
        }
        if (!std::isfinite(d->seconds) || d->seconds > kLongestDurationSeconds)
          return unreadable(v, Unreadable::Absurd, DiagCode::E0317,
                            fmt::format("`{}` for `{}` is longer than a century: no record means that", t, where),
                            "check the figure: PT30H is thirty hours, P14D two weeks");
        if (auto figure = inexact_figure(t)) return inexact(v, figure->first, figure->second, where);
        v.kind = Value::Kind::Duration;
        v.duration = *d;
        return;
      }
      case Type::Kind::Enum: {
        for (const auto& allowed : type.values) {
          if (allowed == t) {
            v.kind = Value::Kind::String;
            return;
          }
        }
        auto suggestion = closest_name(t, type.values);
        std::string values;
        for (const auto& a : type.values) values += (values.empty() ? "" : ", ") + a;
        return unreadable(v, Unreadable::BadEnum, DiagCode::E0310,
                          fmt::format("`{}` is not a value of `{}` ({})", t, where, values),
                          suggestion ? fmt::format("did you mean `{}`?", *suggestion) : std::string{});
      }
      default: return;
    }
  }

  void map(Value& v, const Type& type, const std::string& where) {
    if (v.kind != Value::Kind::Map) return wrong(v, type, where);
    auto prefix = where.empty() ? std::string{} : where + ".";
    for (auto& child : v.children) {
      const schema::Field* field = type.field(child.key);
      if (!field) {
        diagnostics_.add(DiagCode::W0306, Span{file_, child.key_offset, child.key_offset + static_cast<std::uint32_t>(child.key.size())},
                         fmt::format("`{}{}` is not a field of {}", prefix, child.key, schema::describe(type)),
                         unknown_field_help(child.key, type, prefix));
        continue;
      }
      if (child.kind == Value::Kind::Null) {
        if (!field->optional) {
          problem(child.pointer(), diagnostics_.items().size());
          diagnostics_.add(DiagCode::E0302, Span{file_, child.key_offset, child.key_offset + 1},
                           fmt::format("required field `{}{}` is empty", prefix, child.key));
        }
        continue;
      }
      value(child, *field->type, prefix + child.key);
    }
    for (const auto& field : type.fields) {
      if (field.optional || v.get(field.name)) continue;
      problem(v.pointer() + "/" + field.name, diagnostics_.items().size());
      diagnostics_.add(DiagCode::E0302, Span{file_, v.anchor(), v.anchor() + 1},
                       fmt::format("required field `{}{}` is missing", prefix, field.name),
                       // Diagnostics are written in English: the field's English description.
                       field.doc.empty() ? std::string{} : fmt::format("`{}`: {}", field.name, ast::text_in(field.doc, "en")));
    }
  }

 private:
  void wrong(Value& v, const Type& type, const std::string& where) {
    unreadable(v, not_a(type), DiagCode::E0303,
               fmt::format("`{}` should be {}, found {}{}", where.empty() ? "record" : where, schema::describe(type),
                           found_text(v), v.kind == Value::Kind::Scalar ? fmt::format(" `{}`", v.text) : ""));
  }

  /// The value is marked, and only it: rules that read it are undecided, the others run.
  void unreadable(Value& v, Unreadable why, DiagCode code, std::string message, std::string help = {}) {
    problem(v.pointer(), diagnostics_.items().size());
    diagnostics_.add(code, Span{file_, v.offset, v.offset + 1}, std::move(message), std::move(help));
    v.unreadable = why;
  }

  /// A figure no record can mean (an overflow, a typo in an exponent): unreadable, like a wrong type.
  void absurd(Value& v, const std::string& where) {
    unreadable(v, Unreadable::Absurd, DiagCode::E0317,
               fmt::format("`{}` for `{}` is beyond any figure a record holds (more than 10^15 in size)", v.text,
                           where.empty() ? "record" : where),
               "check the figure; an exponent (`e308`) is usually a typo");
  }

  /// A figure a double cannot hold as written (E0319): refused rather than rounded, since a
  /// bound would then judge another value than the one written (`6.9999999999999999` h read
  /// as 7 would meet a 7-hour minimum it misses).
  void inexact(Value& v, std::string_view figure, double read_as, const std::string& where) {
    unreadable(v, Unreadable::Inexact, DiagCode::E0319,
               fmt::format("`{}` for `{}` has more significant digits than cadre can hold: it would be read as {}",
                           figure, where.empty() ? "record" : where, read_as),
               "write at most 15 significant digits: every number that short reads back as written");
  }

  /// The loader's E0305 about a key written twice: at the second key, after `v`'s.
  /// The loader's diagnostic about `v`: a duplicate key (after the key) or a tag (at the value).
  std::size_t loader_diagnostic(const Value& v) const {
    const auto& items = diagnostics_.items();
    const std::string message = duplicate_key_message(v.key);
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].span.file != file_) continue;
      if (v.unreadable == Unreadable::DuplicateKey && items[i].code == DiagCode::E0305 &&
          items[i].span.begin > v.key_offset && items[i].message == message)
        return i;
      if (v.unreadable == Unreadable::Tagged && items[i].code == DiagCode::E0301 && items[i].span.begin == v.offset)
        return i;
    }
    return static_cast<std::size_t>(-1);
  }

  void problem(std::string pointer, std::size_t diagnostic) {
    record_.problems.push_back({std::move(pointer), diagnostic});
  }

  Record& record_;
  FileId file_;
  Diagnostics& diagnostics_;
  std::vector<const Value*>* embedded_;
};

}  // namespace

bool conform(Record& record, const schema::Type& type, Diagnostics& diagnostics,
             std::vector<const Value*>* embedded) {
  std::size_t before = record.problems.size();
  Conformer c(record, diagnostics, embedded);
  c.map(*record.root, type, "");
  return record.problems.size() == before;
}

Record embedded_record(FileId file, const Value& map) {
  Record r;
  r.file = file;
  r.offset = map.offset;
  r.embedded = true;
  *r.root = map;
  r.root->key.clear();
  r.root->key_offset = 0;
  // As for a record of its own file, `kind` picks the schema and is not a field. The record
  // starts where the mapping does (its `{`, or its first key): diagnostics about the whole
  // mapping point there too.
  auto& fields = r.root->children;
  auto kind = std::find_if(fields.begin(), fields.end(), [](const Value& v) { return v.key == "kind"; });
  if (kind != fields.end()) {
    r.kind = kind->text;
    fields.erase(kind);
  }
  r.root->link();
  if (const Value* id = r.root->get("id"); id && id->kind == Value::Kind::Scalar) r.id = id->text;
  return r;
}

}  // namespace cadre::record
