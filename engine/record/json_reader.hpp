// SPDX-License-Identifier: Apache-2.0
// A strict JSON (RFC 8259) reader that feeds the same parse events as the YAML reader, so JSON,
// JSON Lines and JSON-LD records get the loader's positions, duplicate-key checks and
// limits. Why not yaml-cpp for JSON too: it spends about a microsecond per byte (measured
// with callgrind on a cohort of transcripts: 72 % of `cadre stack --transcripts`), and
// nlohmann 3.11 reports no positions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/record/parse_events.hpp"

namespace cadre::record {

/// A syntax error at byte `offset` of the text given.
struct JsonError {
  std::uint32_t offset;
  std::string message;
};

/// Reads one JSON value (one document) from `text` and reports it to `handler`; positions are
/// byte offsets into `text`. Throws JsonError; nesting beyond `max_depth` is an error too.
void read_json(std::string_view text, ParseEvents& handler, std::size_t max_depth);

}  // namespace cadre::record
