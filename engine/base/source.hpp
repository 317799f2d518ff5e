// SPDX-License-Identifier: Apache-2.0
// Source files and positions.
//
// Every position in cadre is a byte offset into a SourceFile owned by a SourceManager;
// line and column are computed only when something is shown to a person. Columns count
// Unicode code points (SARIF columnKind "unicodeCodePoints"), lines and columns are 1-based.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cadre {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

/// A half-open byte range [begin, end) in one file.
struct Span {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool valid() const { return file != kNoFile; }
};

/// A 1-based line and column (column in code points).
struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  auto operator<=>(const Position&) const = default;
};

/// One loaded file: its path as the user named it, its bytes, and a line-start table.
/// A run keeps one per record file it reads, so a file without text (added empty, or
/// released keeping nothing) is only its path and a null pointer.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  SourceFile(const SourceFile& other);
  SourceFile& operator=(const SourceFile& other);
  SourceFile(SourceFile&&) noexcept;
  SourceFile& operator=(SourceFile&&) noexcept;
  ~SourceFile();
  const std::string& path() const { return path_; }
  const std::string& text() const;
  /// Sets the text of a file added empty (files are read by the worker that checks them).
  void set_text(std::string text);
  Position position(std::uint32_t offset) const;
  /// The text of 1-based line `line`, without its line break.
  std::string_view line_text(std::uint32_t line) const;

  /// Frees the text once a file is checked, keeping only what reports will show: the
  /// position of each offset in `keep` and the lines they are on. Memory then no longer
  /// grows with the size of the files read. Positions of other offsets are unknown after.
  void release(const std::vector<std::uint32_t>& keep);

 private:
  struct Body;  // the text and its line starts, or what a release kept
  std::string path_;
  std::unique_ptr<Body> body_;  // null: no text, nothing kept
};

/// Owns every file read during a run. Files never move once added (deque), so references
/// and FileIds stay valid for the whole run. Not thread-safe for add(); reads are.
class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return files_.at(id); }
  /// For the worker that owns a file during a run (no other thread touches that file).
  SourceFile& mutable_file(FileId id) { return files_.at(id); }
  std::size_t size() const { return files_.size(); }

 private:
  std::deque<SourceFile> files_;
};

/// Number of code points in a UTF-8 byte range (invalid bytes count one each).
std::uint32_t count_code_points(std::string_view bytes);

/// Where code point `n` (from 0, counted as count_code_points counts) starts in `bytes`;
/// bytes.size() when there are no more than `n`.
std::size_t code_point_offset(std::string_view bytes, std::size_t n);

/// The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
/// forms, no surrogates, nothing above U+10FFFF), or npos when `bytes` is all UTF-8.
std::size_t invalid_utf8(std::string_view bytes);

}  // namespace cadre
