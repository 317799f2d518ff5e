// SPDX-License-Identifier: Apache-2.0
// The parse events the record readers (YAML: yaml_reader, JSON: json_reader) report and the
// loader's tree builder consumes. cadre's own interface, so that no parser library's types
// leave the reader that wraps it (ADR 0020 replaced yaml-cpp by libyaml behind it).
#pragma once

#include <cstdint>
#include <string_view>

namespace cadre::record {

/// Receives one text's events in order. Positions are byte offsets into the text given to
/// the reader. `tag` is empty for untagged nodes; `anchor` is the name of `&name`, empty
/// when none. A handler may throw to stop the reader (limits): readers release what they
/// hold on the way out.
class ParseEvents {
 public:
  virtual ~ParseEvents() = default;
  virtual void on_document_start(std::uint32_t at) = 0;
  virtual void on_document_end() = 0;
  /// `~`, `null`, an empty value: YAML's null, and JSON's.
  virtual void on_null(std::uint32_t at, std::string_view anchor) = 0;
  /// `quoted`: written in quotes or as a block scalar (`|`, `>`), so never a number or a date.
  virtual void on_scalar(std::uint32_t at, std::string_view tag, std::string_view anchor, std::string_view value,
                         bool quoted) = 0;
  virtual void on_alias(std::uint32_t at, std::string_view anchor) = 0;
  virtual void on_sequence_start(std::uint32_t at, std::string_view tag, std::string_view anchor) = 0;
  virtual void on_sequence_end() = 0;
  virtual void on_map_start(std::uint32_t at, std::string_view tag, std::string_view anchor) = 0;
  virtual void on_map_end() = 0;
};

}  // namespace cadre::record
