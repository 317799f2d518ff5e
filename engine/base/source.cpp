// SPDX-License-Identifier: Apache-2.0
#include "engine/base/source.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace cadre {

struct SourceFile::Body {
  std::string text;
  std::vector<std::uint32_t> line_starts;
  bool released = false;
  std::vector<std::pair<std::uint32_t, Position>> kept_positions;  // sorted by offset
  std::vector<std::pair<std::uint32_t, std::string>> kept_lines;   // sorted by line
};

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)) { set_text(std::move(text)); }
SourceFile::SourceFile(const SourceFile& other)
    : path_(other.path_), body_(other.body_ ? std::make_unique<Body>(*other.body_) : nullptr) {}
SourceFile& SourceFile::operator=(const SourceFile& other) {
  if (this != &other) *this = SourceFile(other);
  return *this;
}
SourceFile::SourceFile(SourceFile&&) noexcept = default;
SourceFile& SourceFile::operator=(SourceFile&&) noexcept = default;
SourceFile::~SourceFile() = default;

const std::string& SourceFile::text() const {
  static const std::string kNone;
  return body_ ? body_->text : kNone;
}

void SourceFile::set_text(std::string text) {
  if (text.empty()) {  // positions in an empty text are all 1:1, as in a file with no body
    body_.reset();
    return;
  }
  body_ = std::make_unique<Body>();
  body_->text = std::move(text);
  const std::string& t = body_->text;
  auto& starts = body_->line_starts;
  starts.assign(1, 0);
  // Sized first (a vectorised count), then filled by memchr: no regrowth, no byte loop.
  starts.reserve(1 + static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n')));
  const char* begin = t.data();
  const char* end = begin + t.size();
  for (const char* p = begin; p < end;) {
    const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!nl) break;
    starts.push_back(static_cast<std::uint32_t>(nl - begin + 1));
    p = nl + 1;
  }
}

void SourceFile::release(const std::vector<std::uint32_t>& keep) {
  // Read through position() and line_text(): a file released already keeps a subset.
  std::vector<std::pair<std::uint32_t, Position>> positions;
  std::vector<std::pair<std::uint32_t, std::string>> lines;
  for (std::uint32_t offset : keep) {
    Position p = position(offset);
    positions.emplace_back(offset, p);
    lines.emplace_back(p.line, std::string(line_text(p.line)));
  }
  if (positions.empty()) {
    body_.reset();
    return;
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  auto body = std::make_unique<Body>();
  body->released = true;
  body->kept_positions = std::move(positions);
  body->kept_lines = std::move(lines);
  body_ = std::move(body);
}

Position SourceFile::position(std::uint32_t offset) const {
  if (!body_) return {1, 1};
  if (body_->released) {
    const auto& kept = body_->kept_positions;
    auto it = std::lower_bound(kept.begin(), kept.end(), std::make_pair(offset, Position{}),
                               [](const auto& a, const auto& b) { return a.first < b.first; });
    return it != kept.end() && it->first == offset ? it->second : Position{1, 1};
  }
  const std::string& text = body_->text;
  const auto& line_starts = body_->line_starts;
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  auto line_index = static_cast<std::uint32_t>(it - line_starts.begin()) - 1;
  std::uint32_t start = line_starts[line_index];
  auto column = count_code_points(std::string_view(text).substr(start, offset - start)) + 1;
  // A UTF-8 byte order mark is no character of the first line: editors show none.
  if (line_index == 0 && offset >= 3 && std::string_view(text).starts_with("\xEF\xBB\xBF")) --column;
  return {line_index + 1, column};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (!body_) return {};
  if (body_->released) {
    const auto& kept = body_->kept_lines;
    auto it = std::lower_bound(kept.begin(), kept.end(), line, [](const auto& a, std::uint32_t l) { return a.first < l; });
    return it != kept.end() && it->first == line ? std::string_view(it->second) : std::string_view{};
  }
  const auto& line_starts = body_->line_starts;
  if (line == 0 || line > line_starts.size()) return {};
  std::uint32_t start = line_starts[line - 1];
  std::uint32_t end = line < line_starts.size() ? line_starts[line] - 1 : static_cast<std::uint32_t>(body_->text.size());
  std::string_view view(body_->text);
  auto result = view.substr(start, end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

FileId SourceManager::add(std::string path, std::string text) {
  files_.emplace_back(std::move(path), std::move(text));
  return static_cast<FileId>(files_.size() - 1);
}

std::uint32_t count_code_points(std::string_view bytes) {
  std::uint32_t count = 0;
  for (unsigned char c : bytes) {
    if ((c & 0xC0) != 0x80) ++count;  // count every byte that does not continue a sequence
  }
  return count;
}

std::size_t code_point_offset(std::string_view bytes, std::size_t n) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if ((static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80) continue;
    if (seen++ == n) return i;
  }
  return bytes.size();
}

std::size_t invalid_utf8(std::string_view bytes) {
  std::size_t i = 0, n = bytes.size();
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  auto continuation = [&](std::size_t k) { return k < n && (at(k) & 0xC0) == 0x80; };
  while (i < n) {
    // Records are mostly ASCII: eight bytes at a time while none has its high bit set.
    if (std::uint64_t word = 0; i + 8 <= n && (std::memcpy(&word, bytes.data() + i, 8), (word & 0x8080808080808080ULL) == 0)) {
      i += 8;
      continue;
    }
    unsigned char c = at(i);
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!continuation(i + 1)) return i;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (!continuation(i + 1) || !continuation(i + 2)) return i;
      unsigned char d = at(i + 1);
      if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d > 0x9F)) return i;  // overlong, surrogate
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return i;
      unsigned char d = at(i + 1);
      if ((c == 0xF0 && d < 0x90) || (c == 0xF4 && d > 0x8F)) return i;  // overlong, > U+10FFFF
      i += 4;
    } else {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace cadre
