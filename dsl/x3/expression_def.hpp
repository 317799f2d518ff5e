// SPDX-License-Identifier: Apache-2.0
// Internal. The expression grammar. Precedence, loosest first:
//   implies < or < and < not < comparison (== != < <= > >= between in not-in matches)
//   < + - < * / < unary minus < primary (literal, list, (expr), call, path)
#pragma once

#include "dsl/x3/actions.hpp"
#include "dsl/x3/expression.hpp"
#include "dsl/x3/lexical.hpp"

namespace cadre::dsl::x3 {


struct implies_class;
struct or_class;
struct and_class;
struct not_class;
struct compare_class;
struct additive_class;
struct multiplicative_class;
struct unary_class;
struct primary_class;
struct number_class;
struct duration_class;
struct bool_class;
struct list_class;
struct paren_class;
struct call_class;
struct path_class;
struct field_name_class;
struct path_head_class;
struct head_name_class;
struct member_class;
struct compare_op_class;
struct additive_op_class;
struct multiplicative_op_class;

expression_type const expression = "expression";
string_literal_type const string_literal = "string";
date_literal_type const date_literal = "date (YYYY-MM-DD)";
x3::rule<implies_class, Cst> const implies_expr = "expression";
x3::rule<or_class, Cst> const or_expr = "expression";
x3::rule<and_class, Cst> const and_expr = "expression";
x3::rule<not_class, Cst> const not_expr = "expression";
x3::rule<compare_class, Cst> const compare_expr = "expression";
x3::rule<additive_class, Cst> const additive_expr = "expression";
x3::rule<multiplicative_class, Cst> const multiplicative_expr = "expression";
x3::rule<unary_class, Cst> const unary_expr = "operand";
x3::rule<primary_class, Cst> const primary = "operand (a literal, a field path, a call or a parenthesised expression)";
x3::rule<number_class, Cst> const number_literal = "number";
x3::rule<duration_class, Cst> const duration_literal = "duration";
x3::rule<bool_class, Cst> const bool_literal = "boolean";
x3::rule<list_class, Cst> const list_literal = "list";
x3::rule<paren_class, Cst> const paren_expr = "parenthesised expression";
x3::rule<call_class, Cst> const call_expr = "call";
x3::rule<path_class, Cst> const path_expr = "field path";
x3::rule<field_name_class, Cst> const field_name = "field name";
x3::rule<path_head_class, std::string> const path_head = "name";
x3::rule<head_name_class, Cst> const head_name = "name";
x3::rule<member_class, Cst> const member_expr = "call";
x3::rule<compare_op_class, std::string> const compare_op = "comparison operator";
x3::rule<additive_op_class, std::string> const additive_op = "`+` or `-`";
x3::rule<multiplicative_op_class, std::string> const multiplicative_op = "`*` or `/`";

// ---- literals -------------------------------------------------------------------------

inline auto const digit = x3::ascii::digit;

// One "..." piece; several adjacent pieces are one string (for long messages).
inline auto const string_piece =
    x3::lexeme['"' > *(('\\' > x3::char_) | (x3::char_ - x3::char_("\"\n\\"))) > '"'];
auto const string_literal_def = x3::raw[string_piece % x3::eps][leaf(CstKind::String)];

auto const date_literal_def =
    x3::raw[x3::lexeme[x3::repeat(4)[digit] >> '-' >> x3::repeat(2)[digit] >> '-' >>
                       x3::repeat(2)[digit] >>
                       -('T' >> x3::repeat(2)[digit] >> ':' >> x3::repeat(2)[digit] >>
                         -(':' >> x3::repeat(2)[digit])) >>
                       !ident_char]][leaf(CstKind::Date)];

auto const duration_literal_def =
    x3::raw[x3::lexeme['P' >> -x3::lit('T') >> digit >> *(digit | x3::ascii::upper | x3::char_('.')) >>
                       !ident_char]][leaf(CstKind::Duration)];

auto const number_literal_def =
    x3::raw[x3::lexeme[+digit >> -('.' >> +digit) >> !ident_char]][leaf(CstKind::Number)];

auto const bool_literal_def = x3::raw[kw("true") | kw("false")][leaf(CstKind::Bool)];

auto const list_literal_def =
    ('[' > -(expression % ',') > ']')[node(CstKind::List, "", "[")];

auto const paren_expr_def = ('(' > expression > ')')[node(CstKind::Paren, "", "(")];

// ---- names and paths ------------------------------------------------------------------

auto const path_head_def = x3::raw[identifier_text][([](auto& ctx) {
  std::string word(x3::_attr(ctx).begin(), x3::_attr(ctx).end());
  if (is_reserved(word)) x3::_pass(ctx) = false;
  else x3::_val(ctx) = std::move(word);
})];

// After a dot any word is a field name, keywords included (`assessment.type`).
auto const field_name_def = x3::raw[identifier_text][leaf(CstKind::Name)];

auto const head_name_def = x3::raw[path_head][leaf(CstKind::Name)];

auto const path_expr_def = (head_name >> *('.' > field_name))[node(CstKind::Path)];

auto const call_expr_def =
    ((head_name >> '(') > -(expression % ',') > ')')[node(CstKind::Call)];

// `course(certificate.course).producer.university`: fields of a call's result.
auto const member_expr_def = call_expr[assign] >> *(('.' > field_name)[fold(CstKind::Member, ".")]);

auto const primary_def =
    x3::eps[depth_guard] >>
    (date_literal[assign] | duration_literal[assign] | number_literal[assign] |
     string_literal[assign] | bool_literal[assign] | list_literal[assign] | paren_expr[assign] |
     member_expr[assign] | path_expr[assign]);

// ---- operators ------------------------------------------------------------------------

auto const compare_op_def =
    x3::string("==") | x3::string("!=") | x3::string("<=") | x3::string(">=") |
    x3::string("<") | x3::string(">");
auto const additive_op_def = x3::string("+") | x3::string("-");
auto const multiplicative_op_def = x3::string("*") | x3::string("/");

auto const unary_expr_def =
    x3::eps[depth_guard] >>
    ((x3::lit('-') > unary_expr)[node(CstKind::Unary, "-", "-")] | primary[assign]);

auto const multiplicative_expr_def =
    unary_expr[assign] >> *((multiplicative_op > unary_expr)[fold(CstKind::Binary)]);

auto const additive_expr_def =
    multiplicative_expr[assign] >> *((additive_op > multiplicative_expr)[fold(CstKind::Binary)]);

auto const compare_expr_def =
    additive_expr[assign] >>
    *((compare_op > additive_expr)[fold(CstKind::Compare)] |
      (kw("between") > additive_expr > kw("and") > additive_expr)[fold(CstKind::Between, "between")] |
      (kw("not") >> kw("in") > additive_expr)[fold(CstKind::Compare, "not in")] |
      (kw("in") > additive_expr)[fold(CstKind::Compare, "in")] |
      (kw("matches") > additive_expr)[fold(CstKind::Compare, "matches")]);

auto const not_expr_def =
    x3::eps[depth_guard] >>
    ((kw("not") > not_expr)[node(CstKind::Unary, "not", "not")] | compare_expr[assign]);

auto const and_expr_def = not_expr[assign] >> *((kw("and") > not_expr)[fold(CstKind::Binary, "and")]);
auto const or_expr_def = and_expr[assign] >> *((kw("or") > and_expr)[fold(CstKind::Binary, "or")]);
auto const implies_expr_def =
    or_expr[assign] >> -((kw("implies") > or_expr)[fold(CstKind::Binary, "implies")]);
auto const expression_def = implies_expr[assign];

BOOST_SPIRIT_DEFINE(expression, string_literal, date_literal, implies_expr, or_expr, and_expr,
                    not_expr, compare_expr, additive_expr, multiplicative_expr, unary_expr,
                    primary, number_literal, duration_literal, bool_literal, list_literal,
                    paren_expr, call_expr, path_expr, field_name, path_head, head_name, member_expr, compare_op,
                    additive_op, multiplicative_op)


}  // namespace cadre::dsl::x3
