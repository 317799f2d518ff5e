// SPDX-License-Identifier: Apache-2.0
// Lowering: Cst (from the X3 grammar) -> typed AST. Checks what a grammar cannot: literal
// values, clause multiplicity, comparison chains, template holes. Diagnostics E00xx/E01xx.
#include <algorithm>
#include <charconv>
#include <string_view>
#include <set>

#include <fmt/format.h>

#include "dsl/parse.hpp"
#include "engine/base/source.hpp"
#include "dsl/x3/parse_x3.hpp"

namespace cadre::dsl {

namespace {

// E0004 names which bound was passed: the tree's (a chain of operators is one level per
// operator) or the parser's stack (brackets, `not` or `-` nested).
std::string too_deep_message(const x3::CstResult& result) {
  if (result.too_many_levels)
    return fmt::format("expression too deep here: more than {} levels of operators", kMaxExpressionDepth);
  return "expression too deep here: brackets, `not`, `-` or `list of` nested past what the parser allows";
}

class Lowerer {
 public:
  Lowerer(FileId file, Diagnostics& diagnostics, ast::NodeId& next_id)
      : file_(file), diagnostics_(diagnostics), next_id_(next_id) {}

  ast::Module module(const Cst& root) {
    ast::Module m;
    m.file = file_;
    for (const Cst& decl : root.kids) {
      switch (decl.kind) {
        case CstKind::Pack: pack(decl, m); break;
        case CstKind::Use: m.uses.push_back(use(decl)); break;
        case CstKind::Const: m.constants.push_back(constant(decl)); break;
        case CstKind::Record: m.records.push_back(record(decl, true)); break;
        case CstKind::TypeDecl: m.records.push_back(record(decl, false)); break;
        case CstKind::Rule: m.rules.push_back(rule(decl)); break;
        case CstKind::Unchecked: m.unchecked.push_back(rule(decl, false)); break;
        case CstKind::Override: m.overrides.push_back(constant(decl)); break;
        case CstKind::Disable: m.disables.push_back(disable(decl)); break;
        case CstKind::Indicator: m.indicators.push_back(indicator(decl)); break;
        default: break;
      }
    }
    return m;
  }

  ast::ExprPtr expr(const Cst& c, std::uint32_t base) {
    auto e = std::make_unique<ast::Expr>();
    e->id = next_id_++;
    e->span = span(c, base);
    switch (c.kind) {
      case CstKind::Number: e->node = number(c, base); break;
      case CstKind::String: e->node = ast::Literal{unescape(c, base)}; break;
      case CstKind::Bool: e->node = ast::Literal{c.text == "true"}; break;
      case CstKind::Date: e->node = ast::Literal{date(c, base)}; break;
      case CstKind::Duration: {
        auto d = parse_duration(c.text);
        if (!d) error(DiagCode::E0002, c, base, fmt::format("`{}` is not an ISO 8601 duration", c.text),
                      "write hours, minutes, seconds or days: `PT2H`, `PT90M`, `P2D` (years and months are refused)");
        e->node = ast::Literal{d.value_or(Duration{})};
        break;
      }
      case CstKind::Path: {
        ast::Path path;
        for (const Cst& seg : c.kids) path.segments.push_back({seg.text, span(seg, base)});
        e->node = std::move(path);
        break;
      }
      case CstKind::Member: {
        // Member(Member(call, a), b) -> Path{base = call, segments = [a, b]}
        std::vector<const Cst*> fields;
        const Cst* inner = &c;
        while (inner->kind == CstKind::Member) {
          fields.push_back(&inner->kids.at(1));
          inner = &inner->kids.at(0);
        }
        ast::Path path;
        path.base = expr(*inner, base);
        for (auto it = fields.rbegin(); it != fields.rend(); ++it) path.segments.push_back({(*it)->text, span(**it, base)});
        e->node = std::move(path);
        break;
      }
      case CstKind::Call: {
        ast::Call call;
        call.name = c.kids.at(0).text;
        call.name_span = span(c.kids.at(0), base);
        for (std::size_t i = 1; i < c.kids.size(); ++i) call.args.push_back(expr(c.kids[i], base));
        e->node = std::move(call);
        break;
      }
      case CstKind::List: {
        ast::List list;
        for (const Cst& item : c.kids) list.items.push_back(expr(item, base));
        e->node = std::move(list);
        break;
      }
      case CstKind::Paren: {
        auto inner = expr(c.kids.at(0), base);
        inner->span = e->span;  // a parenthesised expression points at its parentheses
        return inner;
      }
      case CstKind::Unary:
        e->node = ast::Unary{c.text == "not" ? ast::UnaryOp::Not : ast::UnaryOp::Neg,
                             expr(c.kids.at(0), base)};
        break;
      case CstKind::Between:
        no_chain(c, base);
        e->node = ast::Between{expr(c.kids.at(0), base), expr(c.kids.at(1), base),
                               expr(c.kids.at(2), base)};
        break;
      case CstKind::Compare:
        no_chain(c, base);
        [[fallthrough]];
      case CstKind::Binary:
        e->node = ast::Binary{binary_op(c.text), expr(c.kids.at(0), base), expr(c.kids.at(1), base)};
        break;
      default:
        error(DiagCode::E0001, c, base, "expected expression");
        e->node = ast::Literal{false};
    }
    return e;
  }

 private:
  Span span(const Cst& c, std::uint32_t base) const {
    return Span{file_, base + c.begin, base + c.end};
  }

  void error(DiagCode code, const Cst& c, std::uint32_t base, std::string message,
             std::string help = {}) {
    diagnostics_.add(code, span(c, base), std::move(message), std::move(help));
  }

  void no_chain(const Cst& c, std::uint32_t base) {
    const Cst& lhs = c.kids.at(0);
    if (lhs.kind == CstKind::Compare || lhs.kind == CstKind::Between)
      error(DiagCode::E0001, c, base, "comparisons do not chain",
            "join them with `and`, or use `x between a and b`");
  }

  static ast::BinaryOp binary_op(const std::string& op) {
    using B = ast::BinaryOp;
    static const std::map<std::string, B> kOps = {
        {"implies", B::Implies}, {"or", B::Or}, {"and", B::And}, {"==", B::Eq}, {"!=", B::Ne},
        {"<", B::Lt}, {"<=", B::Le}, {">", B::Gt}, {">=", B::Ge}, {"in", B::In},
        {"not in", B::NotIn}, {"matches", B::Matches}, {"+", B::Add}, {"-", B::Sub},
        {"*", B::Mul}, {"/", B::Div}};
    return kOps.at(op);
  }

  ast::Literal number(const Cst& c, std::uint32_t base) {
    if (c.text.find('.') == std::string::npos) {
      std::int64_t value = 0;
      auto [ptr, ec] = std::from_chars(c.text.data(), c.text.data() + c.text.size(), value);
      if (ec == std::errc() && ptr == c.text.data() + c.text.size()) return ast::Literal{value};
      error(DiagCode::E0002, c, base, fmt::format("`{}` is too large for a whole number", c.text));
      return ast::Literal{std::int64_t{0}};
    }
    return ast::Literal{std::stod(c.text)};
  }

  Date date(const Cst& c, std::uint32_t base) {
    auto d = parse_date(c.text);
    if (!d) {
      error(DiagCode::E0002, c, base, fmt::format("`{}` is not a valid calendar date", c.text));
      return Date{};
    }
    return *d;
  }

  // Decodes the escapes of a (possibly multi-piece) string literal.
  std::string unescape(const Cst& c, std::uint32_t base) {
    std::string out;
    walk_string(c, base, [&](char ch, std::uint32_t) { out += ch; }, nullptr);
    return out;
  }

  // Walks the characters of a string literal's pieces, decoding escapes. `on_char` gets
  // each decoded char with its source offset.
  template <class OnChar>
  void walk_string(const Cst& c, std::uint32_t base, OnChar on_char, bool* ok) {
    const std::string& raw = c.text;
    bool inside = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      char ch = raw[i];
      auto offset = static_cast<std::uint32_t>(base + c.begin + i);
      if (!inside) {
        if (ch == '"') inside = true;
        continue;  // whitespace and comments between pieces
      }
      if (ch == '"') { inside = false; continue; }
      if (ch == '\\' && i + 1 < raw.size() && !is_control(raw[i + 1])) {
        char next = raw[++i];
        switch (next) {
          case 'n': on_char('\n', offset); break;
          case 't': on_char('\t', offset); break;
          case '"': on_char('"', offset); break;
          case '\\': on_char('\\', offset); break;
          default:
            diagnostics_.add(DiagCode::E0002, Span{file_, offset, offset + 2},
                             fmt::format("unknown escape `\\{}`", next),
                             "use \\\" \\\\ \\n or \\t");
            if (ok) *ok = false;
        }
        continue;
      }
      if (is_control(ch)) {
        // A tab or a NUL inside a title or a message is invisible in an editor and breaks
        // the reports it reaches (text columns, JSON consumers, terminals).
        if (reported_controls_.insert(offset).second)
          diagnostics_.add(DiagCode::E0002, Span{file_, offset, offset + 1},
                           fmt::format("control character U+{:04X} in a string literal", static_cast<unsigned char>(ch)),
                           "write \\n for a line break and \\t for a tab; other control characters cannot be written");
        if (ok) *ok = false;
        continue;
      }
      if (static_cast<unsigned char>(ch) >= 0x80) {
        // A character beyond ASCII passes whole, or is refused: a byte that is not UTF-8 (a
        // file saved as Latin-1) or a C1 control (U+0080 to U+009F; U+009B starts a
        // terminal escape) would reach the reports as such.
        auto lead = static_cast<unsigned char>(ch);
        std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        std::string_view sequence(raw.data() + i, std::min(length, raw.size() - i));
        bool utf8 = sequence.size() == length && invalid_utf8(sequence) == std::string_view::npos;
        bool c1 = utf8 && lead == 0xC2 && static_cast<unsigned char>(raw[i + 1]) < 0xA0;
        if (!utf8 || c1) {
          if (reported_controls_.insert(offset).second)
            diagnostics_.add(DiagCode::E0002, Span{file_, offset, static_cast<std::uint32_t>(offset + (c1 ? 2 : 1))},
                             c1 ? fmt::format("control character U+{:04X} in a string literal",
                                              static_cast<unsigned char>(raw[i + 1]))
                                : fmt::format("byte 0x{:02X} is not UTF-8 in a string literal", lead),
                             c1 ? "write \\n for a line break and \\t for a tab; other control characters cannot be written"
                                : "save the rule file as UTF-8");
          if (ok) *ok = false;
          if (c1) ++i;
          continue;
        }
        for (std::size_t k = 0; k < length; ++k)
          on_char(raw[i + k], static_cast<std::uint32_t>(offset + k));
        i += length - 1;
        continue;
      }
      on_char(ch, offset);
    }
  }

  // C0 controls and DEL: never written as such in a string literal (escapes say \n and \t).
  static bool is_control(char ch) {
    auto byte = static_cast<unsigned char>(ch);
    return byte < 0x20 || byte == 0x7F;
  }

  // A message template: literal text with `{expression}` holes; `{{` and `}}` are braces.
  ast::Template message_template(const Cst& c) {
    ast::Template t;
    t.span = span(c, 0);
    struct Char { char ch; std::uint32_t offset; };
    std::vector<Char> chars;
    walk_string(c, 0, [&](char ch, std::uint32_t offset) { chars.push_back({ch, offset}); }, nullptr);
    std::string literal;
    for (std::size_t i = 0; i < chars.size(); ++i) {
      char ch = chars[i].ch;
      if (ch == '{' && i + 1 < chars.size() && chars[i + 1].ch == '{') { literal += '{'; ++i; continue; }
      if (ch == '}' && i + 1 < chars.size() && chars[i + 1].ch == '}') { literal += '}'; ++i; continue; }
      if (ch == '}') {
        diagnostics_.add(DiagCode::E0003, Span{file_, chars[i].offset, chars[i].offset + 1},
                         "unmatched `}` in message", "write `}}` for a literal brace");
        continue;
      }
      if (ch != '{') { literal += ch; continue; }
      std::size_t close = i + 1;
      while (close < chars.size() && chars[close].ch != '}') ++close;
      if (close == chars.size()) {
        diagnostics_.add(DiagCode::E0003, Span{file_, chars[i].offset, chars[i].offset + 1},
                         "unclosed `{` in message", "write `{{` for a literal brace");
        break;
      }
      if (!literal.empty()) t.parts.push_back({std::move(literal), nullptr});
      literal.clear();
      std::string hole;
      for (std::size_t k = i + 1; k < close; ++k) hole += chars[k].ch;
      std::uint32_t hole_base = i + 1 < close ? chars[i + 1].offset : chars[i].offset + 1;
      t.parts.push_back({{}, hole_expr(hole, hole_base, chars[i].offset)});
      i = close;
    }
    if (!literal.empty()) t.parts.push_back({std::move(literal), nullptr});
    return t;
  }

  ast::ExprPtr hole_expr(const std::string& text, std::uint32_t base, std::uint32_t brace) {
    auto result = x3::parse_expression(text);
    if (result.too_deep) {
      diagnostics_.add(DiagCode::E0004, Span{file_, base + result.too_deep_at, base + result.too_deep_at + 1},
                       too_deep_message(result));
    } else if (!result.errors.empty() || text.find_first_not_of(" \t") == std::string::npos) {
      auto at = result.errors.empty() ? 0 : result.errors.front().offset;
      diagnostics_.add(DiagCode::E0003, Span{file_, base + at, base + at + 1},
                       result.errors.empty() ? "empty `{}` in message"
                                             : fmt::format("expected {} in message hole",
                                                           result.errors.front().expected),
                       "a hole holds an expression, as in `{course.workload_hours}`");
    } else {
      return expr(result.root, base);
    }
    auto e = std::make_unique<ast::Expr>();
    e->id = next_id_++;
    e->span = Span{file_, brace, brace + 1};
    e->node = ast::Literal{std::string{}};
    return e;
  }

  ast::Localized<ast::Template> templates(const Cst& clause) {
    ast::Localized<ast::Template> out;
    for (const Cst& lt : clause.kids) {
      if (lt.kind != CstKind::LangText) continue;
      const std::string& lang = lt.kids.at(0).text;
      check_language(lt.kids.at(0));
      if (out.count(lang)) error(DiagCode::E0105, lt.kids.at(0), 0, fmt::format("language `{}` given twice", lang));
      out[lang] = message_template(lt.kids.at(1));
    }
    return out;
  }

  void check_language(const Cst& code) {
    if (code.text != "fr" && code.text != "en")
      error(DiagCode::E0001, code, 0, fmt::format("unknown language `{}`", code.text),
            "texts are written in `fr` and `en`");
  }

  void pack(const Cst& c, ast::Module& m) {
    if (m.header) {
      error(DiagCode::E0103, c, 0, "a file may hold only one `pack` header");
      return;
    }
    ast::PackHeader h;
    h.id = c.kids.at(0).text;
    h.span = span(c, 0);
    for (std::size_t i = 1; i < c.kids.size(); ++i) {
      const Cst& clause = c.kids[i];
      const Cst& value = clause.kids.at(0);
      if (clause.text == "title") h.title = unescape(value, 0);
      else if (clause.text == "version") h.version = unescape(value, 0);
      else if (clause.text == "source") h.source = unescape(value, 0);
      else if (clause.text == "effective") h.effective = date(value, 0);
    }
    m.header = std::move(h);
  }

  // Plain texts by language from LangText children (`fr "..." en "..."`), from kid `from` on.
  ast::Localized<std::string> texts(const Cst& c, std::size_t from) {
    ast::Localized<std::string> out;
    for (std::size_t i = from; i < c.kids.size(); ++i) {
      const Cst& lt = c.kids[i];
      if (lt.kind != CstKind::LangText) continue;
      check_language(lt.kids.at(0));
      out[lt.kids.at(0).text] = unescape(lt.kids.at(1), 0);
    }
    return out;
  }

  // `doc fr "..." en "..."` (each language once), or a plain string kept under "".
  void description(const Cst& c, ast::Localized<std::string>& out, Span& where) {
    where = span(c, 0);
    if (c.text != "doc") {
      out[""] = unescape(c.kids.at(0), 0);
      return;
    }
    for (const Cst& lt : c.kids) {
      if (lt.kind != CstKind::LangText) continue;
      const std::string& lang = lt.kids.at(0).text;
      check_language(lt.kids.at(0));
      if (out.count(lang)) error(DiagCode::E0105, lt.kids.at(0), 0, fmt::format("language `{}` given twice", lang));
      out[lang] = unescape(lt.kids.at(1), 0);
    }
  }

  ast::DisableDecl disable(const Cst& c) {
    ast::DisableDecl d;
    d.rule_id = c.kids.at(0).text;
    d.span = span(c.kids.at(0), 0);
    d.reasons = texts(c, 1);
    return d;
  }

  ast::IndicatorDecl indicator(const Cst& c) {
    ast::IndicatorDecl d;
    std::from_chars(c.kids.at(0).text.data(), c.kids.at(0).text.data() + c.kids.at(0).text.size(), d.number);
    d.span = span(c.kids.at(0), 0);
    d.titles = texts(c, 1);
    return d;
  }

  ast::UseDecl use(const Cst& c) {
    const Cst& target = c.kids.at(0);
    bool is_path = target.kind == CstKind::String;
    return {is_path ? unescape(target, 0) : target.text, is_path, span(c, 0)};
  }

  ast::ConstDecl constant(const Cst& c) {
    return {c.kids.at(0).text, span(c.kids.at(0), 0), expr(c.kids.at(1), 0)};
  }

  ast::TypeExprPtr type(const Cst& c) {
    auto t = std::make_unique<ast::TypeExpr>();
    t->span = span(c, 0);
    switch (c.kind) {
      case CstKind::TypeList:
        t->kind = ast::TypeExpr::Kind::List;
        t->element = type(c.kids.at(0));
        break;
      case CstKind::TypeEnum:
        t->kind = ast::TypeExpr::Kind::Enum;
        for (const Cst& v : c.kids) t->values.push_back(v.kind == CstKind::String ? unescape(v, 0) : v.text);
        break;
      case CstKind::TypeRecord:
        t->kind = ast::TypeExpr::Kind::Record;
        t->fields = fields(c.kids, 0);
        break;
      default:
        t->kind = ast::TypeExpr::Kind::Named;
        t->name = c.kids.at(0).text;
    }
    return t;
  }

  std::vector<ast::FieldDecl> fields(const std::vector<Cst>& kids, std::size_t from) {
    std::vector<ast::FieldDecl> out;
    for (std::size_t i = from; i < kids.size(); ++i) {
      const Cst& f = kids[i];
      if (f.kind != CstKind::Field) continue;
      ast::FieldDecl field;
      field.name = f.kids.at(0).text;
      field.span = span(f.kids.at(0), 0);
      for (std::size_t k = 1; k < f.kids.size(); ++k) {
        const Cst& part = f.kids[k];
        if (part.kind == CstKind::OptionalMark) field.optional = true;
        else if (part.kind == CstKind::Doc) description(part, field.doc, field.doc_span);
        else if (part.kind == CstKind::Synonyms)
          for (const Cst& word : part.kids) field.synonyms.push_back(unescape(word, 0));
        else field.type = type(part);
      }
      for (const auto& other : out)
        if (other.name == field.name)
          error(DiagCode::E0101, f.kids.at(0), 0, fmt::format("field `{}` is declared twice", field.name));
      out.push_back(std::move(field));
    }
    return out;
  }

  ast::RecordDecl record(const Cst& c, bool is_record_kind) {
    ast::RecordDecl r;
    r.name = c.kids.at(0).text;
    r.span = span(c.kids.at(0), 0);
    r.is_record_kind = is_record_kind;
    std::size_t first_field = 1;
    if (c.kids.size() > 1 && c.kids[1].kind == CstKind::Doc) {
      description(c.kids[1], r.doc, r.doc_span);
      first_field = 2;
    }
    r.fields = fields(c.kids, first_field);
    return r;
  }

  ast::RuleDecl rule(const Cst& c, bool checked = true) {
    ast::RuleDecl r;
    r.checked = checked;
    r.id = c.kids.at(0).text;
    r.id_span = span(c.kids.at(0), 0);
    r.span = span(c, 0);
    r.subject = c.kids.at(1).text;
    r.subject_span = span(c.kids.at(1), 0);
    std::map<std::string, const Cst*> seen;
    for (std::size_t i = 2; i < c.kids.size(); ++i) {
      const Cst& clause = c.kids[i];
      const std::string& kind = clause.text;
      if (kind != "require" && kind != "cite" && kind != "qualiopi") {
        if (seen.count(kind)) {
          error(DiagCode::E0105, clause, 0, fmt::format("rule `{}` has a second `{}` clause", r.id, kind));
          continue;
        }
        seen[kind] = &clause;
      }
      if (kind == "title") {
        r.titles = texts(clause, 0);
      } else if (kind == "message") {
        r.message = templates(clause);
      } else if (kind == "cite") {
        for (const Cst& s : clause.kids) r.citations.push_back(unescape(s, 0));
      } else if (kind == "qualiopi") {
        for (const Cst& n : clause.kids) {
          int value = 0;
          std::from_chars(n.text.data(), n.text.data() + n.text.size(), value);
          r.qualiopi.push_back(value);
          r.qualiopi_spans.push_back(span(n, 0));
        }
      } else if (kind == "severity") {
        const std::string& s = clause.kids.at(0).text;
        r.severity = s == "warning" ? Severity::Warning : s == "info" ? Severity::Info : Severity::Error;
      } else if (kind == "when") {
        r.when = expr(clause.kids.at(0), 0);
      } else if (kind == "require") {
        ast::Requirement req;
        req.expr = expr(clause.kids.at(0), 0);
        if (clause.kids.size() > 1) req.otherwise = templates(clause.kids[1]);
        r.requirements.push_back(std::move(req));
      } else if (kind == "from") {
        r.from = date(clause.kids.at(0), 0);
      } else if (kind == "until") {
        r.until = date(clause.kids.at(0), 0);
      } else if (kind == "because") {
        if (checked) error(DiagCode::E0001, clause, 0, "`because` belongs to `unchecked` declarations and `disable`");
        r.because = texts(clause, 0);
      }
      if (!checked && (kind == "require" || kind == "when" || kind == "message"))
        error(DiagCode::E0001, clause, 0,
              fmt::format("`{}` has no place in an `unchecked` declaration: software does not check it", kind));
    }
    auto missing = [&](const char* what, const char* help) {
      error(DiagCode::E0104, c.kids.at(0), 0, fmt::format("rule `{}` has no `{}` clause", r.id, what), help);
    };
    if (!checked) {
      if (!seen.count("title")) missing("title", "add `title fr \"...\" en \"...\"`");
      if (!seen.count("because")) missing("because", "say why software cannot check it: `because fr \"...\" en \"...\"`");
      return r;
    }
    if (r.requirements.empty()) missing("require", "a rule states at least one `require` expression");
    if (!seen.count("severity")) missing("severity", "add `severity error`, `severity warning` or `severity info`");
    if (!seen.count("title")) missing("title", "add `title fr \"...\" en \"...\"`");
    if (!seen.count("message")) missing("message", "add `message fr \"...\" en \"...\"`");
    return r;
  }

  FileId file_;
  Diagnostics& diagnostics_;
  std::set<std::uint32_t> reported_controls_;  // a string walked twice reports its control characters once
  ast::NodeId& next_id_;
};

}  // namespace

std::optional<ast::Module> parse(const SourceManager& sources, FileId file,
                                 Diagnostics& diagnostics, ast::NodeId& next_id) {
  const SourceFile& source = sources.file(file);
  auto result = x3::parse_module(source.text());
  if (result.too_deep) {
    std::uint32_t at = result.too_deep_at;
    std::uint32_t end = at < source.text().size() ? at + 1 : at;
    diagnostics.add(DiagCode::E0004, Span{file, at, end}, too_deep_message(result),
                    "split the expression with constants, or list alternatives as `x in [...]`");
    return std::nullopt;
  }
  // X3 names an unnamed parser by its mangled C++ type: no user should read that.
  auto readable = [](const std::string& expected) -> std::string {
    if (expected.find("boost") != std::string::npos) return "a name, a keyword or a value here";
    return expected;
  };
  for (const auto& e : result.errors) {
    std::uint32_t end = e.offset < source.text().size() ? e.offset + 1 : e.offset;
    unsigned char byte = e.offset < source.text().size() ? static_cast<unsigned char>(source.text()[e.offset]) : 0;
    if (byte >= 0x80)
      // Names and keywords are ASCII; the parser stopped on the first byte of something else.
      diagnostics.add(DiagCode::E0001, Span{file, e.offset, end},
                      fmt::format("unexpected non-ASCII byte 0x{:02X}: expected {}", byte, readable(e.expected)),
                      "names and keywords are ASCII; accented text belongs in a \"string\"");
    else if (e.expected == "'\"'")
      diagnostics.add(DiagCode::E0001, Span{file, e.offset, end}, "unterminated string: expected `\"`",
                      "a string ends on the line where it starts; write long texts as \"...\" \"...\"");
    else
      diagnostics.add(DiagCode::E0001, Span{file, e.offset, end}, fmt::format("expected {}", readable(e.expected)));
  }
  Lowerer lowerer(file, diagnostics, next_id);
  return lowerer.module(result.root);
}

}  // namespace cadre::dsl
