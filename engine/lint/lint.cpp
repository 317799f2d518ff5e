// SPDX-License-Identifier: Apache-2.0
#include "engine/lint/lint.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "dsl/ast_printer.hpp"
#include "engine/compile/program.hpp"

namespace cadre::lint {

namespace {

using eval::RuntimeValue;

/// An interval of the real line, from the bounds a conjunction puts on one value.
struct Interval {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false, hi_open = false;
  std::set<std::string> constants;  // constants the bounds come from
  bool empty() const { return lo > hi || (lo == hi && (lo_open || hi_open)); }
  void at_least(double v, bool open) {
    if (v > lo || (v == lo && open)) { lo = v; lo_open = open; }
  }
  void at_most(double v, bool open) {
    if (v < hi || (v == hi && open)) { hi = v; hi_open = open; }
  }
};

std::optional<double> as_number(const RuntimeValue& v) {
  switch (v.kind) {
    case RuntimeValue::Kind::Integer:
    case RuntimeValue::Kind::Number: return v.as_number();
    case RuntimeValue::Kind::Date: return static_cast<double>(v.date.days);
    case RuntimeValue::Kind::Duration: return v.duration.seconds;
    default: return std::nullopt;
  }
}

class Linter {
 public:
  Linter(const check::CheckedPack& checked, Diagnostics& diagnostics)
      : checked_(checked), diagnostics_(diagnostics), constants_(compile::constant_values(checked)) {}

  void rule(const ast::RuleDecl& r, bool own) {
    if (own) style(r);
    if (r.when) condition(*r.when, r, own, true);
    for (const auto& req : r.requirements) condition(*req.expr, r, own, false);
  }

 private:
  void style(const ast::RuleDecl& r) {
    if (r.citations.empty())
      diagnostics_.add(DiagCode::W0607, r.id_span, fmt::format("rule `{}` cites no article", r.id),
                       "add `cite \"§…\"`: every finding must say which article it enforces");
    if (r.qualiopi.empty())
      diagnostics_.add(DiagCode::I0609, r.id_span, fmt::format("rule `{}` names no Qualiopi indicator", r.id),
                       "add `qualiopi N` for the indicators its findings evidence");
    auto both = [&](const auto& texts, Span span, const char* what) {
      for (const char* lang : {"fr", "en"})
        if (!texts.count(lang))
          diagnostics_.add(DiagCode::W0608, span, fmt::format("rule `{}` has no {} in `{}`", r.id, what, lang),
                           fmt::format("add `{} \"…\"`", lang));
    };
    both(r.titles, r.id_span, "title");
    both(r.message, r.id_span, "message");
    for (const auto& req : r.requirements)
      if (!req.otherwise.empty()) both(req.otherwise, req.expr->span, "`otherwise` message");
  }

  // Every field says what it means in both languages: `cadre schema` shows it in editors.
  // A warning, so that a pack without descriptions still loads and checks.
  void fields(const std::vector<ast::FieldDecl>& declared, const std::string& owner) {
    for (const auto& f : declared) {
      std::string name = owner + "." + f.name;
      if (f.doc.empty())
        diagnostics_.add(DiagCode::W0610, f.span, fmt::format("field `{}` has no description", name),
                         "add `doc fr \"…\" en \"…\"` after its type");
      else if (f.doc.count(""))
        diagnostics_.add(DiagCode::W0610, f.doc_span,
                         fmt::format("the description of field `{}` does not say its language", name),
                         "write it as `doc fr \"…\" en \"…\"`");
      else
        for (const char* lang : {"fr", "en"}) {
          auto text = f.doc.find(lang);
          if (text == f.doc.end())
            diagnostics_.add(DiagCode::W0610, f.doc_span, fmt::format("field `{}` has no description in `{}`", name, lang),
                             fmt::format("add `{} \"…\"` to its `doc`", lang));
          else if (text->second.find_first_not_of(" \t") == std::string::npos)  // `doc fr ""`: said, but empty
            diagnostics_.add(DiagCode::W0610, f.doc_span, fmt::format("field `{}` has an empty description in `{}`", name, lang),
                             "say in a few words what the field holds");
        }
      if (f.type && f.type->kind == ast::TypeExpr::Kind::Record) fields(f.type->fields, name);
      if (f.type && f.type->kind == ast::TypeExpr::Kind::List && f.type->element &&
          f.type->element->kind == ast::TypeExpr::Kind::Record)
        fields(f.type->element->fields, name);
    }
  }

 public:
  void record(const ast::RecordDecl& r) { fields(r.fields, r.name); }

 private:
  void condition(const ast::Expr& e, const ast::RuleDecl& r, bool own, bool is_when) {
    if (auto v = compile::fold(e, checked_, constants_); v && v->kind == RuntimeValue::Kind::Bool) {
      if (!own) return;
      if (is_when)
        diagnostics_.add(v->boolean ? DiagCode::W0604 : DiagCode::W0603, e.span,
                         v->boolean ? fmt::format("the precondition of `{}` always holds", r.id)
                                    : fmt::format("the precondition of `{}` never holds: the rule never applies", r.id));
      else
        diagnostics_.add(v->boolean ? DiagCode::W0602 : DiagCode::W0601, e.span,
                         v->boolean ? fmt::format("this requirement of `{}` always holds", r.id)
                                    : fmt::format("this requirement of `{}` can never hold", r.id));
      return;
    }
    std::map<std::string, Interval> bounds;
    collect(e, bounds);
    for (const auto& [subject, interval] : bounds) {
      if (!interval.empty()) continue;
      // An override of one of the constants involved is the likelier culprit: say so there.
      for (const auto& name : interval.constants) {
        auto it = checked_.overrides.find(name);
        if (it == checked_.overrides.end() || !overridden_here_.count(name)) continue;
        diagnostics_.add(DiagCode::W0606, it->second->span,
                         fmt::format("overriding `{}` makes `{}` impossible: no value of `{}` can satisfy it", name,
                                     r.id, subject),
                         fmt::format("the bounds on `{}` no longer overlap", subject));
      }
      if (own)
        diagnostics_.add(DiagCode::W0605, e.span,
                         fmt::format("in `{}`, the bounds on `{}` contradict each other: {}", r.id, subject,
                                     is_when ? "the rule never applies" : "every record would fail"));
    }
  }

  // Bounds that a conjunction puts on values compared with record-free expressions.
  void collect(const ast::Expr& e, std::map<std::string, Interval>& bounds) {
    if (const auto* b = std::get_if<ast::Binary>(&e.node)) {
      using Op = ast::BinaryOp;
      if (b->op == Op::And) {
        collect(*b->lhs, bounds);
        collect(*b->rhs, bounds);
        return;
      }
      bool flipped = false;
      const ast::Expr* subject = b->lhs.get();
      const ast::Expr* limit = b->rhs.get();
      auto value = compile::fold(*limit, checked_, constants_);
      if (!value) {
        std::swap(subject, limit);
        flipped = true;
        value = compile::fold(*limit, checked_, constants_);
      }
      if (!value || compile::fold(*subject, checked_, constants_)) return;
      auto v = as_number(*value);
      if (!v) return;
      Op op = b->op;
      if (flipped) op = op == Op::Lt ? Op::Gt : op == Op::Le ? Op::Ge : op == Op::Gt ? Op::Lt : op == Op::Ge ? Op::Le : op;
      Interval& i = bounds[subject_text(*subject)];
      switch (op) {
        case Op::Lt: i.at_most(*v, true); break;
        case Op::Le: i.at_most(*v, false); break;
        case Op::Gt: i.at_least(*v, true); break;
        case Op::Ge: i.at_least(*v, false); break;
        case Op::Eq: i.at_least(*v, false); i.at_most(*v, false); break;
        default: return;
      }
      note_constants(*limit, i);
    } else if (const auto* btw = std::get_if<ast::Between>(&e.node)) {
      auto lo = compile::fold(*btw->low, checked_, constants_);
      auto hi = compile::fold(*btw->high, checked_, constants_);
      if (!lo || !hi || compile::fold(*btw->subject, checked_, constants_)) return;
      auto l = as_number(*lo), h = as_number(*hi);
      if (!l || !h) return;
      Interval& i = bounds[subject_text(*btw->subject)];
      i.at_least(*l, false);
      i.at_most(*h, false);
      note_constants(*btw->low, i);
      note_constants(*btw->high, i);
    }
  }

  static std::string subject_text(const ast::Expr& e) {
    if (const auto* p = std::get_if<ast::Path>(&e.node); p && !p->base) return check::path_text(*p);
    return dsl::print_expr(e);
  }

  void note_constants(const ast::Expr& e, Interval& i) {
    if (std::holds_alternative<ast::Path>(e.node)) {
      auto it = checked_.heads.find(e.id);
      if (it != checked_.heads.end() && it->second.kind == check::HeadBinding::Kind::Constant) i.constants.insert(it->second.constant);
    } else if (const auto* b = std::get_if<ast::Binary>(&e.node)) {
      note_constants(*b->lhs, i);
      note_constants(*b->rhs, i);
    } else if (const auto* u = std::get_if<ast::Unary>(&e.node)) {
      note_constants(*u->operand, i);
    }
  }

 public:
  std::set<std::string> overridden_here_;

 private:
  const check::CheckedPack& checked_;
  Diagnostics& diagnostics_;
  std::map<std::string, RuntimeValue> constants_;
};

}  // namespace

void lint(const std::vector<const ast::Module*>& all, const std::set<const ast::Module*>& own,
          const check::CheckedPack& checked, Diagnostics& diagnostics) {
  Linter linter(checked, diagnostics);
  for (const auto* m : own)
    for (const auto& o : m->overrides) linter.overridden_here_.insert(o.name);
  for (const auto* m : all)
    for (const auto& r : m->rules)
      if (!checked.disabled.count(r.id)) linter.rule(r, own.count(m) > 0);
  for (const auto* m : own)
    for (const auto& r : m->records) linter.record(r);
}

}  // namespace cadre::lint
