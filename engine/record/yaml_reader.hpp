// SPDX-License-Identifier: Apache-2.0
// Reads YAML text (a stream of documents) and reports its parse events, with byte offsets.
// libyaml's event parser (ADR 0020): only yaml_reader.cpp includes it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/record/parse_events.hpp"

namespace cadre::record {

/// A syntax error at byte `offset` of the text given.
struct YamlError {
  std::uint32_t offset;
  std::string message;
};

/// Reports every event of `text` (UTF-8, already checked) to `handler`. Throws YamlError at
/// the first syntax error, after the events before it; a handler's exception passes through.
void read_yaml(std::string_view text, ParseEvents& handler);

}  // namespace cadre::record
