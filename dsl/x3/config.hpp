// SPDX-License-Identifier: Apache-2.0
// Internal. The ONE iterator and context type every X3 rule is instantiated for: a mismatch
// compiles but fails to link (see docs/architecture.md).
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "dsl/x3/parse_x3.hpp"

namespace cadre::dsl::x3 {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

/// Injected into every rule through x3::with: positions are offsets from `begin`.
struct ParseState {
  const char* begin = nullptr;
  const char* stack_top = nullptr;   // for the recursion guard
  std::vector<SyntaxError> errors;
  std::size_t errors_seen = 0;
  bool too_deep = false;
  std::uint32_t too_deep_at = 0;
  bool too_many_levels = false;
};
struct parse_state_tag;

struct skipper_class;
using skipper_type = x3::rule<skipper_class>;
BOOST_SPIRIT_DECLARE(skipper_type)

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<parse_state_tag, ParseState, phrase_context_type>;

/// Skips whitespace and `#` comments forward from p (used to trim node starts and to put
/// error positions on the token, not on the blank before it).
inline const char* skip_trivia(const char* p, const char* end) {
  while (p < end) {
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
      ++p;
    } else if (*p == '#') {
      while (p < end && *p != '\n') ++p;
    } else {
      break;
    }
  }
  return p;
}

}  // namespace cadre::dsl::x3
