// SPDX-License-Identifier: Apache-2.0
// Finds, reads and parses rule packs. A pack is a directory of .cadre files (one of them
// holds the `pack` header) or a single .cadre file; `use` pulls in other packs, by id
// (searched in the rule directories) or by path (relative to the declaring file).
#pragma once

#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/base/diagnostic.hpp"

namespace cadre::pack {

/// A rule file larger than this is refused before it is read (E0005). The bundled packs'
/// largest file is a few tens of KB.
inline constexpr std::size_t kMaxRuleFileBytes = 16u << 20;  // 16 MiB

struct Pack {
  ast::PackHeader header;
  std::string location;              // directory or file it was read from
  std::vector<ast::Module> modules;  // one per .cadre file, in file-name order
};

struct PackSet {
  std::vector<Pack> packs;  // dependencies first, the requested pack last
  /// Every module of every pack, in that order.
  std::vector<const ast::Module*> modules() const;
};

/// The directories searched for packs named by id: $CADRE_RULES_PATH (colon-separated),
/// then the installed share/cadre/rules next to the executable, then the source tree's
/// rules/ (for runs from a build directory).
std::vector<std::string> default_search_dirs();

/// Loads `spec` (a pack id, a directory or a .cadre file) and everything it uses. Rule files
/// are parsed through the parse cache in `cache_dir` (empty: parsed every time).
PackSet load_packs(const std::string& spec, const std::vector<std::string>& search_dirs,
                   SourceManager& sources, Diagnostics& diagnostics, const std::string& cache_dir = {});

}  // namespace cadre::pack
