// SPDX-License-Identifier: Apache-2.0
// Internal. Instantiates the expression grammar for the one iterator/context pair.
#include "dsl/x3/expression_def.hpp"

namespace cadre::dsl::x3 {

BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(string_literal_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(date_literal_type, iterator_type, context_type)

expression_type const& get_expression() { return expression; }
string_literal_type const& get_string_literal() { return string_literal; }
date_literal_type const& get_date_literal() { return date_literal; }

bool is_reserved(std::string_view word) {
  static constexpr std::string_view kReserved[] = {
      "and", "or", "not", "implies", "in", "between", "matches", "true", "false",
      "rule", "record", "type", "const", "use", "pack", "on", "when", "require",
      "message", "title", "cite", "qualiopi", "severity", "otherwise", "from", "until",
      "override", "disable", "because", "indicator", "unchecked"};
  for (auto r : kReserved)
    if (r == word) return true;
  return false;
}

}  // namespace cadre::dsl::x3
