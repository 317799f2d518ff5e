// SPDX-License-Identifier: Apache-2.0
// Internal. Declaration of the file grammar (pack, use, const, record, type, rule).
#pragma once

#include "dsl/x3/config.hpp"

namespace cadre::dsl::x3 {

struct module_class;
using module_type = x3::rule<module_class, Cst>;
BOOST_SPIRIT_DECLARE(module_type)

module_type const& get_module();

}  // namespace cadre::dsl::x3
