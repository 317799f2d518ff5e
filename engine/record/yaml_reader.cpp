// SPDX-License-Identifier: Apache-2.0
#include "engine/record/yaml_reader.hpp"

#include <yaml.h>

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace cadre::record {

namespace {

/// libyaml counts positions in characters, after a byte order mark it does not count; the
/// loader keeps byte offsets. Events come in text order, so a cursor moves forward and the
/// whole conversion is one pass over the text. ASCII text (most records) needs none.
class ByteOffsets {
 public:
  explicit ByteOffsets(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") start_ = 3;
    byte_ = start_;
    for (char c : text_)
      if (static_cast<unsigned char>(c) >= 0x80) { ascii_ = false; break; }
  }

  std::uint32_t operator()(std::size_t index) {
    if (ascii_) return static_cast<std::uint32_t>(std::min(start_ + index, text_.size()));
    if (index < char_) {  // an error's context, behind the cursor: start again
      char_ = 0;
      byte_ = start_;
    }
    while (char_ < index && byte_ < text_.size()) {
      // Through ASCII runs seven characters at a time: eight bytes with no high bit set are
      // eight characters, and the eighth ends the seventh (no continuation byte follows it).
      if (std::uint64_t word = 0; index - char_ >= 7 && byte_ + 8 <= text_.size() &&
                                  (std::memcpy(&word, text_.data() + byte_, 8), (word & 0x8080808080808080ULL) == 0)) {
        byte_ += 7;
        char_ += 7;
        continue;
      }
      ++byte_;
      while (byte_ < text_.size() && (static_cast<unsigned char>(text_[byte_]) & 0xC0) == 0x80) ++byte_;
      ++char_;
    }
    return static_cast<std::uint32_t>(byte_);
  }

 private:
  std::string_view text_;
  std::size_t start_ = 0;
  bool ascii_ = true;
  std::size_t char_ = 0;  // the cursor, in characters and in bytes
  std::size_t byte_ = 0;
};

std::string_view view(const yaml_char_t* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view(); }

/// `!` alone is YAML's non-specific tag ("a string"): untagged, as far as records go.
std::string_view tag_of(const yaml_char_t* tag) {
  std::string_view t = view(tag);
  return t == "!" ? std::string_view() : t;
}

/// YAML's null in the core schema, written plain: nothing, `~`, `null`, `Null`, `NULL`.
bool is_null(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

/// What went wrong, and where, from a parser that failed.
YamlError error_of(const yaml_parser_t& parser, ByteOffsets& offsets) {
  std::string problem = parser.problem ? parser.problem : "the YAML reader failed";
  switch (parser.error) {
    case YAML_MEMORY_ERROR:
      return YamlError{offsets(parser.mark.index), "the YAML reader ran out of memory"};
    case YAML_READER_ERROR:  // a character YAML does not allow; problem_offset is in bytes
      if (parser.problem_value != -1)
        return YamlError{static_cast<std::uint32_t>(parser.problem_offset),
                         fmt::format("{} (U+{:04X})", problem, static_cast<unsigned>(parser.problem_value))};
      return YamlError{static_cast<std::uint32_t>(parser.problem_offset), problem};
    default:
      break;
  }
  std::uint32_t at = offsets(parser.problem_mark.index);
  if (parser.context)
    problem = fmt::format("{}, {} that starts on line {}", problem, parser.context, parser.context_mark.line + 1);
  return YamlError{at, problem};
}

/// Owns a parser and the current event, so that a handler's exception frees both.
struct Parser {
  yaml_parser_t parser;
  yaml_event_t event;
  bool has_event = false;
  Parser() { yaml_parser_initialize(&parser); }
  ~Parser() {
    if (has_event) yaml_event_delete(&event);
    yaml_parser_delete(&parser);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

}  // namespace

void read_yaml(std::string_view text, ParseEvents& handler) {
  Parser p;
  ByteOffsets offsets(text);
  // No encoding given: libyaml then skips a UTF-8 byte order mark (UTF-16 and UTF-32 were
  // refused by the loader before).
  yaml_parser_set_input_string(&p.parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  for (;;) {
    if (!yaml_parser_parse(&p.parser, &p.event)) throw error_of(p.parser, offsets);
    p.has_event = true;
    const yaml_event_t& e = p.event;
    std::uint32_t at = offsets(e.start_mark.index);
    switch (e.type) {
      case YAML_STREAM_START_EVENT:
        break;
      case YAML_DOCUMENT_START_EVENT:
        handler.on_document_start(at);
        break;
      case YAML_DOCUMENT_END_EVENT:
        handler.on_document_end();
        break;
      case YAML_ALIAS_EVENT:
        handler.on_alias(at, view(e.data.alias.anchor));
        break;
      case YAML_SCALAR_EVENT: {
        std::string_view value(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        std::string_view tag = tag_of(e.data.scalar.tag);
        bool quoted = e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || view(e.data.scalar.tag) == "!";
        if (!quoted && tag.empty() && is_null(value))
          handler.on_null(at, view(e.data.scalar.anchor));
        else
          handler.on_scalar(at, tag, view(e.data.scalar.anchor), value, quoted);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
        handler.on_sequence_start(at, tag_of(e.data.sequence_start.tag), view(e.data.sequence_start.anchor));
        break;
      case YAML_SEQUENCE_END_EVENT:
        handler.on_sequence_end();
        break;
      case YAML_MAPPING_START_EVENT:
        handler.on_map_start(at, tag_of(e.data.mapping_start.tag), view(e.data.mapping_start.anchor));
        break;
      case YAML_MAPPING_END_EVENT:
        handler.on_map_end();
        break;
      case YAML_STREAM_END_EVENT:
        return;
      case YAML_NO_EVENT:
        break;
    }
    yaml_event_delete(&p.event);
    p.has_event = false;
  }
}

}  // namespace cadre::record
