// SPDX-License-Identifier: Apache-2.0
// The compiled-pack cache: each rule file's parse (its AST and the diagnostics the parser
// gave) kept on disk, keyed by the file's bytes, its path and the cadre binary that parsed
// it. Parsing is most of a cold run's pack loading; checking and compiling from the AST
// stay in the run (they need the whole pack set, and the compiled form is closures).
#pragma once

#include <optional>
#include <string>

#include "dsl/ast.hpp"
#include "engine/base/diagnostic.hpp"
#include "engine/base/source.hpp"

namespace cadre::pack {

/// The cache folder of this process: $XDG_CACHE_HOME/cadre, else ~/.cache/cadre; empty
/// (no cache) when CADRE_NO_CACHE is set (`--no-cache` sets it), when neither variable
/// names a folder, or when the binary carries no build id to key entries with.
std::string default_cache_dir();

/// dsl::parse through the cache in `cache_dir` (empty: no cache). A hit gives the same
/// module, node ids and diagnostics as parsing; an entry that is truncated, corrupt, of
/// another format or written by another binary is ignored and replaced. A cache that cannot
/// be written costs nothing but the saving.
std::optional<ast::Module> parse_cached(const std::string& cache_dir, const SourceManager& sources, FileId file,
                                        Diagnostics& diagnostics, ast::NodeId& next_id);

/// The file name of the cache entry for a rule file (tests corrupt entries through it).
std::string cache_entry_name(const std::string& path, const std::string& text);

}  // namespace cadre::pack
