// SPDX-License-Identifier: Apache-2.0
#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <re2/re2.h>

#include <fmt/format.h>

#include "engine/base/fuzzy.hpp"
#include "engine/base/name_fold.hpp"
#include "engine/compile/program.hpp"

namespace cadre::compile {

using eval::RuntimeValue;
using RK = RuntimeValue::Kind;

std::string CompiledTemplate::render(Frame& frame, const std::string& lang) const {
  std::string out;
  for (const auto& part : parts) out += part.expr ? eval::render(part.expr(frame), lang) : part.text;
  return out;
}

namespace {

std::string pointer_token(const std::string& name) {
  std::string token = "/";
  for (char c : name) {
    if (c == '~') token += "~0";
    else if (c == '/') token += "~1";
    else token += c;
  }
  return token;
}

bool truthy(const RuntimeValue& v) { return v.kind == RK::Bool && v.boolean; }
bool falsy(const RuntimeValue& v) { return v.kind == RK::Bool && !v.boolean; }

bool within(const record::Value* v, const record::Value* root) {
  for (; v; v = v->parent)
    if (v == root) return true;
  return false;
}

/// Which operand a result is about: the first that comes from the record being judged
/// (a value looked up in another record cannot be shown in this record's file).
const record::Value* blame(const Frame& f, const RuntimeValue& a, const RuntimeValue& b) {
  if (a.source && within(a.source, f.root)) return a.source;
  if (b.source && within(b.source, f.root)) return b.source;
  return a.source ? a.source : b.source;
}

RuntimeValue number_result(double value, const record::Value* source) {
  RuntimeValue r;
  r.kind = RK::Number;
  r.number = value;
  r.source = source;
  return r;
}

RuntimeValue integer_result(std::int64_t value, const record::Value* source) {
  RuntimeValue r;
  r.kind = RK::Integer;
  r.integer = value;
  r.source = source;
  return r;
}

bool non_empty(const RuntimeValue& v) {
  if (v.kind == RK::String) return v.text.find_first_not_of(" \t\r\n") != std::string::npos;
  if (v.kind == RK::List) return v.size() > 0;
  return true;
}

// name_key (ICU) is what `same_row` costs: a count over a session's trainees folds the same
// few spellings once per pair. Remembered per thread by text — name_key is a pure function of
// the text, so an entry is never stale — and forgotten in bulk past a bound.
std::string folded_name(const std::string& text) {
  thread_local std::unordered_map<std::string, std::string> memo;
  if (auto it = memo.find(text); it != memo.end()) return it->second;
  if (memo.size() >= 4096) memo.clear();
  return memo.emplace(text, name_key(text)).first->second;
}

class Compiler {
 public:
  explicit Compiler(const check::CheckedPack& checked) : checked_(checked) {}
  Compiler(const check::CheckedPack& checked, std::map<std::string, RuntimeValue> constants)
      : checked_(checked), constants_(std::move(constants)) {}

  const std::map<std::string, RuntimeValue>& constant_table() const { return constants_; }
  Evaluator expression(const ast::Expr& e) { return compile(e); }

  // Computes the constants not known yet, in declaration order (a constant reads only
  // those declared before it).
  void constants() {
    for (const auto& [name, value] : checked_.constants) {
      if (constants_.count(name)) continue;
      Frame frame;
      constants_[name] = compile(*value)(frame);
    }
  }

  CompiledRule rule(const ast::RuleDecl& r, const RuleOrigin& origin) {
    CompiledRule out;
    out.decl = &r;
    out.pack_id = origin.pack_id;
    out.pack_effective = origin.effective;
    if (r.when) out.when = compile(*r.when);
    for (const auto& req : r.requirements)
      out.requirements.push_back({compile(*req.expr), req.expr->span, messages(req.otherwise)});
    out.message = messages(r.message);
    auto it = checked_.slot_counts.find(&r);
    out.slots = it == checked_.slot_counts.end() ? 0 : it->second;
    return out;
  }

 private:
  Messages messages(const ast::Localized<ast::Template>& texts) {
    Messages out;
    for (const auto& [lang, t] : texts) {
      CompiledTemplate ct;
      for (const auto& part : t.parts) ct.parts.push_back({part.text, part.expr ? compile(*part.expr) : Evaluator{}});
      out[lang] = std::move(ct);
    }
    return out;
  }

  Evaluator compile(const ast::Expr& e) {
    return std::visit([&](const auto& n) { return node(e, n); }, e.node);
  }

  Evaluator node(const ast::Expr&, const ast::Literal& lit) {
    RuntimeValue v = literal(lit.value);
    return [v](Frame&) { return v; };
  }

  static RuntimeValue literal(const ast::LiteralValue& value) {
    RuntimeValue v;
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, bool>) { v.kind = RK::Bool; v.boolean = x; }
          else if constexpr (std::is_same_v<T, std::int64_t>) { v.kind = RK::Integer; v.integer = x; }
          else if constexpr (std::is_same_v<T, double>) { v.kind = RK::Number; v.number = x; }
          else if constexpr (std::is_same_v<T, std::string>) { v.kind = RK::String; v.text = x; }
          else if constexpr (std::is_same_v<T, Date>) { v.kind = RK::Date; v.date = x; }
          else { v.kind = RK::Duration; v.duration = x; }
        },
        value);
    return v;
  }

  Evaluator node(const ast::Expr& e, const ast::Path& path) {
    Evaluator head;
    std::size_t first_field = 1;
    if (path.base) {
      head = compile(*path.base);
      first_field = 0;
    } else {
      const auto& binding = checked_.heads.at(e.id);
      switch (binding.kind) {
        case check::HeadBinding::Kind::Subject:
          head = [](Frame& f) { return RuntimeValue::from_record(*f.root); };
          break;
        case check::HeadBinding::Kind::Constant: {
          RuntimeValue c = constants_.at(binding.constant);
          head = [c](Frame&) { return c; };
          break;
        }
        case check::HeadBinding::Kind::Variable: {
          auto slot = static_cast<std::size_t>(binding.slot);
          head = [slot](Frame& f) { return f.slots[slot]; };
          break;
        }
      }
    }
    if (path.segments.size() == first_field) return head;
    struct Step {
      std::string name;
      std::string dotted;   // the path up to and including this step
      std::string token;    // its JSON Pointer token
      // Where the field was last found among its map's entries. Records of one kind
      // mostly list their fields in the same order, so the first comparison usually hits
      // and a look-up no longer scans the map (at 500 rules, most of the time went there).
      // Shared by the threads that judge records: a stale hint only costs the scan.
      std::shared_ptr<std::atomic<std::uint32_t>> hint = std::make_shared<std::atomic<std::uint32_t>>(0);
    };
    std::vector<Step> steps;
    for (std::size_t i = first_field; i < path.segments.size(); ++i)
      steps.push_back({path.segments[i].name, check::path_text(path, i + 1), pointer_token(path.segments[i].name)});
    // Value::get with the hint: the same entry, since a map's keys are unique (the loader
    // drops a duplicate key's value and reports it).
    auto get = [](const record::Value& map, const Step& step) -> const record::Value* {
      if (!map.is_map()) return nullptr;
      const auto& entries = map.children;
      std::uint32_t at = step.hint->load(std::memory_order_relaxed);
      if (at < entries.size() && entries[at].key == step.name) return &entries[at];
      for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].key != step.name) continue;
        step.hint->store(static_cast<std::uint32_t>(i), std::memory_order_relaxed);
        return &entries[i];
      }
      return nullptr;
    };
    return [head, steps, get](Frame& f) {
      RuntimeValue v = head(f);
      for (const auto& step : steps) {
        if (v.missing()) return v;
        const record::Value* child = v.node ? get(*v.node, step) : nullptr;
        if (!child || child->kind == record::Value::Kind::Null)
          return RuntimeValue::make_missing(step.dotted, v.node, step.token);
        // A value that breaks its schema is missing, with the value itself as the reason.
        if (child->unreadable != record::Unreadable::None) return RuntimeValue::make_missing(step.dotted, child);
        v = RuntimeValue::from_record(*child);
      }
      return v;
    };
  }

  Evaluator node(const ast::Expr&, const ast::List& list) {
    std::vector<Evaluator> items;
    for (const auto& item : list.items) items.push_back(compile(*item));
    return [items](Frame& f) {
      auto values = std::make_shared<std::vector<RuntimeValue>>();
      for (const auto& item : items) {
        RuntimeValue v = item(f);
        if (v.missing()) return v;
        values->push_back(std::move(v));
      }
      RuntimeValue r;
      r.kind = RK::List;
      r.items = std::move(values);
      return r;
    };
  }

  Evaluator node(const ast::Expr&, const ast::Unary& u) {
    Evaluator operand = compile(*u.operand);
    if (u.op == ast::UnaryOp::Not) {
      return [operand](Frame& f) {
        RuntimeValue v = operand(f);
        if (v.missing()) return v;
        v.boolean = !v.boolean;
        return v;
      };
    }
    return [operand](Frame& f) {
      RuntimeValue v = operand(f);
      if (v.kind == RK::Integer) v.integer = -v.integer;
      else if (v.kind == RK::Number) v.number = -v.number;
      else if (v.kind == RK::Duration) v.duration.seconds = -v.duration.seconds;
      return v;
    };
  }

  Evaluator node(const ast::Expr&, const ast::Between& b) {
    Evaluator s = compile(*b.subject), lo = compile(*b.low), hi = compile(*b.high);
    return [s, lo, hi](Frame& f) {
      RuntimeValue v = s(f), l = lo(f), h = hi(f);
      for (const auto* x : {&v, &l, &h})
        if (x->missing()) return *x;
      bool inside = eval::compare(v, l) >= 0 && eval::compare(v, h) <= 0;
      return RuntimeValue::make_bool(inside, blame(f, v, l.source ? l : h));
    };
  }

  Evaluator node(const ast::Expr& e, const ast::Binary& b) {
    using Op = ast::BinaryOp;
    Evaluator l = compile(*b.lhs);
    Evaluator r = compile(*b.rhs);
    switch (b.op) {
      case Op::And:
        return [l, r](Frame& f) {
          RuntimeValue a = l(f);
          if (falsy(a)) return a;
          RuntimeValue c = r(f);
          if (falsy(c) || a.missing()) return falsy(c) ? c : a;
          if (c.missing()) return c;
          return RuntimeValue::make_bool(true, blame(f, a, c));
        };
      case Op::Or:
        return [l, r](Frame& f) {
          RuntimeValue a = l(f);
          if (truthy(a)) return a;
          RuntimeValue c = r(f);
          if (truthy(c)) return c;
          if (a.missing()) return a;
          if (c.missing()) return c;
          return a;
        };
      case Op::Implies:
        return [l, r](Frame& f) {
          RuntimeValue a = l(f);
          if (falsy(a)) return RuntimeValue::make_bool(true, a.source);
          RuntimeValue c = r(f);
          if (a.missing() && !truthy(c)) return a;
          return c;
        };
      case Op::Eq:
      case Op::Ne: {
        bool want = b.op == Op::Eq;
        return [l, r, want](Frame& f) {
          RuntimeValue a = l(f), c = r(f);
          if (a.missing()) return a;
          if (c.missing()) return c;
          return RuntimeValue::make_bool(eval::equal(a, c) == want, blame(f, a, c));
        };
      }
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge: {
        Op op = b.op;
        return [l, r, op](Frame& f) {
          RuntimeValue a = l(f), c = r(f);
          if (a.missing()) return a;
          if (c.missing()) return c;
          int cmp = eval::compare(a, c);
          bool result = op == Op::Lt ? cmp < 0 : op == Op::Le ? cmp <= 0 : op == Op::Gt ? cmp > 0 : cmp >= 0;
          return RuntimeValue::make_bool(result, blame(f, a, c));
        };
      }
      case Op::In:
      case Op::NotIn: {
        bool want = b.op == Op::In;
        return [l, r, want](Frame& f) {
          RuntimeValue a = l(f), list = r(f);
          if (a.missing()) return a;
          if (list.missing()) return list;
          bool found = false;
          for (std::size_t i = 0; i < list.size() && !found; ++i) found = eval::equal(a, list.item(i));
          return RuntimeValue::make_bool(found == want, blame(f, a, list));
        };
      }
      case Op::Matches: {
        const auto& pattern = std::get<std::string>(std::get<ast::Literal>(b.rhs->node).value);
        // RE2 matches in time linear in the input: a hostile record value cannot make a
        // rule hang (std::regex backtracks, and recurses per character).
        auto re = std::make_shared<const RE2>(pattern, RE2::Quiet);
        return [l, re](Frame& f) {
          RuntimeValue a = l(f);
          if (a.missing()) return a;
          return RuntimeValue::make_bool(RE2::PartialMatch(a.text, *re), a.source);
        };
      }
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Div: {
        Op op = b.op;
        bool integer = checked_.type_of(e)->kind == schema::Type::Kind::Integer;
        return [l, r, op, integer](Frame& f) {
          RuntimeValue a = l(f), c = r(f);
          if (a.missing()) return a;
          if (c.missing()) return c;
          const record::Value* source = blame(f, a, c);
          if (a.kind == RK::Duration) {
            RuntimeValue d = a;
            d.duration.seconds += op == Op::Add ? c.duration.seconds : -c.duration.seconds;
            return d;
          }
          if (integer) {
            std::int64_t out = 0;
            bool overflow = op == Op::Add   ? __builtin_add_overflow(a.integer, c.integer, &out)
                            : op == Op::Sub ? __builtin_sub_overflow(a.integer, c.integer, &out)
                                            : __builtin_mul_overflow(a.integer, c.integer, &out);
            if (overflow) return RuntimeValue::make_missing("!overflow", source);
            return integer_result(out, source);
          }
          double x = a.as_number(), y = c.as_number();
          if (op == Op::Div && y == 0) return RuntimeValue::make_missing("!division-by-zero", source);
          double out = op == Op::Add ? x + y : op == Op::Sub ? x - y : op == Op::Mul ? x * y : x / y;
          return number_result(out, source);
        };
      }
    }
    return [](Frame&) { return RuntimeValue{}; };
  }

  Evaluator node(const ast::Expr& e, const ast::Call& call) {
    const std::string& f = call.name;
    if (auto it = checked_.binders.find(e.id); it != checked_.binders.end())
      return quantifier(f, it->second, call);
    if (auto it = checked_.lookups.find(e.id); it != checked_.lookups.end()) return lookup(it->second, call);
    std::vector<Evaluator> args;
    for (const auto& a : call.args) args.push_back(compile(*a));
    if (f == "today") return [](Frame& fr) { RuntimeValue v; v.kind = RK::Date; v.date = fr.as_of; return v; };
    Evaluator a0 = args.empty() ? Evaluator{} : args[0];
    if (f == "present") {
      return [a0](Frame& fr) {
        RuntimeValue v = a0(fr);
        // A field that is there but unreadable is neither present nor absent: undecided.
        if (v.unreadable()) return v;
        if (v.missing()) {
          RuntimeValue r = RuntimeValue::make_bool(false, v.source);
          r.missing_tail = v.missing_tail;
          return r;
        }
        return RuntimeValue::make_bool(non_empty(v), v.source);
      };
    }
    if (f == "len" || f == "count") {
      return [a0](Frame& fr) {
        RuntimeValue v = a0(fr);
        if (v.missing()) return v;
        std::int64_t n = v.kind == RK::String ? static_cast<std::int64_t>(count_code_points(v.text))
                                              : static_cast<std::int64_t>(v.size());
        return integer_result(n, v.source);
      };
    }
    if (f == "sum") {
      return [a0](Frame& fr) {
        RuntimeValue v = a0(fr);
        if (v.missing()) return v;
        double total = 0;
        for (std::size_t i = 0; i < v.size(); ++i) {
          RuntimeValue item = v.item(i);
          if (item.missing()) return item;  // an unreadable item: no silent 0
          total += item.as_number();
        }
        return number_result(total, v.source);
      };
    }
    if (f == "unique") {
      return [a0](Frame& fr) {
        RuntimeValue v = a0(fr);
        if (v.missing()) return v;
        for (std::size_t i = 0; i < v.size(); ++i)
          for (std::size_t j = 0; j < i; ++j)
            if (eval::equal(v.item(i), v.item(j))) return RuntimeValue::make_bool(false, v.item(i).source);
        return RuntimeValue::make_bool(true, v.source);
      };
    }
    if (f == "days_between") {
      Evaluator a1 = args[1];
      return [a0, a1](Frame& fr) {
        RuntimeValue a = a0(fr), b = a1(fr);
        if (a.missing()) return a;
        if (b.missing()) return b;
        return integer_result(b.date.days - a.date.days, blame(fr, a, b));
      };
    }
    if (f == "hours") {
      return [a0](Frame& fr) {
        RuntimeValue v = a0(fr);
        if (v.missing()) return v;
        return number_result(v.duration.seconds / 3600.0, v.source);
      };
    }
    if (f == "tree") {
      // The checker made sure the second argument is a string literal naming the field.
      std::string field = std::get<std::string>(std::get<ast::Literal>(call.args[1]->node).value);
      return [a0, field](Frame& fr) {
        RuntimeValue v = a0(fr);
        if (v.missing() || !v.node) return v;
        auto items = std::make_shared<std::vector<RuntimeValue>>();
        // Depth is bounded by the loader's nesting limit, so recursion is safe here.
        std::function<void(const record::Value&)> walk = [&](const record::Value& node) {
          items->push_back(RuntimeValue::from_record(node));
          if (const record::Value* below = node.get(field); below && below->kind == record::Value::Kind::List)
            for (const auto& child : below->children)
              if (child.kind == record::Value::Kind::Map) walk(child);
        };
        walk(*v.node);
        RuntimeValue list;
        list.kind = RK::List;
        list.items = std::move(items);
        list.source = v.source;
        return list;
      };
    }
    if (f == "same_name") {
      Evaluator a1 = args[1];
      return [a0, a1](Frame& fr) {
        RuntimeValue a = a0(fr), b = a1(fr);
        if (a.missing()) return a;
        if (b.missing()) return b;
        return RuntimeValue::make_bool(name_key(a.text) == name_key(b.text), blame(fr, a, b));
      };
    }
    if (f == "same_row") return same_row(args);
    if (f == "row_key") return table_lookup(Find::Key, args);
    if (f == "mentioned_row") return table_lookup(Find::Mentioned, args);
    if (f == "nearest_row") return table_lookup(Find::Nearest, args);
    if (f == "lower") {
      return [a0](Frame& fr) {
        RuntimeValue v = a0(fr);
        for (auto& c : v.text)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return v;
      };
    }
    return [](Frame&) { return RuntimeValue::make_missing("an unknown function", nullptr); };
  }

  // A table of names (rows of strings: key, name, aliases), folded once: the table is a
  // constant in practice, but it is read through the frame like any argument.
  struct FoldedTable {
    std::vector<std::string> keys, names;        // per row
    std::vector<std::pair<std::string, std::size_t>> folded;  // (name_key of an item, row)
    std::unordered_map<std::string, std::size_t> row_of;      // the first row of each folded item
  };
  static FoldedTable fold_table(const RuntimeValue& table) {
    FoldedTable t;
    for (std::size_t r = 0; r < table.size(); ++r) {
      RuntimeValue row = table.item(r);
      if (row.size() == 0) continue;
      t.keys.push_back(row.item(0).text);
      t.names.push_back(row.size() > 1 ? row.item(1).text : row.item(0).text);
      for (std::size_t i = 0; i < row.size(); ++i) {
        t.folded.emplace_back(name_key(row.item(i).text), t.keys.size() - 1);
        t.row_of.emplace(t.folded.back().first, t.keys.size() - 1);
      }
    }
    return t;
  }

  // The table is a constant in practice: folded once per list it reads (records are judged
  // on several threads, hence the lock), not once per call.
  struct TableCache {
    std::mutex lock;
    // Held, not just its address: a freed list's address can be the next list's (a literal
    // built anew in each turn of a quantifier), which would answer from the wrong table.
    std::shared_ptr<const std::vector<RuntimeValue>> items;
    std::shared_ptr<const FoldedTable> folded;
  };

  static std::shared_ptr<const FoldedTable> folded_table(TableCache& cache, const RuntimeValue& t) {
    // A list read from a record cannot be held (it lives as long as its record, and its
    // address is another record's list later): folded each time. Constants are rule-built.
    if (!t.items) return std::make_shared<const FoldedTable>(fold_table(t));
    std::lock_guard<std::mutex> guard(cache.lock);
    if (!cache.folded || cache.items != t.items) {
      cache.folded = std::make_shared<const FoldedTable>(fold_table(t));
      cache.items = t.items;
    }
    return cache.folded;
  }

  enum class Find { Key, Mentioned, Nearest };
  Evaluator table_lookup(Find find, const std::vector<Evaluator>& args) {
    Evaluator table = args[0];
    std::vector<Evaluator> values(args.begin() + 1, args.end());
    auto cache = std::make_shared<TableCache>();
    return [find, table, values, cache](Frame& fr) {
      // The first value that is present is the one looked up (an id, else a name).
      RuntimeValue v, first;
      bool have_first = false;
      for (const auto& e : values) {
        RuntimeValue x = e(fr);
        if (!x.missing() && !x.text.empty()) { v = std::move(x); break; }
        if (!have_first) { first = std::move(x); have_first = true; }
      }
      if (v.missing()) v = std::move(first);
      if (v.missing()) return v;
      RuntimeValue t = table(fr);
      if (t.missing()) return t;
      std::shared_ptr<const FoldedTable> held = folded_table(*cache, t);
      const FoldedTable& folded = *held;
      std::string wanted = name_key(v.text);
      RuntimeValue out;
      out.kind = RK::String;
      out.source = v.source;
      if (find == Find::Key) {
        if (auto it = folded.row_of.find(wanted); it != folded.row_of.end()) out.text = folded.keys[it->second];
        return out;
      }
      if (find == Find::Mentioned) {
        // Whole words: " <item> " within " <text> " (keys have single spaces, no dashes).
        std::string text = " " + wanted + " ";
        std::size_t longest = 0;
        for (const auto& [k, row] : folded.folded)
          if (!k.empty() && k.size() > longest && text.find(" " + k + " ") != std::string::npos) {
            longest = k.size();
            out.text = folded.keys[row];
          }
        return out;
      }
      std::size_t best = SIZE_MAX;
      for (const auto& [k, row] : folded.folded)
        if (std::size_t d = edit_distance(wanted, k); d < best) { best = d; out.text = folded.names[row]; }
      return out;
    };
  }

  // `same_row(t, a, b)`: what `same_name(a, b) or (present(row_key(t, a)) and row_key(t, a) ==
  // row_key(t, b))` says (the same result, the same value when undecided), with each name
  // folded once instead of five times (and remembered): in a count over a session's trainees
  // it runs once per pair of trainees.
  Evaluator same_row(const std::vector<Evaluator>& args) {
    Evaluator table = args[0], first = args[1], second = args[2];
    auto cache = std::make_shared<TableCache>();
    return [table, first, second, cache](Frame& fr) {
      RuntimeValue a = first(fr), b = second(fr);
      if (a.missing()) return a;
      if (b.missing()) return b;
      std::string key_a = folded_name(a.text), key_b = folded_name(b.text);
      bool same = key_a == key_b;
      if (!same) {
        RuntimeValue t = table(fr);
        if (!t.missing()) {
          std::shared_ptr<const FoldedTable> held = folded_table(*cache, t);
          auto row_a = held->row_of.find(key_a);
          const std::string* row_key_a = row_a == held->row_of.end() ? nullptr : &held->keys[row_a->second];
          if (row_key_a && row_key_a->find_first_not_of(" \t\r\n") != std::string::npos) {
            auto row_b = held->row_of.find(key_b);
            same = row_b != held->row_of.end() && held->keys[row_b->second] == *row_key_a;
          }
        }
      }
      return RuntimeValue::make_bool(same, blame(fr, a, b));
    };
  }

  Evaluator lookup(const std::string& kind, const ast::Call& call) {
    Evaluator id = compile(*call.args[0]);
    return [kind, id](Frame& fr) {
      RuntimeValue key = id(fr);
      if (key.missing()) return key;
      const record::Value* found = nullptr;
      if (fr.index) {
        auto by_kind = fr.index->find(kind);
        if (by_kind != fr.index->end()) {
          auto it = by_kind->second.find(key.text);
          if (it != by_kind->second.end()) found = it->second;
        }
      }
      // Not found: missing, about the value that named it.
      if (!found) return RuntimeValue::make_missing(fmt::format("{} `{}`", kind, key.text), key.source);
      RuntimeValue r = RuntimeValue::from_record(*found);
      return r;
    };
  }

  Evaluator quantifier(const std::string& f, int slot, const ast::Call& call) {
    const auto& in = std::get<ast::Binary>(call.args[0]->node);
    Evaluator list = compile(*in.rhs);
    Evaluator body = compile(*call.args[1]);
    auto s = static_cast<std::size_t>(slot);
    enum class Q { All, Some, None, Count, Sum, Max, Min, Unique };
    Q q = f == "all" ? Q::All : f == "some" ? Q::Some : f == "none" ? Q::None
        : f == "count" ? Q::Count : f == "sum" ? Q::Sum : f == "max" ? Q::Max : f == "min" ? Q::Min : Q::Unique;
    return [list, body, s, q](Frame& fr) {
      RuntimeValue items = list(fr);
      if (items.missing()) return items;
      RuntimeValue first_missing;
      bool any_missing = false;
      std::int64_t count = 0;
      double total = 0;
      bool have_best = false;   // max, min: the extreme so far and the item it comes from
      double best = 0;
      const record::Value* best_source = nullptr;
      std::vector<RuntimeValue> keys;
      for (std::size_t i = 0; i < items.size(); ++i) {
        RuntimeValue item = items.item(i);
        const record::Value* item_source = item.source;
        fr.slots[s] = std::move(item);
        RuntimeValue v = body(fr);
        if (v.missing()) {
          if (!any_missing) first_missing = v;
          any_missing = true;
          continue;
        }
        // The result is about this item: keep a source inside it (`a.hours`), else point at
        // the item itself (an inner quantifier may answer with another list).
        if (!v.source || (item_source && !within(v.source, item_source))) {
          v.source = item_source;
          v.missing_tail.clear();
        }
        switch (q) {
          case Q::All: if (falsy(v)) return v; break;
          case Q::Some: if (truthy(v)) return v; break;
          case Q::None: if (truthy(v)) { v.boolean = false; return v; } break;
          case Q::Count: if (truthy(v)) ++count; break;
          case Q::Sum: total += v.as_number(); break;
          case Q::Max:
          case Q::Min:
            if (!have_best || (q == Q::Max ? v.as_number() > best : v.as_number() < best)) {
              best = v.as_number();
              best_source = v.source;
              have_best = true;
            }
            break;
          case Q::Unique:
            for (const auto& k : keys)
              if (eval::equal(k, v)) return RuntimeValue::make_bool(false, item_source);
            keys.push_back(std::move(v));
            break;
        }
      }
      if (any_missing) return first_missing;
      switch (q) {
        case Q::All: return RuntimeValue::make_bool(true, items.source);
        case Q::Some: return RuntimeValue::make_bool(false, items.source);
        case Q::None: return RuntimeValue::make_bool(true, items.source);
        case Q::Count: return integer_result(count, items.source);
        case Q::Sum: return number_result(total, items.source);
        case Q::Max:
        case Q::Min:
          if (!have_best) return RuntimeValue::make_missing("!empty-list", items.source);
          return number_result(best, best_source);
        case Q::Unique: return RuntimeValue::make_bool(true, items.source);
      }
      return RuntimeValue{};
    };
  }

  const check::CheckedPack& checked_;
  std::map<std::string, RuntimeValue> constants_;
};

}  // namespace

Constants constant_values(const check::CheckedPack& checked) {
  Compiler compiler(checked);
  compiler.constants();
  return compiler.constant_table();
}

namespace {
// True when the expression reads nothing but literals and constants.
bool record_free(const ast::Expr& e, const check::CheckedPack& checked) {
  return std::visit(
      [&](const auto& n) -> bool {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::Literal>) {
          return true;
        } else if constexpr (std::is_same_v<T, ast::Path>) {
          if (n.base) return false;
          auto it = checked.heads.find(e.id);
          return it != checked.heads.end() && it->second.kind == check::HeadBinding::Kind::Constant;
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          if (n.name == "today" || checked.binders.count(e.id) || checked.lookups.count(e.id)) return false;
          for (const auto& a : n.args)
            if (!record_free(*a, checked)) return false;
          return true;
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          return record_free(*n.operand, checked);
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          return record_free(*n.lhs, checked) && record_free(*n.rhs, checked);
        } else if constexpr (std::is_same_v<T, ast::Between>) {
          return record_free(*n.subject, checked) && record_free(*n.low, checked) && record_free(*n.high, checked);
        } else {
          for (const auto& i : n.items)
            if (!record_free(*i, checked)) return false;
          return true;
        }
      },
      e.node);
}
}  // namespace

std::optional<RuntimeValue> fold(const ast::Expr& e, const check::CheckedPack& checked,
                                 const std::map<std::string, RuntimeValue>& constants) {
  if (!record_free(e, checked)) return std::nullopt;
  Compiler compiler(checked, constants);
  Frame frame;
  RuntimeValue v = compiler.expression(e)(frame);
  if (v.missing()) return std::nullopt;
  return v;
}

Program compile(const std::vector<const ast::Module*>& modules, const check::CheckedPack& checked,
                const std::map<const ast::RuleDecl*, RuleOrigin>& origins) {
  return compile(modules, checked, origins, Constants{});
}

Program compile(const std::vector<const ast::Module*>& modules, const check::CheckedPack& checked,
                const std::map<const ast::RuleDecl*, RuleOrigin>& origins, const Constants& known) {
  Compiler compiler(checked, known);
  compiler.constants();
  Program program;
  for (const auto* m : modules)
    for (const auto& r : m->rules) {
      if (checked.disabled.count(r.id)) continue;
      auto it = origins.find(&r);
      program.rules.push_back(compiler.rule(r, it == origins.end() ? RuleOrigin{} : it->second));
    }
  return program;
}

}  // namespace cadre::compile
