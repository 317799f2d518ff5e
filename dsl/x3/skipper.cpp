// SPDX-License-Identifier: Apache-2.0
// Internal. Whitespace and `#` comments between tokens.
#include "dsl/x3/config.hpp"

namespace cadre::dsl::x3 {

skipper_type const skipper = "whitespace";
auto const skipper_def = x3::ascii::space | ('#' >> *(x3::char_ - x3::eol) >> (x3::eol | x3::eoi));
BOOST_SPIRIT_DEFINE(skipper)

BOOST_SPIRIT_INSTANTIATE(skipper_type, iterator_type, x3::unused_type)

}  // namespace cadre::dsl::x3
