// SPDX-License-Identifier: Apache-2.0
#include "engine/check/checker.hpp"

#include <algorithm>

#include <re2/re2.h>

#include <fmt/format.h>

#include "engine/base/fuzzy.hpp"
#include "engine/check/builtins.hpp"

namespace cadre::check {

using schema::Type;
using schema::TypeRef;
using K = schema::Type::Kind;

schema::TypeRef CheckedPack::type_of(const ast::Expr& e) const {
  auto it = types.find(e.id);
  return it == types.end() ? schema::scalar(K::Error) : it->second;
}

std::string path_text(const ast::Path& path, std::size_t segments) {
  std::string out;
  for (std::size_t i = 0; i < path.segments.size() && i < segments; ++i)
    out += (i ? "." : "") + path.segments[i].name;
  return out;
}

namespace {

bool is_error(const TypeRef& t) { return t->kind == K::Error; }
bool is_any(const TypeRef& t) { return t->kind == K::Any; }

/// Both values can be compared with == (numbers together, enums with strings).
bool comparable(const TypeRef& a, const TypeRef& b) {
  if (is_error(a) || is_error(b) || is_any(a) || is_any(b)) return true;
  if (schema::is_numeric(*a) && schema::is_numeric(*b)) return true;
  auto stringy = [](const TypeRef& t) { return t->kind == K::String || t->kind == K::Enum; };
  if (stringy(a) && stringy(b)) return true;
  if (a->kind == K::List && b->kind == K::List) return comparable(a->element, b->element);
  return a->kind == b->kind && a->kind != K::Record;
}

bool ordered(const TypeRef& t) {
  return schema::is_numeric(*t) || t->kind == K::Date || t->kind == K::Duration ||
         t->kind == K::String || t->kind == K::Error;
}

class Checker {
 public:
  Checker(const schema::Schema& schema, Diagnostics& diagnostics, CheckedPack& out)
      : schema_(schema), diagnostics_(diagnostics), out_(out) {}

  void constant(const ast::ConstDecl& c) {
    subject_.clear();
    in_constant_ = true;
    TypeRef t = expr(*c.value);
    in_constant_ = false;
    if (constant_types_.count(c.name)) {
      diagnostics_.add(DiagCode::E0101, c.span, fmt::format("constant `{}` is declared twice", c.name),
                       "to change a used pack's constant, write `override const`");
      return;
    }
    constant_order_[c.name] = constant_order_.size();
    constant_types_[c.name] = t;
    out_.constant_types[c.name] = t;
    out_.constants.push_back({c.name, c.value.get()});
  }

  std::size_t constants_declared() const { return constant_order_.size(); }
  /// Rules checked from now on see only the first `count` constants declared.
  void limit_to_pack(std::size_t count) { pack_scope_ = count; }
  bool in_pack_scope(const std::string& name) const {
    auto it = constant_order_.find(name);
    return it != constant_order_.end() && it->second < pack_scope_;
  }

  // The constants of a pack set checked before, as if declared again (in the same order).
  void known_constants(const CheckedPack& base) {
    for (const auto& [name, value] : base.constants) {
      constant_order_[name] = constant_order_.size();
      constant_types_[name] = base.constant_types.at(name);
    }
    out_.constants = base.constants;
    out_.constant_types = base.constant_types;
    out_.overrides = base.overrides;
    out_.indicators = base.indicators;
  }

  void override_constant(const ast::ConstDecl& c) {
    auto it = constant_types_.find(c.name);
    if (it == constant_types_.end()) {
      std::vector<std::string> names;
      for (const auto& [name, t] : constant_types_) names.push_back(name);
      auto suggestion = closest_name(c.name, names);
      diagnostics_.add(DiagCode::E0109, c.span, fmt::format("there is no constant `{}` to override", c.name),
                       suggestion ? fmt::format("did you mean `{}`?", *suggestion) : std::string{});
      return;
    }
    // An override sees only the constants declared before the one it replaces: no cycles.
    subject_.clear();
    in_constant_ = true;
    constant_limit_ = constant_order_[c.name];
    TypeRef t = expr(*c.value);
    constant_limit_ = SIZE_MAX;
    in_constant_ = false;
    if (!is_error(t) && !is_error(it->second) &&
        !(t->kind == it->second->kind || (schema::is_numeric(*t) && schema::is_numeric(*it->second)) ||
          (t->kind == K::List && it->second->kind == K::List && comparable(t, it->second)))) {
      diagnostics_.add(DiagCode::E0203, c.value->span,
                       fmt::format("`{}` is {}; its override must be too, not {}", c.name,
                                   schema::describe(*it->second), schema::describe(*t)));
      return;
    }
    out_.overrides[c.name] = &c;
    for (auto& [name, value] : out_.constants)
      if (name == c.name) value = c.value.get();
  }

  void indicators(const std::vector<const ast::Module*>& modules) {
    for (const auto* m : modules)
      for (const auto& i : m->indicators) {
        if (out_.indicators.count(i.number))
          diagnostics_.add(DiagCode::E0101, i.span, fmt::format("indicator {} is declared twice", i.number));
        else
          out_.indicators[i.number] = &i;
      }
  }

  void cited_indicators(const ast::RuleDecl& r) {
    if (out_.indicators.empty()) return;  // no pack declares indicators: nothing to check against
    for (std::size_t i = 0; i < r.qualiopi.size(); ++i) {
      if (out_.indicators.count(r.qualiopi[i])) continue;
      diagnostics_.add(DiagCode::E0107, i < r.qualiopi_spans.size() ? r.qualiopi_spans[i] : r.id_span,
                       fmt::format("rule `{}` cites indicator {}, which no pack declares", r.id, r.qualiopi[i]),
                       fmt::format("declared indicators: {} to {}", out_.indicators.begin()->first,
                                   out_.indicators.rbegin()->first));
    }
  }

  void unchecked(const ast::RuleDecl& r) {
    if (!schema_.kind(r.subject)) {
      auto suggestion = closest_name(r.subject, schema_.kind_names());
      diagnostics_.add(DiagCode::E0204, r.subject_span,
                       fmt::format("`{}` is about `{}`, which no record schema declares", r.id, r.subject),
                       suggestion ? fmt::format("did you mean `{}`?", *suggestion) : known_kinds());
    }
    cited_indicators(r);
  }

  void rule(const ast::RuleDecl& r) {
    current_rule_ = &r;
    cited_indicators(r);
    subject_ = r.subject;
    subject_type_ = schema_.kind(r.subject);
    max_slot_ = 0;
    if (!subject_type_) {
      auto suggestion = closest_name(r.subject, schema_.kind_names());
      diagnostics_.add(DiagCode::E0204, r.subject_span,
                       fmt::format("rule `{}` applies to `{}`, which no record schema declares", r.id, r.subject),
                       suggestion ? fmt::format("did you mean `{}`?", *suggestion) : known_kinds());
      return;
    }
    if (r.when) expect(*r.when, K::Bool, "the `when` condition");
    for (const auto& req : r.requirements) {
      expect(*req.expr, K::Bool, "a `require` expression");
      // The requirement's own message may name the item that made it fail: the variables
      // of the `all` and `none` that decide it (docs/language.md, "Messages").
      expose_deciding(*req.expr);
      for (const auto& [lang, t] : req.otherwise) templ(t);
      scopes_.clear();
    }
    // The rule's message speaks for a lone requirement: it may name its items too.
    if (r.requirements.size() == 1) expose_deciding(*r.requirements.front().expr);
    for (const auto& [lang, t] : r.message) templ(t);
    scopes_.clear();
    out_.slot_counts[&r] = max_slot_;
  }

 private:
  std::string known_kinds() const {
    std::string names;
    for (const auto& n : schema_.kind_names()) names += (names.empty() ? "" : ", ") + fmt::format("`{}`", n);
    return names.empty() ? "no pack declares a record kind" : "record kinds: " + names;
  }

  TypeRef record(const ast::Expr& e, TypeRef t) {
    out_.types[e.id] = t;
    return t;
  }

  void error(DiagCode code, Span span, std::string message, std::string help = {}) {
    diagnostics_.add(code, span, std::move(message), std::move(help));
  }

  void expect(const ast::Expr& e, K kind, const char* what) {
    TypeRef t = expr(e);
    if (is_error(t) || t->kind == kind) return;
    error(DiagCode::E0203, e.span,
          fmt::format("{} must be {}, not {}", what, schema::describe(*schema::scalar(kind)), schema::describe(*t)));
  }

  void templ(const ast::Template& t) {
    for (const auto& part : t.parts)
      if (part.expr) expr(*part.expr);
  }

  TypeRef expr(const ast::Expr& e) {
    return record(e, std::visit([&](const auto& n) { return node(e, n); }, e.node));
  }

  TypeRef node(const ast::Expr&, const ast::Literal& lit) {
    return std::visit(
        [](const auto& v) -> TypeRef {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, bool>) return schema::scalar(K::Bool);
          else if constexpr (std::is_same_v<T, std::int64_t>) return schema::scalar(K::Integer);
          else if constexpr (std::is_same_v<T, double>) return schema::scalar(K::Number);
          else if constexpr (std::is_same_v<T, std::string>) return schema::scalar(K::String);
          else if constexpr (std::is_same_v<T, Date>) return schema::scalar(K::Date);
          else return schema::scalar(K::Duration);
        },
        lit.value);
  }

  TypeRef node(const ast::Expr& e, const ast::Path& path) {
    TypeRef current;
    std::size_t first_field = 1;
    if (path.base) {
      current = expr(*path.base);
      first_field = 0;
      if (!is_error(current) && current->kind != K::Record) {
        error(DiagCode::E0203, path.segments.front().span,
              fmt::format("{} has no fields", schema::describe(*current)));
        return schema::scalar(K::Error);
      }
    } else {
      current = head(e, path);
      if (!current) return schema::scalar(K::Error);
    }
    for (std::size_t i = first_field; i < path.segments.size(); ++i) {
      const auto& seg = path.segments[i];
      if (is_error(current)) return current;
      std::string so_far = path.base ? "…" + (i ? "." + path_text(path, i) : std::string{}) : path_text(path, i);
      if (current->kind == K::List) {
        error(DiagCode::E0203, seg.span,
              fmt::format("`{}` is a list, so it has no field `{}`", so_far, seg.name),
              fmt::format("use a quantifier: all(x in {}, x.{} ...)", so_far, seg.name));
        return schema::scalar(K::Error);
      }
      if (current->kind != K::Record) {
        error(DiagCode::E0203, seg.span,
              fmt::format("`{}` is {}, so it has no field `{}`", so_far, schema::describe(*current), seg.name));
        return schema::scalar(K::Error);
      }
      const schema::Field* field = current->field(seg.name);
      if (!field) {
        auto suggestion = closest_name(seg.name, current->field_names());
        // Name the suggestion by its path from the record, as the user would write it.
        std::string prefix = (!path.base && i > 1) ? path_text(path, i).substr(path.segments[0].name.size() + 1) + "." : "";
        error(DiagCode::E0201, seg.span,
              fmt::format("unknown field `{}` in `{}`", seg.name, so_far),
              suggestion ? fmt::format("did you mean `{}{}`?", prefix, *suggestion)
                         : fmt::format("fields of `{}`: {}", so_far, field_list(*current)));
        return schema::scalar(K::Error);
      }
      current = field->type;
    }
    return current;
  }

  // What the first name of a path denotes; null after reporting an error.
  TypeRef head(const ast::Expr& e, const ast::Path& path) {
    const auto& first = path.segments.front();
    HeadBinding binding;
    TypeRef type;
    auto constant = constant_types_.find(first.name);
    bool in_scope = constant != constant_types_.end() && in_pack_scope(first.name);
    bool visible_constant = in_scope && constant_order_[first.name] < constant_limit_;
    if (auto v = lookup_variable(first.name)) {
      binding = {HeadBinding::Kind::Variable, v->slot, {}};
      type = v->type;
    } else if (!in_constant_ && first.name == subject_) {
      binding = {HeadBinding::Kind::Subject, -1, {}};
      type = subject_type_;
    } else if (visible_constant) {
      binding = {HeadBinding::Kind::Constant, -1, first.name};
      type = constant->second;
    } else if (in_scope) {
      error(DiagCode::E0202, first.span,
            fmt::format("an override can only use constants declared before the one it replaces, not `{}`", first.name));
      return nullptr;
    } else if (schema_.kind(first.name)) {
      if (in_constant_)
        error(DiagCode::E0210, first.span, fmt::format("a constant cannot read record data (`{}`)", first.name));
      else
        error(DiagCode::E0211, first.span,
              fmt::format("this rule applies to `{}`, so `{}` alone names no record", subject_, first.name),
              fmt::format("look a record up by its id: `{}(some.id).field`", first.name));
      return nullptr;
    } else {
      std::vector<std::string> candidates;
      for (const auto& scope : scopes_) candidates.push_back(scope.name);
      if (!in_constant_ && !subject_.empty()) candidates.push_back(subject_);
      for (const auto& [name, t] : constant_types_)
        if (in_pack_scope(name)) candidates.push_back(name);
      auto suggestion = closest_name(first.name, candidates);
      error(DiagCode::E0202, first.span, fmt::format("unknown name `{}`", first.name),
            suggestion ? fmt::format("did you mean `{}`?", *suggestion)
                       : fmt::format("a path starts with the record kind (`{}`), a constant or a bound variable",
                                     subject_.empty() ? "course" : subject_));
      return nullptr;
    }
    out_.heads[e.id] = binding;
    return type;
  }

  static std::string field_list(const Type& t) {
    std::string out;
    for (const auto& f : t.fields) out += (out.empty() ? "" : ", ") + f.name;
    return out;
  }

  TypeRef node(const ast::Expr&, const ast::List& list) {
    TypeRef element = schema::scalar(K::Any);
    for (const auto& item : list.items) {
      TypeRef t = expr(*item);
      if (is_error(t)) continue;
      if (is_any(element)) element = t;
      else if (schema::is_numeric(*element) && schema::is_numeric(*t)) {
        if (t->kind == K::Number) element = t;
      } else if (!comparable(element, t)) {
        error(DiagCode::E0203, item->span,
              fmt::format("a list holds values of one type: this is {}, the others {}", schema::describe(*t),
                          schema::describe(*element)));
      }
    }
    return schema::list_of(element);
  }

  TypeRef node(const ast::Expr& e, const ast::Unary& u) {
    if (u.op == ast::UnaryOp::Not) {
      expect(*u.operand, K::Bool, "the operand of `not`");
      return schema::scalar(K::Bool);
    }
    TypeRef t = expr(*u.operand);
    if (!is_error(t) && !schema::is_numeric(*t) && t->kind != K::Duration) {
      error(DiagCode::E0203, e.span, fmt::format("cannot negate {}", schema::describe(*t)));
      return schema::scalar(K::Error);
    }
    return t;
  }

  TypeRef node(const ast::Expr& e, const ast::Between& b) {
    TypeRef s = expr(*b.subject), lo = expr(*b.low), hi = expr(*b.high);
    for (const auto* bound : {&lo, &hi}) {
      if (!ordered(s) || !comparable(s, *bound) || (*bound)->kind == K::Record || (*bound)->kind == K::List) {
        error(DiagCode::E0203, e.span,
              fmt::format("`between` compares ordered values of one type: {} between {} and {}",
                          schema::describe(*s), schema::describe(*lo), schema::describe(*hi)));
        break;
      }
    }
    return schema::scalar(K::Bool);
  }

  // An enumeration compared with string literals: every literal must be one of its values.
  void check_enum_literals(const TypeRef& enum_type, const ast::Expr& other) {
    if (enum_type->kind != K::Enum) return;
    auto check_one = [&](const ast::Expr& item) {
      const auto* lit = std::get_if<ast::Literal>(&item.node);
      if (!lit) return;
      const auto* s = std::get_if<std::string>(&lit->value);
      if (!s) return;
      for (const auto& v : enum_type->values)
        if (v == *s) return;
      auto suggestion = closest_name(*s, enum_type->values);
      error(DiagCode::E0208, item.span,
            fmt::format("`{}` is not a value of {}", *s, schema::describe(*enum_type)),
            suggestion ? fmt::format("did you mean `{}`?", *suggestion) : std::string{});
    };
    if (const auto* list = std::get_if<ast::List>(&other.node)) {
      for (const auto& item : list->items) check_one(*item);
    } else {
      check_one(other);
    }
  }

  TypeRef node(const ast::Expr& e, const ast::Binary& b) {
    using Op = ast::BinaryOp;
    switch (b.op) {
      case Op::And:
      case Op::Or:
      case Op::Implies:
        expect(*b.lhs, K::Bool, fmt::format("the left side of `{}`", ast::op_text(b.op)).c_str());
        expect(*b.rhs, K::Bool, fmt::format("the right side of `{}`", ast::op_text(b.op)).c_str());
        return schema::scalar(K::Bool);
      case Op::Eq:
      case Op::Ne: {
        TypeRef l = expr(*b.lhs), r = expr(*b.rhs);
        if (!comparable(l, r) || l->kind == K::Record || r->kind == K::Record)
          error(DiagCode::E0203, e.span,
                fmt::format("cannot compare {} with {}", schema::describe(*l), schema::describe(*r)));
        check_enum_literals(l, *b.rhs);
        check_enum_literals(r, *b.lhs);
        return schema::scalar(K::Bool);
      }
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge: {
        TypeRef l = expr(*b.lhs), r = expr(*b.rhs);
        if (!ordered(l) || !ordered(r) || !comparable(l, r))
          error(DiagCode::E0203, e.span,
                fmt::format("`{}` compares numbers, dates, durations or strings, not {} and {}", ast::op_text(b.op),
                            schema::describe(*l), schema::describe(*r)));
        return schema::scalar(K::Bool);
      }
      case Op::In:
      case Op::NotIn: {
        TypeRef l = expr(*b.lhs), r = expr(*b.rhs);
        if (is_error(l) || is_error(r)) return schema::scalar(K::Bool);
        if (r->kind != K::List) {
          error(DiagCode::E0203, b.rhs->span,
                fmt::format("the right side of `{}` must be a list, not {}", ast::op_text(b.op), schema::describe(*r)));
        } else if (!comparable(l, r->element)) {
          error(DiagCode::E0203, e.span,
                fmt::format("cannot look for {} in {}", schema::describe(*l), schema::describe(*r)));
        } else {
          check_enum_literals(l, *b.rhs);
        }
        return schema::scalar(K::Bool);
      }
      case Op::Matches: {
        TypeRef l = expr(*b.lhs);
        TypeRef r = expr(*b.rhs);
        if (!is_error(l) && l->kind != K::String && l->kind != K::Enum)
          error(DiagCode::E0203, b.lhs->span, fmt::format("`matches` applies to strings, not {}", schema::describe(*l)));
        const auto* lit = std::get_if<ast::Literal>(&b.rhs->node);
        const auto* pattern = lit ? std::get_if<std::string>(&lit->value) : nullptr;
        if (!pattern) {
          if (!is_error(r))
            error(DiagCode::E0203, b.rhs->span, "the pattern of `matches` must be a string literal",
                  "patterns are compiled once, before any record is read");
        } else {
          RE2 compiled(*pattern, RE2::Quiet);
          if (!compiled.ok())
            error(DiagCode::E0207, b.rhs->span, fmt::format("invalid regular expression: {}", compiled.error()),
                  "patterns use RE2 syntax (no backreferences or lookarounds)");
        }
        return schema::scalar(K::Bool);
      }
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Div: {
        TypeRef l = expr(*b.lhs), r = expr(*b.rhs);
        if (is_error(l) || is_error(r)) return schema::scalar(K::Error);
        if (schema::is_numeric(*l) && schema::is_numeric(*r)) {
          if (b.op == Op::Div || l->kind == K::Number || r->kind == K::Number) return schema::scalar(K::Number);
          return schema::scalar(K::Integer);
        }
        if ((b.op == Op::Add || b.op == Op::Sub) && l->kind == K::Duration && r->kind == K::Duration)
          return l;
        error(DiagCode::E0203, e.span,
              fmt::format("`{}` needs numbers (or two durations for + and -), not {} and {}", ast::op_text(b.op),
                          schema::describe(*l), schema::describe(*r)));
        return schema::scalar(K::Error);
      }
    }
    return schema::scalar(K::Error);
  }

  TypeRef node(const ast::Expr& e, const ast::Call& call) {
    const Builtin* builtin = find_builtin(call.name);
    if (!builtin && schema_.kind(call.name)) return lookup(e, call);
    if (!builtin) {
      std::vector<std::string> names;
      for (const auto& b : builtins()) names.push_back(b.name);
      auto suggestion = closest_name(call.name, names);
      error(DiagCode::E0205, call.name_span, fmt::format("unknown function `{}`", call.name),
            suggestion ? fmt::format("did you mean `{}`?", *suggestion) : "see docs/language.md, \"Functions\"");
      for (const auto& a : call.args) expr(*a);
      return schema::scalar(K::Error);
    }
    int n = static_cast<int>(call.args.size());
    if (n < builtin->min_args || n > builtin->max_args) {
      error(DiagCode::E0206, e.span,
            fmt::format("`{}` takes {} argument{}, not {}", call.name,
                        builtin->min_args == builtin->max_args ? std::to_string(builtin->min_args)
                                                               : fmt::format("{} or {}", builtin->min_args, builtin->max_args),
                        builtin->max_args == 1 ? "" : "s", n),
            builtin->signature);
      return schema::scalar(K::Error);
    }
    if (builtin->binds && n == 2) return quantifier(e, call);
    std::vector<TypeRef> args;
    for (const auto& a : call.args) args.push_back(expr(*a));
    for (const auto& t : args)
      if (is_error(t)) return result_type(call.name);
    auto require = [&](std::size_t i, bool ok, const char* what) {
      if (!ok)
        error(DiagCode::E0203, call.args[i]->span,
              fmt::format("`{}` expects {}, not {}", call.name, what, schema::describe(*args[i])));
    };
    const std::string& f = call.name;
    if (f == "len") require(0, args[0]->kind == K::String || args[0]->kind == K::Enum || args[0]->kind == K::List, "a string or a list");
    else if (f == "count" || f == "unique") require(0, args[0]->kind == K::List, "a list");
    else if (f == "sum") require(0, args[0]->kind == K::List && (schema::is_numeric(*args[0]->element) || is_any(args[0]->element)), "a list of numbers");
    else if (f == "days_between") {
      require(0, args[0]->kind == K::Date, "dates");
      require(1, args[1]->kind == K::Date, "dates");
    } else if (f == "hours") require(0, args[0]->kind == K::Duration, "a duration");
    else if (f == "lower") require(0, args[0]->kind == K::String || args[0]->kind == K::Enum, "a string");
    else if (f == "tree") return tree(call, args);
    else if (f == "same_name") {
      require(0, args[0]->kind == K::String || args[0]->kind == K::Enum, "a string");
      require(1, args[1]->kind == K::String || args[1]->kind == K::Enum, "a string");
    } else if (f == "row_key" || f == "nearest_row" || f == "mentioned_row" || f == "same_row") {
      require(0, args[0]->kind == K::List && args[0]->element && args[0]->element->kind == K::List &&
                     args[0]->element->element && args[0]->element->element->kind == K::String,
              "a table: a list of lists of strings");
      for (std::size_t i = 1; i < args.size(); ++i)
        require(i, args[i]->kind == K::String || args[i]->kind == K::Enum, "a string");
    }
    return result_type(f);
  }

  // `tree(node, "field")`: a recursive type (a requirement whose `all_of` lists
  // requirements) read to any depth; the field is named by a string so the checker can
  // verify it leads back to the same type.
  TypeRef tree(const ast::Call& call, const std::vector<TypeRef>& args) {
    if (args[0]->kind != K::Record) {
      error(DiagCode::E0203, call.args[0]->span,
            fmt::format("`tree` expects a record, not {}", schema::describe(*args[0])));
      return schema::scalar(K::Error);
    }
    const auto* literal = std::get_if<ast::Literal>(&call.args[1]->node);
    const auto* name = literal ? std::get_if<std::string>(&literal->value) : nullptr;
    if (!name) {
      error(DiagCode::E0203, call.args[1]->span, "`tree` expects the name of a field, in double quotes");
      return schema::scalar(K::Error);
    }
    const schema::Field* field = args[0]->field(*name);
    if (!field || field->type->kind != K::List || !field->type->element ||
        field->type->element->kind != K::Record || field->type->element->name != args[0]->name) {
      error(DiagCode::E0203, call.args[1]->span,
            fmt::format("`{}` is not a field of {} that lists records of the same type", *name, schema::describe(*args[0])));
      return schema::scalar(K::Error);
    }
    return schema::list_of(args[0]);
  }

  static TypeRef result_type(const std::string& f) {
    if (f == "present" || f == "all" || f == "some" || f == "none" || f == "unique" || f == "same_name" ||
        f == "same_row")
      return schema::scalar(K::Bool);
    if (f == "row_key" || f == "nearest_row" || f == "mentioned_row") return schema::scalar(K::String);
    if (f == "len" || f == "count" || f == "days_between") return schema::scalar(K::Integer);
    if (f == "sum" || f == "hours" || f == "max" || f == "min") return schema::scalar(K::Number);
    if (f == "lower") return schema::scalar(K::String);
    if (f == "today") return schema::scalar(K::Date);
    return schema::scalar(K::Error);
  }

  // `course(id)`: the record of that kind with that id, among the records checked.
  TypeRef lookup(const ast::Expr& e, const ast::Call& call) {
    if (in_constant_) {
      error(DiagCode::E0210, call.name_span, fmt::format("a constant cannot read record data (`{}`)", call.name));
      return schema::scalar(K::Error);
    }
    if (call.args.size() != 1) {
      error(DiagCode::E0206, e.span, fmt::format("`{}(id)` takes one argument, the record's id", call.name));
      return schema::scalar(K::Error);
    }
    TypeRef arg = expr(*call.args[0]);
    if (!is_error(arg) && arg->kind != K::String && arg->kind != K::Enum)
      error(DiagCode::E0203, call.args[0]->span,
            fmt::format("a record is looked up by its id, a string, not {}", schema::describe(*arg)));
    out_.lookups[e.id] = call.name;
    if (current_rule_) out_.rules_with_lookups.insert(current_rule_);
    return schema_.kind(call.name);
  }

  TypeRef quantifier(const ast::Expr& e, const ast::Call& call) {
    const ast::Expr& binding = *call.args[0];
    const auto* in = std::get_if<ast::Binary>(&binding.node);
    const ast::Path* var = in && in->op == ast::BinaryOp::In ? std::get_if<ast::Path>(&in->lhs->node) : nullptr;
    if (!var || var->segments.size() != 1) {
      error(DiagCode::E0203, binding.span,
            fmt::format("the first argument of `{}` binds a name to each item: `{}(x in list, ...)`", call.name, call.name));
      expr(*call.args[1]);
      return result_type(call.name);
    }
    TypeRef list = expr(*in->rhs);
    TypeRef element = schema::scalar(K::Error);
    if (list->kind == K::List) element = list->element;
    else if (!is_error(list))
      error(DiagCode::E0203, in->rhs->span,
            fmt::format("`{}` ranges over a list, and this is {}", call.name, schema::describe(*list)));
    const std::string& name = var->segments[0].name;
    if (name == subject_ || (constant_types_.count(name) && in_pack_scope(name)) || lookup_variable(name))
      error(DiagCode::E0101, var->segments[0].span, fmt::format("`{}` already names something here", name),
            "choose another name for the item");
    // Below the variables in scope (a message's deciding variables may skip slots).
    int slot = scopes_.empty() ? 0 : scopes_.back().slot + 1;
    scopes_.push_back({name, element, slot});
    max_slot_ = std::max(max_slot_, slot + 1);
    out_.binders[e.id] = slot;
    TypeRef body = expr(*call.args[1]);
    scopes_.pop_back();
    const std::string& f = call.name;
    if (!is_error(body)) {
      if ((f == "all" || f == "some" || f == "none" || f == "count") && body->kind != K::Bool)
        error(DiagCode::E0203, call.args[1]->span,
              fmt::format("the condition of `{}` must be boolean, not {}", f, schema::describe(*body)));
      if ((f == "sum" || f == "max" || f == "min") && !schema::is_numeric(*body))
        error(DiagCode::E0203, call.args[1]->span, fmt::format("`{}` takes numbers, not {}", f, schema::describe(*body)));
      if (f == "unique" && (body->kind == K::Record || body->kind == K::List))
        error(DiagCode::E0203, call.args[1]->span, "the key of `unique` must be a single value");
    }
    return result_type(f);
  }

  struct Scope {
    std::string name;
    TypeRef type;
    int slot;
  };

  void expose_deciding(const ast::Expr& e) {
    std::vector<Scope> deciding;
    deciding_variables(e, deciding);
    std::map<int, int> per_slot;
    for (const auto& v : deciding) ++per_slot[v.slot];
    for (const auto& v : deciding)
      if (per_slot[v.slot] == 1) scopes_.push_back(v);
  }

  // Variables of the `all` and `none` quantifiers whose failure makes `e` false: those
  // reached through `and`, the right side of `implies`, and their bodies. Each stops at
  // the item that decides, so after a failure its slot holds that item. `some` and the
  // others end on whatever item came last: not exposed. In slot order.
  void deciding_variables(const ast::Expr& e, std::vector<Scope>& out) const {
    if (const auto* b = std::get_if<ast::Binary>(&e.node)) {
      if (b->op == ast::BinaryOp::And) {
        deciding_variables(*b->lhs, out);
        deciding_variables(*b->rhs, out);
      } else if (b->op == ast::BinaryOp::Implies) {
        deciding_variables(*b->rhs, out);
      }
      return;
    }
    const auto* call = std::get_if<ast::Call>(&e.node);
    if (!call || (call->name != "all" && call->name != "none") || call->args.size() != 2) return;
    auto slot = out_.binders.find(e.id);
    const auto* in = std::get_if<ast::Binary>(&call->args[0]->node);
    const ast::Path* var = in ? std::get_if<ast::Path>(&in->lhs->node) : nullptr;
    auto list = in ? out_.types.find(in->rhs->id) : out_.types.end();
    if (slot == out_.binders.end() || !var || var->segments.size() != 1 || list == out_.types.end() ||
        list->second->kind != K::List)
      return;
    out.push_back({var->segments[0].name, list->second->element, slot->second});
    deciding_variables(*call->args[1], out);
    std::stable_sort(out.begin(), out.end(), [](const Scope& a, const Scope& b) { return a.slot < b.slot; });
  }
  const Scope* lookup_variable(const std::string& name) const {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }

  const schema::Schema& schema_;
  Diagnostics& diagnostics_;
  CheckedPack& out_;
  std::string subject_;
  TypeRef subject_type_;
  bool in_constant_ = false;
  std::map<std::string, TypeRef> constant_types_;
  std::map<std::string, std::size_t> constant_order_;
  std::size_t constant_limit_ = SIZE_MAX;
  // The constants a pack's rules see: its own and those of the packs declared before it
  // (the packs it uses); a user pack's `const s` never reaches the rules of dfcu-2023.
  std::size_t pack_scope_ = SIZE_MAX;
  const ast::RuleDecl* current_rule_ = nullptr;
  std::vector<Scope> scopes_;
  int max_slot_ = 0;
};

// `disable` names a rule of the pack set: it must exist.
void disables(const std::vector<const ast::Module*>& modules, const std::map<std::string, const ast::RuleDecl*>& rules,
              CheckedPack& out, Diagnostics& diagnostics) {
  for (const auto* m : modules)
    for (const auto& d : m->disables) {
      if (!rules.count(d.rule_id)) {
        std::vector<std::string> ids;
        for (const auto& [id, r] : rules) ids.push_back(id);
        auto suggestion = closest_name(d.rule_id, ids);
        diagnostics.add(DiagCode::E0108, d.span, fmt::format("there is no rule `{}` to disable", d.rule_id),
                        suggestion ? fmt::format("did you mean `{}`?", *suggestion) : std::string{});
        continue;
      }
      out.disabled[d.rule_id] = &d;
    }
}
}  // namespace

CheckedPack check(const std::vector<const ast::Module*>& modules, const schema::Schema& schema,
                  Diagnostics& diagnostics, const std::vector<std::size_t>& modules_per_pack) {
  CheckedPack out;
  Checker checker(schema, diagnostics, out);
  checker.indicators(modules);
  // scope[i]: how many constants module i's rules see (all of them without pack boundaries).
  std::vector<std::size_t> scope(modules.size(), SIZE_MAX);
  std::size_t next = 0;
  auto declare = [&](std::size_t end) {
    std::size_t first = next;
    for (; next < end; ++next)
      for (const auto& c : modules[next]->constants) checker.constant(c);
    for (std::size_t i = first; i < end; ++i) scope[i] = checker.constants_declared();
  };
  for (std::size_t count : modules_per_pack) declare(std::min(next + count, modules.size()));
  declare(modules.size());
  for (const auto* m : modules)
    for (const auto& c : m->overrides) checker.override_constant(c);
  std::map<std::string, const ast::RuleDecl*> rules;
  for (std::size_t i = 0; i < modules.size(); ++i) {
    checker.limit_to_pack(scope[i]);
    for (const auto& r : modules[i]->rules) {
      checker.rule(r);
      rules.emplace(r.id, &r);
    }
  }
  for (std::size_t i = 0; i < modules.size(); ++i) {
    checker.limit_to_pack(scope[i]);
    for (const auto& r : modules[i]->unchecked) checker.unchecked(r);
  }
  checker.limit_to_pack(SIZE_MAX);
  disables(modules, rules, out, diagnostics);
  return out;
}

bool extends_only(const ast::Module& module) {
  return module.overrides.empty() && module.disables.empty() && module.indicators.empty() && module.records.empty();
}

CheckedPack check_more(const ast::Module& module, const CheckedPack& base, const schema::Schema& schema,
                       Diagnostics& diagnostics) {
  CheckedPack out;
  Checker checker(schema, diagnostics, out);
  checker.known_constants(base);
  for (const auto& c : module.constants) checker.constant(c);
  for (const auto& r : module.rules) checker.rule(r);
  for (const auto& r : module.unchecked) checker.unchecked(r);
  return out;
}

}  // namespace cadre::check
