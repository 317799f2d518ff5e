// SPDX-License-Identifier: Apache-2.0
// Internal. Semantic actions that build Cst nodes, and the error handler that records a
// syntax error and resynchronises at the next declaration.
#pragma once

#include <algorithm>

#include <boost/fusion/include/for_each.hpp>
#include <boost/fusion/include/is_sequence.hpp>
#include <boost/optional.hpp>

#include "dsl/x3/config.hpp"

namespace cadre::dsl::x3 {

inline ParseState& state_of(auto const& ctx) { return x3::get<parse_state_tag>(ctx); }

inline std::uint32_t offset_in(ParseState const& st, const char* p) {
  return static_cast<std::uint32_t>(p - st.begin);
}

// flatten: turns any attribute the grammar produces (Cst, vectors, optionals, Fusion
// sequences, raw ranges, strings) into a flat list of child nodes.
inline void flatten(std::vector<Cst>& out, Cst&& c) {
  if (c.kind != CstKind::None) out.push_back(std::move(c));
}
inline void flatten(std::vector<Cst>&, x3::unused_type) {}
inline void flatten(std::vector<Cst>& out, std::string&& s) {
  Cst token;
  token.kind = CstKind::Token;
  token.text = std::move(s);
  out.push_back(std::move(token));
}
template <class T>
void flatten(std::vector<Cst>& out, std::vector<T>&& items);
template <class T>
void flatten(std::vector<Cst>& out, boost::optional<T>&& item);
template <class Seq>
  requires boost::fusion::traits::is_sequence<Seq>::value
void flatten(std::vector<Cst>& out, Seq&& seq) {
  boost::fusion::for_each(seq, [&](auto& element) { flatten(out, std::move(element)); });
}
template <class T>
void flatten(std::vector<Cst>& out, std::vector<T>&& items) {
  for (auto& item : items) flatten(out, std::move(item));
}
template <class T>
void flatten(std::vector<Cst>& out, boost::optional<T>&& item) {
  if (item) flatten(out, std::move(*item));
}

/// Sets a node's span. X3 1.74 hands actions the input *after* the match (`_where` starts
/// where the match ended), so the end is exact and the start is the first child's start,
/// moved back over `lead` (the keyword or bracket that opens the node) when one is given.
template <class Ctx>
void set_span(Cst& node, Ctx& ctx, const char* lead) {
  auto& st = state_of(ctx);
  const char* end = x3::_where(ctx).begin();
  node.end = offset_in(st, end);
  const char* begin = node.kids.empty() ? end : st.begin + node.kids.front().begin;
  if (*lead) {
    std::string_view keyword(lead);
    const char* p = begin;
    auto skip_space = [&] {
      while (p > st.begin && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r')) --p;
    };
    skip_space();
    // Nothing inside (`[]`, `()`): the search starts after the closing bracket; step back over it.
    if (node.kids.empty() && p > st.begin && (p[-1] == ']' || p[-1] == ')')) {
      --p;
      skip_space();
    }
    if (static_cast<std::size_t>(p - st.begin) >= keyword.size() &&
        std::string_view(p - keyword.size(), keyword.size()) == keyword)
      begin = p - keyword.size();
  }
  node.begin = offset_in(st, begin);
}

/// Leaf: a node whose text is exactly the matched source (attribute of x3::raw).
inline auto leaf(CstKind kind) {
  return [kind](auto& ctx) {
    auto& st = state_of(ctx);
    auto const& range = x3::_attr(ctx);
    Cst node;
    node.kind = kind;
    node.text.assign(range.begin(), range.end());
    node.begin = offset_in(st, range.begin());
    node.end = offset_in(st, range.end());
    x3::_val(ctx) = std::move(node);
  };
}

/// Records the first place where the input went too deep, and fails the parse there.
template <class Ctx>
void refuse_too_deep(Ctx& ctx, std::uint32_t at, bool too_many_levels = true) {
  auto& st = state_of(ctx);
  if (!st.too_deep) {
    st.too_deep_at = at;
    st.too_many_levels = too_many_levels;
  }
  st.too_deep = true;
  x3::_pass(ctx) = false;
}

inline std::uint32_t depth_above(const std::vector<Cst>& kids) {
  std::uint32_t deepest = 0;
  for (const auto& k : kids) deepest = std::max(deepest, k.depth);
  return kids.empty() ? 0 : deepest + 1;
}

/// Node whose children are everything the matched parsers produced.
inline auto node(CstKind kind, const char* text = "", const char* lead = "") {
  return [kind, text, lead](auto& ctx) {
    Cst n;
    n.kind = kind;
    n.text = text;
    flatten(n.kids, std::move(x3::_attr(ctx)));
    set_span(n, ctx, lead);
    n.depth = depth_above(n.kids);
    if (is_expression(kind) && n.depth > kMaxExpressionDepth) return refuse_too_deep(ctx, n.begin);
    x3::_val(ctx) = std::move(n);
  };
}

/// _val = _attr (the first operand of an operator chain).
inline auto assign = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };

/// Left fold of an operator chain: _val = kind(op, _val, rhs...). The first Token child of
/// the matched attribute is the operator; `fixed` names it when the parser has none.
inline auto fold(CstKind kind, const char* fixed = nullptr) {
  return [kind, fixed](auto& ctx) {
    Cst n;
    n.kind = kind;
    std::vector<Cst> parts;
    flatten(parts, std::move(x3::_attr(ctx)));
    // Each operator of a chain adds a level to the (left-deep) tree: refuse the one that
    // passes the bound, at its position, before anything is moved out of _val.
    std::uint32_t below = x3::_val(ctx).depth;
    for (const auto& p : parts) below = std::max(below, p.depth);
    n.depth = below + 1;
    if (n.depth > kMaxExpressionDepth) {
      auto operand = std::find_if(parts.begin(), parts.end(),
                                  [](const Cst& p) { return p.kind != CstKind::Token; });
      return refuse_too_deep(ctx, operand != parts.end() ? operand->begin : x3::_val(ctx).end);
    }
    Cst lhs = std::move(x3::_val(ctx));
    n.begin = lhs.begin;
    n.kids.push_back(std::move(lhs));
    for (auto& p : parts) {
      if (p.kind == CstKind::Token && n.text.empty() && !fixed) n.text = p.text;
      else n.kids.push_back(std::move(p));
    }
    if (fixed) n.text = fixed;
    n.end = n.kids.back().end;
    x3::_val(ctx) = std::move(n);
  };
}

/// Recursion guard: fails the parse (and flags it) when the parser's own stack use passes
/// a bound, so a hostile `((((...` gives a diagnostic, not a stack overflow.
inline auto depth_guard = [](auto& ctx) {
  char probe = 0;
  auto& st = state_of(ctx);
  constexpr std::ptrdiff_t kMaxStackBytes = 2 * 1024 * 1024;
  if (st.stack_top - &probe > kMaxStackBytes)
    refuse_too_deep(ctx, offset_in(st, x3::_where(ctx).begin()), false);
};

/// Finds where parsing may resume after an error: the next line that starts with a
/// declaration keyword. String- and comment-aware, because messages contain `{...}`.
const char* resync_point(const char* from, const char* end);

/// on_error mix-in for the declaration rule: record, resynchronise, keep going.
struct recover_at_next_declaration {
  template <class Iterator, class Exception, class Context>
  x3::error_handler_result on_error(Iterator& first, Iterator const& last, Exception const& x,
                                    Context const& context) {
    auto& st = x3::get<parse_state_tag>(context);
    // Put the error on the next token, except inside a string, where the end of the line is
    // the place to show.
    bool in_string = x.which() == "'\"'";
    const char* where = in_string ? x.where() : skip_trivia(x.where(), last);
    st.errors.push_back({offset_in(st, where), x.which()});
    const char* next = resync_point(where, last);
    first = next;
    return x3::error_handler_result::accept;
  }
};

/// on_error for a whole expression parse (template holes): record and fail.
struct record_and_fail {
  template <class Iterator, class Exception, class Context>
  x3::error_handler_result on_error(Iterator&, Iterator const& last, Exception const& x,
                                    Context const& context) {
    auto& st = x3::get<parse_state_tag>(context);
    st.errors.push_back({offset_in(st, skip_trivia(x.where(), last)), x.which()});
    return x3::error_handler_result::fail;
  }
};

}  // namespace cadre::dsl::x3
