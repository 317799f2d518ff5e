// SPDX-License-Identifier: Apache-2.0
// Internal. Tokens shared by the expression and declaration grammars.
#pragma once

#include "dsl/x3/config.hpp"

namespace cadre::dsl::x3 {

// Character classes are x3::ascii's, never x3::standard's: the standard ones hand a byte
// >= 0x80 (a negative `char`) to std::isalnum/isspace, which is undefined behaviour (and an
// assertion in Boost). The ascii ones reject such a byte, so it becomes a syntax error.

inline auto const ident_char = x3::ascii::alnum | x3::char_('_');

/// A keyword: the word itself, not the start of a longer identifier.
inline auto kw(char const* word) { return x3::lexeme[x3::lit(word) >> !ident_char]; }

inline auto const identifier_text =
    x3::lexeme[(x3::ascii::alpha | x3::char_('_')) >> *(x3::ascii::alnum | x3::char_('_'))];

/// Words that cannot start a path (they introduce clauses or are operators).
bool is_reserved(std::string_view word);

}  // namespace cadre::dsl::x3
