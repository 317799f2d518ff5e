// SPDX-License-Identifier: Apache-2.0
// A JSON report written in pieces, while the run goes on, that reads byte for byte as the
// whole document dumped at once: the document is dumped with a marker string where each
// streamed array goes and cut there, and each array is written one element at a time with
// the indentation nlohmann's dump(2) gives it.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cadre::report {

using Json = nlohmann::ordered_json;

/// A document as every JSON report is written: 2 spaces, invalid UTF-8 replaced.
std::string dump(const Json& json);

/// The value that stands for the streamed array `name` in a document dumped whole.
Json stream_marker(std::string_view name);

/// A dumped document cut at its markers: `pieces` has one more item than `names`; the array
/// `names[i]` goes between pieces[i] and pieces[i + 1], its key's line indented `indents[i]`.
struct CutDocument {
  std::vector<std::string> pieces;
  std::vector<std::size_t> indents;
};
CutDocument cut_at_markers(const std::string& dumped, const std::vector<std::string_view>& names);

/// An array written one element at a time, as dump() writes it at `indent` (`[]` when empty).
class JsonArrayWriter {
 public:
  JsonArrayWriter(std::ostream& out, std::size_t indent) : out_(&out), indent_(indent) {}
  void add(const Json& item);
  void close();
  std::size_t size() const { return size_; }

 private:
  std::ostream* out_;
  std::size_t indent_;
  std::size_t size_ = 0;
};

/// A section of a report that must come after sections not known yet (the run's diagnostics
/// and totals): kept in a temporary file (unlinked at once: nothing is left behind), or in
/// memory when none can be made.
class Spill {
 public:
  Spill();
  ~Spill();
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;
  std::ostream& stream() { return *stream_; }
  /// Writes everything spilled to `out`, but its first `skip` bytes.
  void copy_to(std::ostream& out, std::size_t skip = 0);

 private:
  std::unique_ptr<std::iostream> stream_;
};

}  // namespace cadre::report
