// SPDX-License-Identifier: Apache-2.0
// `cadre lint`: static checks of a pack beyond type errors — requirements that can never
// (or always) hold, contradictory bounds, overrides that make a rule impossible, rules
// without citation, without both languages or without a Qualiopi indicator (W06xx).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "engine/base/diagnostic.hpp"
#include "engine/check/checker.hpp"

namespace cadre::lint {

/// Lints the rules of `own` (the pack asked for) within the whole pack set `all`.
/// `overridden_here` holds the constants that `own` overrides.
void lint(const std::vector<const ast::Module*>& all, const std::set<const ast::Module*>& own,
          const check::CheckedPack& checked, Diagnostics& diagnostics);

}  // namespace cadre::lint
