// libfyaml behind the same read_yaml as yaml_reader.cpp (libyaml), built instead of it with
// -DCADRE_YAML_READER=libfyaml: kept for the comparison of ADR 0017 only.
#include "engine/record/yaml_reader.hpp"

#include <libfyaml.h>

#include <fmt/format.h>

namespace cadre::record {

namespace {

std::string_view text_of(struct fy_token* token) {
  if (!token) return {};
  std::size_t length = 0;
  const char* text = fy_token_get_text(token, &length);
  return text ? std::string_view(text, length) : std::string_view();
}

std::string_view tag_of(struct fy_token* tag) {
  std::string_view t = text_of(tag);
  return t == "!" ? std::string_view() : t;
}

bool is_null(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

/// Where a node starts: its first property (`&anchor`, `!tag`) or its value, as yaml-cpp
/// and libyaml report it.
std::uint32_t start_of(struct fy_event* e, std::initializer_list<struct fy_token*> properties) {
  std::size_t at = SIZE_MAX;
  for (auto* token : properties)
    if (token) if (const auto* m = fy_token_start_mark(token)) at = std::min(at, m->input_pos);
  if (const auto* m = fy_event_start_mark(e)) at = std::min(at, m->input_pos);
  return at == SIZE_MAX ? 0 : static_cast<std::uint32_t>(at);
}

struct Parser {
  struct fy_diag* diag = nullptr;
  struct fy_parser* parser = nullptr;
  struct fy_event* event = nullptr;
  ~Parser() {
    if (event) fy_parser_event_free(parser, event);
    if (parser) fy_parser_destroy(parser);
    if (diag) fy_diag_destroy(diag);
  }
};

YamlError error_of(struct fy_parser* parser, std::string_view text) {
  void* iter = nullptr;
  struct fy_diag* diag = fy_parser_get_diag(parser);
  if (diag) fy_diag_unref(diag);  // the Parser holds it
  if (diag) {
    if (struct fy_diag_error* err = fy_diag_errors_iterate(diag, &iter)) {
      std::size_t at = 0;
      if (err->fyt) {
        if (const auto* m = fy_token_start_mark(err->fyt)) at = m->input_pos;
      } else {
        // line and column (0-based here) to a byte offset
        int line = 0;
        while (at < text.size() && line < err->line) if (text[at++] == '\n') ++line;
        at += static_cast<std::size_t>(std::max(err->column, 0));
      }
      std::string message = err->msg ? err->msg : "the YAML reader failed";
      return YamlError{static_cast<std::uint32_t>(std::min(at, text.size())), message};
    }
  }
  return YamlError{0, "the YAML reader failed"};
}

}  // namespace

void read_yaml(std::string_view text, ParseEvents& handler) {
  Parser p;
  struct fy_diag_cfg diag_cfg;
  fy_diag_cfg_default(&diag_cfg);
  diag_cfg.fp = nullptr;
  p.diag = fy_diag_create(&diag_cfg);
  fy_diag_set_collect_errors(p.diag, true);
  struct fy_parse_cfg cfg {};
  cfg.flags = static_cast<enum fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_COLLECT_DIAG);
  cfg.diag = p.diag;
  p.parser = fy_parser_create(&cfg);
  if (!p.parser) throw YamlError{0, "the YAML reader could not start"};
  fy_parser_set_string(p.parser, text.data(), text.size());
  for (;;) {
    p.event = fy_parser_parse(p.parser);
    if (!p.event) {
      if (fy_parser_get_stream_error(p.parser)) throw error_of(p.parser, text);
      return;
    }
    struct fy_event* e = p.event;
    switch (e->type) {
      case FYET_DOCUMENT_START:
        handler.on_document_start(start_of(e, {}));
        break;
      case FYET_DOCUMENT_END:
        handler.on_document_end();
        break;
      case FYET_ALIAS:
        handler.on_alias(start_of(e, {}), text_of(e->alias.anchor));
        break;
      case FYET_SCALAR: {
        std::string_view value = text_of(e->scalar.value);
        std::string_view raw_tag = text_of(e->scalar.tag);
        std::string_view tag = tag_of(e->scalar.tag);
        bool quoted = (e->scalar.value && fy_token_scalar_style(e->scalar.value) != FYSS_PLAIN) || raw_tag == "!";
        std::uint32_t at = start_of(e, {e->scalar.anchor, e->scalar.tag});
        if (!quoted && tag.empty() && is_null(value))
          handler.on_null(at, text_of(e->scalar.anchor));
        else
          handler.on_scalar(at, tag, text_of(e->scalar.anchor), value, quoted);
        break;
      }
      case FYET_SEQUENCE_START:
        handler.on_sequence_start(start_of(e, {e->sequence_start.anchor, e->sequence_start.tag}),
                                  tag_of(e->sequence_start.tag), text_of(e->sequence_start.anchor));
        break;
      case FYET_SEQUENCE_END:
        handler.on_sequence_end();
        break;
      case FYET_MAPPING_START:
        handler.on_map_start(start_of(e, {e->mapping_start.anchor, e->mapping_start.tag}),
                             tag_of(e->mapping_start.tag), text_of(e->mapping_start.anchor));
        break;
      case FYET_MAPPING_END:
        handler.on_map_end();
        break;
      default:
        break;
    }
    fy_parser_event_free(p.parser, p.event);
    p.event = nullptr;
  }
}

}  // namespace cadre::record
