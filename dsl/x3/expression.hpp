// SPDX-License-Identifier: Apache-2.0
// Internal. Declaration of the expression grammar, instantiated in expression.cpp only.
#pragma once

#include "dsl/x3/config.hpp"

namespace cadre::dsl::x3 {

struct expression_class;
using expression_type = x3::rule<expression_class, Cst>;
BOOST_SPIRIT_DECLARE(expression_type)

struct string_literal_class;
using string_literal_type = x3::rule<string_literal_class, Cst>;
BOOST_SPIRIT_DECLARE(string_literal_type)

struct date_literal_class;
using date_literal_type = x3::rule<date_literal_class, Cst>;
BOOST_SPIRIT_DECLARE(date_literal_type)

expression_type const& get_expression();
string_literal_type const& get_string_literal();
date_literal_type const& get_date_literal();

}  // namespace cadre::dsl::x3
