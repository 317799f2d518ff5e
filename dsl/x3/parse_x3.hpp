// SPDX-License-Identifier: Apache-2.0
// Internal: use dsl/parse.hpp. The Spirit-free entry points of the X3 grammar.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dsl/cst.hpp"

namespace cadre::dsl::x3 {

struct SyntaxError {
  std::uint32_t offset;   // where the parser stopped, past any whitespace
  std::string expected;   // the friendly name of what was expected there
};

struct CstResult {
  Cst root;
  std::vector<SyntaxError> errors;
  bool too_deep = false;
  std::uint32_t too_deep_at = 0;  // where the nesting or the operator chain went too deep
  bool too_many_levels = false;   // the tree bound (kMaxExpressionDepth), not the stack guard
};

/// Parses a whole .cadre file. Recovers at the next declaration after a syntax error,
/// so one broken rule does not hide the errors of the others.
CstResult parse_module(std::string_view text);

/// Parses one expression that fills `text` (used for `{...}` holes in message templates).
CstResult parse_expression(std::string_view text);

}  // namespace cadre::dsl::x3
