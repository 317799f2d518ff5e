// SPDX-License-Identifier: Apache-2.0
// Reads record files (YAML, several documents per file; JSON; JSON Lines) into Value trees
// that keep the byte offset of every key and value. YAML is read by yaml_reader (libyaml,
// ADR 0020), JSON by json_reader; both report the same parse events (parse_events.hpp), so
// JSON gets the same positions, duplicate-key checks and limits as YAML.
#pragma once

#include <string>
#include <vector>

#include "engine/base/diagnostic.hpp"
#include "engine/record/value.hpp"

namespace cadre::record {

/// Limits that keep a hostile file from exhausting the machine.
struct LoadLimits {
  std::size_t max_file_bytes = 16u << 20;    // 16 MiB
  std::size_t max_nesting = 64;              // flow brackets and block indentation levels
  std::size_t max_values = 1'000'000;        // after alias expansion
};

/// True for the extensions the loader reads: .yaml .yml .json .jsonl .jsonld .jwt (a VC-JWT).
bool is_record_file(const std::string& path);

/// The loader's entry from disk: reads the file `file` of `sources` names and sets its text.
/// Its size is checked on stat() before it is opened, so a file over limits.max_file_bytes
/// costs a stat and an E0308, whatever reads the text afterwards. The text is read once,
/// straight into the source's string. False, with E0308 or E0501, when nothing was read.
bool read_record_file(SourceManager& sources, FileId file, Diagnostics& diagnostics, const LoadLimits& limits = {});

/// Parses one file already added to `sources`. Syntax errors (E0301), duplicate keys
/// (E0305), missing or non-string `kind` (E0307) and limits (E0308) are diagnostics;
/// what could be read is returned.
std::vector<Record> load_records(const SourceManager& sources, FileId file, Diagnostics& diagnostics,
                                 const LoadLimits& limits = {});

}  // namespace cadre::record
