// SPDX-License-Identifier: Apache-2.0
#include "engine/record/json_reader.hpp"

#include "engine/base/utf8.hpp"

#include <fmt/format.h>

namespace cadre::record {

namespace {

class JsonReader {
 public:
  JsonReader(std::string_view text, ParseEvents& handler, std::size_t max_depth)
      : text_(text), handler_(handler), max_depth_(max_depth) {}

  void document() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;  // a UTF-8 byte order mark
    space();
    handler_.on_document_start(mark());
    value(0);
    space();
    if (at_ < text_.size()) fail("unexpected text after the JSON value");
    handler_.on_document_end();
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw JsonError{static_cast<std::uint32_t>(at_), message};
  }

  /// The whole UTF-8 character at `k`, for messages (never half of one).
  std::string character(std::size_t k) const {
    auto lead = static_cast<unsigned char>(text_[k]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return std::string(text_.substr(k, length));
  }

  std::uint32_t mark() const { return static_cast<std::uint32_t>(at_); }

  void space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
      ++at_;
  }

  /// Right after an opening bracket: true (and past it) when `close` follows at once.
  bool closes_empty(char close) {
    space();
    if (at_ < text_.size() && text_[at_] == close) {
      ++at_;
      return true;
    }
    return false;
  }

  /// After a member or an element: true past the closing bracket, false past a comma.
  bool closes(char close, const char* what) {
    space();
    if (at_ < text_.size() && text_[at_] == ',') {
      ++at_;
      return false;
    }
    if (at_ < text_.size() && text_[at_] == close) {
      ++at_;
      return true;
    }
    fail(fmt::format("expected `,` or `{}` in this {}", close, what));
  }

  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  void value(std::size_t depth) {
    if (at_ >= text_.size()) fail("a value is missing at the end of the text");
    // Containers only, and one level past the handler's own limit (the loader's Builder
    // reports E0308 at the same depth as for YAML): this bound only keeps recursion finite.
    if ((text_[at_] == '{' || text_[at_] == '[') && depth > max_depth_)
      fail(fmt::format("values are nested more than {} levels deep", max_depth_));
    std::uint32_t start = mark();
    char c = text_[at_];
    if (c == '{') {
      handler_.on_map_start(start, {}, {});
      ++at_;
      if (!closes_empty('}')) {
        do {
          space();
          if (at_ >= text_.size() || text_[at_] != '"') fail("expected a key in double quotes");
          std::uint32_t key = mark();  // before string() moves past the key
          handler_.on_scalar(key, {}, {}, string(), true);
          space();
          if (at_ >= text_.size() || text_[at_] != ':') fail("expected `:` after the key");
          ++at_;
          space();
          value(depth + 1);
        } while (!closes('}', "object"));
      }
      handler_.on_map_end();
    } else if (c == '[') {
      handler_.on_sequence_start(start, {}, {});
      ++at_;
      if (!closes_empty(']')) {
        do {
          space();
          value(depth + 1);
        } while (!closes(']', "array"));
      }
      handler_.on_sequence_end();
    } else if (c == '"') {
      handler_.on_scalar(start, {}, {}, string(), true);
    } else if (literal("null")) {
      handler_.on_null(start, {});
    } else if (literal("true") || literal("false")) {
      handler_.on_scalar(start, {}, {}, text_.substr(start, at_ - start), false);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      handler_.on_scalar(start, {}, {}, number(), false);
    } else {
      fail(fmt::format("unexpected `{}`: expected a JSON value", character(at_)));
    }
  }

  std::string number() {
    std::size_t begin = at_;
    auto digits = [&] {
      std::size_t from = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ > from;
    };
    if (text_[at_] == '-') ++at_;
    if (at_ < text_.size() && text_[at_] == '0') ++at_;
    else if (!digits()) fail("a number needs digits");
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) fail("a decimal point needs digits after it");
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) fail("an exponent needs digits");
    }
    return std::string(text_.substr(begin, at_ - begin));
  }

  /// The four hex digits after `\u`; an error points at the backslash of the escape.
  unsigned hex4() {
    std::size_t escape = at_ - 2;
    auto bad = [&] {
      at_ = escape;
      fail("`\\u` needs four hexadecimal digits");
    };
    if (at_ + 4 > text_.size()) bad();
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char h = text_[at_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
      else bad();
    }
    return v;
  }

  std::string string() {
    ++at_;  // the opening quote
    std::string out;
    while (true) {
      if (at_ >= text_.size()) fail("this string is not closed");
      char c = text_[at_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        --at_;
        fail("a control character must be escaped in a string");
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ >= text_.size()) fail("this string is not closed");
      char e = text_[at_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::size_t escape = at_ - 2;  // errors point at the backslash
          unsigned cp = hex4();
          auto surrogate_error = [&](const char* message) {
            at_ = escape;
            fail(message);
          };
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
            if (!literal("\\u")) surrogate_error("a high surrogate must be followed by a low one");
            unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) surrogate_error("a high surrogate must be followed by a low one");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            surrogate_error("a low surrogate without a high one");
          }
          append_utf8(out, cp);
          break;
        }
        default: at_ -= 2; fail(fmt::format("`\\{}` is not a JSON escape", character(at_ + 1)));
      }
    }
  }

  std::string_view text_;
  ParseEvents& handler_;
  std::size_t max_depth_;
  std::size_t at_ = 0;
};

}  // namespace

void read_json(std::string_view text, ParseEvents& handler, std::size_t max_depth) {
  JsonReader(text, handler, max_depth).document();
}

}  // namespace cadre::record
