// SPDX-License-Identifier: Apache-2.0
// Record data: a tree of values, each remembering where it was written.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/base/calendar.hpp"
#include "engine/base/source.hpp"

namespace cadre::record {

/// Why a value that is present could not be read against its schema (conform()). Such a
/// value invalidates itself only: a rule reading it is undecided, with this as the reason.
enum class Unreadable : std::uint8_t {
  None,
  // E0303, by the type expected
  NotBoolean, NotInteger, NotNumber, NotText, NotDate, NotDuration, NotEnum, NotList, NotMapping,
  BadDate,      // E0304
  BadDuration,  // E0309
  BadEnum,      // E0310
  DuplicateKey, // E0305: which of the two values was meant?
  Absurd,       // E0317: a figure beyond any a record means
  Inexact,      // E0319: more significant digits than a double holds (read as another value)
  Tagged        // E0301: a YAML tag (`!!binary`, `!custom`) asks for a type records do not have
};

/// One value of a record file. Scalars arrive untyped (Kind::Scalar, with `text`) from
/// the YAML/JSON reader and are typed in place by conform() against the schema.
struct Value {
  enum class Kind : std::uint8_t { Null, Scalar, Bool, Integer, Number, String, Date, Duration, List, Map };
  Kind kind = Kind::Null;
  bool quoted = false;           // the scalar was quoted in the file ("21", not 21)
  Unreadable unreadable = Unreadable::None;  // set by conform(): the value breaks its schema
  std::uint32_t offset = 0;      // byte offset of the value token
  std::uint32_t key_offset = 0;  // byte offset of the key, for map entries
  std::string key;               // the key, for map entries
  std::string text;              // scalar text; the value of strings
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  Date date;
  Duration duration;
  std::vector<Value> children;   // list items, or map entries in file order
  const Value* parent = nullptr;

  const Value* get(const std::string& name) const;
  bool is_map() const { return kind == Kind::Map; }
  /// RFC 6901 JSON Pointer from the record root: `/assessment/criteria/0`.
  std::string pointer() const;
  /// Where a finding about this value points: the key of a map entry, else the value.
  std::uint32_t anchor() const { return parent && parent->is_map() ? key_offset : offset; }
  /// Sets parent links after the tree is complete (children no longer move).
  void link(const Value* up = nullptr);
};

/// One record: a document of a YAML file, a JSON file, or a line of a JSON Lines file.
struct Record {
  FileId file = kNoFile;
  std::string kind;
  std::string id;       // the `id` field when there is one
  std::uint32_t offset = 0;
  std::unique_ptr<Value> root = std::make_unique<Value>();  // heap: parent links survive moves
  bool valid = true;    // false when the record as a whole cannot be judged (no schema for its kind)
  /// Fields that break the schema (unreadable values, missing required fields), as JSON
  /// Pointers, each with the index of its diagnostic in the Diagnostics given to conform()
  /// (or none, for a duplicate key the loader reported). Rules run on the other fields.
  struct Problem {
    std::string pointer;
    std::size_t diagnostic = static_cast<std::size_t>(-1);
  };
  std::vector<Problem> problems;
  /// Judged by the rules, and no field breaks the schema: what stacking and audit figures,
  /// which read values directly, require.
  bool conforms() const { return valid && problems.empty(); }
  bool embedded = false;  // written inside another record (embedded_record), one level only
};

}  // namespace cadre::record
