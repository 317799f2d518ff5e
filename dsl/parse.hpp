// SPDX-License-Identifier: Apache-2.0
// The .cadre front end: text -> typed AST, with positioned diagnostics.
#pragma once

#include <optional>

#include "dsl/ast.hpp"
#include "engine/base/diagnostic.hpp"
#include "engine/base/source.hpp"

namespace cadre::dsl {

/// Parses and lowers one file. Syntax errors (E00xx) are added to `diagnostics`; the
/// module is returned whenever some declarations could be read, so that later phases can
/// still report their own errors. NodeIds are drawn from `next_id`, so they stay unique
/// across the files of a pack.
std::optional<ast::Module> parse(const SourceManager& sources, FileId file,
                                 Diagnostics& diagnostics, ast::NodeId& next_id);

}  // namespace cadre::dsl
