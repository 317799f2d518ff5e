// SPDX-License-Identifier: Apache-2.0
// Internal. The phrase_parse call sites; the only place that builds the X3 context.
#include "dsl/x3/parse_x3.hpp"

#include "dsl/x3/actions.hpp"
#include "dsl/x3/expression.hpp"
#include "dsl/x3/module.hpp"

namespace cadre::dsl::x3 {

struct template_expression_class : record_and_fail {};
x3::rule<template_expression_class, Cst> const template_expression = "expression";
auto const template_expression_def = (get_expression() > x3::eoi)[assign];
BOOST_SPIRIT_DEFINE(template_expression)

namespace {

template <class Grammar>
CstResult run(std::string_view text, Grammar const& grammar) {
  CstResult result;
  ParseState state;
  char probe = 0;
  state.begin = text.data();
  state.stack_top = &probe;
  const char* first = text.data();
  // A UTF-8 byte order mark, as some Windows editors write one, is not part of the text.
  // Offsets stay relative to the file's first byte.
  if (text.starts_with("\xEF\xBB\xBF")) first += 3;
  const char* last = text.data() + text.size();
  bool ok = false;
  try {
    ok = x3::phrase_parse(first, last, x3::with<parse_state_tag>(state)[grammar],
                          skipper_type{}, result.root);
  } catch (x3::expectation_failure<iterator_type> const& failure) {
    // Only reachable when the failure escapes every handler (top of a template hole).
    state.errors.push_back({offset_in(state, skip_trivia(failure.where(), last)), failure.which()});
  }
  if (!ok && state.errors.empty()) {
    state.errors.push_back({offset_in(state, skip_trivia(first, last)), "expression"});
  }
  result.errors = std::move(state.errors);
  result.too_deep = state.too_deep;
  result.too_deep_at = state.too_deep_at;
  result.too_many_levels = state.too_many_levels;
  return result;
}

}  // namespace

CstResult parse_module(std::string_view text) { return run(text, get_module()); }

CstResult parse_expression(std::string_view text) {
  return run(text, template_expression);
}

}  // namespace cadre::dsl::x3
