#include "engine/record/conform.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "engine/base/fuzzy.hpp"

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

class Conformer {
 public:
  Conformer(FileId file, Diagnostics& diagnostics, std::vector<const Value*>* embedded)
      : file_(file), diagnostics_(diagnostics), embedded_(embedded) {}

  bool ok() const { return ok_; }

  void value(Value& v, const Type& type, const std::string& where) {
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
        v.kind = Value::Kind::Number;
        v.number = d;
        return;
      }
      case Type::Kind::Date: {
        auto d = parse_date(t);
        if (!d) {
          return error(DiagCode::E0304, v.offset,
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
          return error(DiagCode::E0309, v.offset,
                       fmt::format("`{}` is not an ISO 8601 duration for `{}`", t, where),
                       "write hours, minutes or days: PT2H, PT90M, P1D");
        }
        if (!std::isfinite(d->seconds) || d->seconds > kLongestDurationSeconds)
          return error(DiagCode::E0317, v.offset,
                       fmt::format("`{}` for `{}` is longer than a century: no record means that", t, where),
                       "check the figure: PT30H is thirty hours, P14D two weeks");
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
        return error(DiagCode::E0310, v.offset,
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
        auto suggestion = closest_name(child.key, type.field_names());
        diagnostics_.add(DiagCode::W0306, Span{file_, child.key_offset, child.key_offset + static_cast<std::uint32_t>(child.key.size())},
                         fmt::format("`{}{}` is not a field of {}", prefix, child.key, schema::describe(type)),
                         suggestion ? fmt::format("did you mean `{}{}`?", prefix, *suggestion) : std::string{});
        continue;
      }
      if (child.kind == Value::Kind::Null) {
        if (!field->optional)
          error(DiagCode::E0302, child.key_offset, fmt::format("required field `{}{}` is empty", prefix, child.key));
        continue;
      }
      value(child, *field->type, prefix + child.key);
    }
    for (const auto& field : type.fields) {
      if (field.optional || v.get(field.name)) continue;
      error(DiagCode::E0302, v.anchor(),
            fmt::format("required field `{}{}` is missing", prefix, field.name),
            field.doc.empty() ? std::string{} : fmt::format("`{}`: {}", field.name, field.doc));
    }
  }

 private:
  void wrong(const Value& v, const Type& type, const std::string& where) {
    error(DiagCode::E0303, v.offset,
          fmt::format("`{}` should be {}, found {}{}", where.empty() ? "record" : where, schema::describe(type),
                      found_text(v), v.kind == Value::Kind::Scalar ? fmt::format(" `{}`", v.text) : ""));
  }

  void absurd(const Value& v, const std::string& where) {
    error(DiagCode::E0317, v.offset,
          fmt::format("`{}` for `{}` is beyond any figure a record holds (more than 10^15 in size)", v.text,
                      where.empty() ? "record" : where),
          "check the figure; an exponent (`e308`) is usually a typo");
  }

  void error(DiagCode code, std::uint32_t at, std::string message, std::string help = {}) {
    diagnostics_.add(code, Span{file_, at, at + 1}, std::move(message), std::move(help));
    ok_ = false;
  }

  FileId file_;
  Diagnostics& diagnostics_;
  std::vector<const Value*>* embedded_;
  bool ok_ = true;
};

}  // namespace

bool conform(Record& record, const schema::Type& type, Diagnostics& diagnostics,
             std::vector<const Value*>* embedded) {
  Conformer c(record.file, diagnostics, embedded);
  c.map(*record.root, type, "");
  record.valid = record.valid && c.ok();
  return record.valid;
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
