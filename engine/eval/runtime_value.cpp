// SPDX-License-Identifier: Apache-2.0
#include "engine/eval/runtime_value.hpp"

#include <fmt/format.h>

#include "engine/base/locale_format.hpp"

namespace cadre::eval {

using Kind = RuntimeValue::Kind;

std::size_t RuntimeValue::size() const {
  if (items) return items->size();
  if (node) return node->children.size();
  return 0;
}

RuntimeValue RuntimeValue::item(std::size_t i) const {
  if (items) return (*items)[i];
  return from_record(node->children[i]);
}

RuntimeValue RuntimeValue::make_bool(bool b, const record::Value* source) {
  RuntimeValue v;
  v.kind = Kind::Bool;
  v.boolean = b;
  v.source = source;
  return v;
}

RuntimeValue RuntimeValue::make_missing(std::string what, const record::Value* source, std::string tail) {
  RuntimeValue v;
  v.kind = Kind::Missing;
  v.text = std::move(what);
  v.source = source;
  v.missing_tail = std::move(tail);
  return v;
}

RuntimeValue RuntimeValue::from_record(const record::Value& v) {
  RuntimeValue r;
  r.source = &v;
  if (v.unreadable != record::Unreadable::None) return r;  // missing, the value says why
  switch (v.kind) {
    case record::Value::Kind::Bool: r.kind = Kind::Bool; r.boolean = v.boolean; break;
    case record::Value::Kind::Integer: r.kind = Kind::Integer; r.integer = v.integer; break;
    case record::Value::Kind::Number: r.kind = Kind::Number; r.number = v.number; break;
    case record::Value::Kind::String:
    case record::Value::Kind::Scalar: r.kind = Kind::String; r.text = v.text; break;
    case record::Value::Kind::Date: r.kind = Kind::Date; r.date = v.date; break;
    case record::Value::Kind::Duration: r.kind = Kind::Duration; r.duration = v.duration; break;
    case record::Value::Kind::List: r.kind = Kind::List; r.node = &v; break;
    case record::Value::Kind::Map: r.kind = Kind::Record; r.node = &v; break;
    case record::Value::Kind::Null: r.kind = Kind::Missing; break;
  }
  return r;
}

bool equal(const RuntimeValue& a, const RuntimeValue& b) {
  auto numeric = [](const RuntimeValue& v) { return v.kind == Kind::Integer || v.kind == Kind::Number; };
  if (numeric(a) && numeric(b)) {
    if (a.kind == Kind::Integer && b.kind == Kind::Integer) return a.integer == b.integer;
    return a.as_number() == b.as_number();
  }
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Bool: return a.boolean == b.boolean;
    case Kind::String: return a.text == b.text;
    case Kind::Date: return compare_dates(a.date, b.date) == 0;
    case Kind::Duration: return a.duration.seconds == b.duration.seconds;
    case Kind::List: {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!equal(a.item(i), b.item(i))) return false;
      return true;
    }
    default: return false;
  }
}

int compare(const RuntimeValue& a, const RuntimeValue& b) {
  switch (a.kind) {
    case Kind::Integer:
    case Kind::Number: {
      if (a.kind == Kind::Integer && b.kind == Kind::Integer) return a.integer < b.integer ? -1 : a.integer > b.integer;
      double x = a.as_number(), y = b.as_number();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case Kind::Date: return compare_dates(a.date, b.date);
    case Kind::Duration:
      return a.duration.seconds < b.duration.seconds ? -1 : a.duration.seconds > b.duration.seconds;
    case Kind::String: return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
    default: return 0;
  }
}

std::string render(const RuntimeValue& v, const std::string& lang) {
  bool fr = lang == "fr";
  switch (v.kind) {
    case Kind::Missing: return "?";
    case Kind::Bool: return v.boolean ? (fr ? "vrai" : "true") : (fr ? "faux" : "false");
    // Typed values are written as the message's language writes them (« 12 juin 2025 »,
    // « 2,5 »), so a pack's message text needs no formatting of its own.
    case Kind::Integer:
      // Beyond 2^53 a double loses digits: such a number is an identifier, written as is.
      if (v.integer > (std::int64_t{1} << 53) || v.integer < -(std::int64_t{1} << 53)) return std::to_string(v.integer);
      return locale::number(static_cast<double>(v.integer), lang, 0);
    // Every digit the value has: a rounded 6.9999999 would read « 7 » in « … dure 7 h ; le
    // cadre exige de 7 à 30 h ».
    case Kind::Number: return locale::number(v.number, lang, locale::kShortest);
    case Kind::String: return v.text;
    case Kind::Date: return locale::moment(format_date(v.date), lang);
    case Kind::Duration: return locale::duration(v.duration.seconds, lang);
    case Kind::List: {
      std::string out;
      for (std::size_t i = 0; i < v.size(); ++i) out += (i ? (fr ? " ; " : ", ") : "") + render(v.item(i), lang);
      return out;
    }
    case Kind::Record: return "{…}";
  }
  return "?";
}

}  // namespace cadre::eval
