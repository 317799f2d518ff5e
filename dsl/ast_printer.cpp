// SPDX-License-Identifier: Apache-2.0
#include "dsl/ast_printer.hpp"

#include <fmt/format.h>

namespace cadre::dsl {

namespace {

struct Printer {
  const SourceManager* sources;
  std::string out;

  void at(const Span& span) {
    if (!sources || !span.valid()) return;
    auto p = sources->file(span.file).position(span.begin);
    out += fmt::format("@{}:{}", p.line, p.column);
  }

  static std::string quote(const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') q += '\\';
      if (c == '\n') { q += "\\n"; continue; }
      q += c;
    }
    return q + "\"";
  }

  void literal(const ast::LiteralValue& v) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, bool>) out += x ? "true" : "false";
          else if constexpr (std::is_same_v<T, std::int64_t>) out += std::to_string(x);
          else if constexpr (std::is_same_v<T, double>) out += fmt::format("{}", x);
          else if constexpr (std::is_same_v<T, std::string>) out += quote(x);
          else if constexpr (std::is_same_v<T, Date>) out += "(date " + format_date(x) + ")";
          else out += "(duration " + format_duration(x) + ")";
        },
        v);
  }

  void expr(const ast::Expr& e) {
    std::visit(
        [&](const auto& n) {
          using T = std::decay_t<decltype(n)>;
          if constexpr (std::is_same_v<T, ast::Literal>) {
            literal(n.value);
          } else if constexpr (std::is_same_v<T, ast::Path>) {
            out += "(path ";
            if (n.base) {
              expr(*n.base);
              out += ".";
            }
            for (std::size_t i = 0; i < n.segments.size(); ++i)
              out += (i ? "." : "") + n.segments[i].name;
            out += ")";
          } else if constexpr (std::is_same_v<T, ast::Call>) {
            out += "(call " + n.name;
            for (const auto& a : n.args) { out += " "; expr(*a); }
            out += ")";
          } else if constexpr (std::is_same_v<T, ast::Unary>) {
            out += fmt::format("({} ", ast::op_text(n.op));
            expr(*n.operand);
            out += ")";
          } else if constexpr (std::is_same_v<T, ast::Binary>) {
            out += fmt::format("({} ", ast::op_text(n.op));
            expr(*n.lhs);
            out += " ";
            expr(*n.rhs);
            out += ")";
          } else if constexpr (std::is_same_v<T, ast::Between>) {
            out += "(between ";
            expr(*n.subject);
            out += " ";
            expr(*n.low);
            out += " ";
            expr(*n.high);
            out += ")";
          } else if constexpr (std::is_same_v<T, ast::List>) {
            out += "[";
            for (std::size_t i = 0; i < n.items.size(); ++i) {
              if (i) out += " ";
              expr(*n.items[i]);
            }
            out += "]";
          }
        },
        e.node);
    at(e.span);
  }

  void templ(const ast::Template& t) {
    out += "(template";
    for (const auto& part : t.parts) {
      out += " ";
      if (part.expr) { out += "{"; expr(*part.expr); out += "}"; }
      else out += quote(part.text);
    }
    out += ")";
  }

  void type(const ast::TypeExpr& t) {
    switch (t.kind) {
      case ast::TypeExpr::Kind::Named: out += t.name; break;
      case ast::TypeExpr::Kind::List: out += "(list "; type(*t.element); out += ")"; break;
      case ast::TypeExpr::Kind::Enum:
        out += "(enum";
        for (const auto& v : t.values) out += " " + quote(v);
        out += ")";
        break;
      case ast::TypeExpr::Kind::Record:
        out += "{";
        fields(t.fields, "");
        out += "}";
        break;
    }
  }

  void doc(const ast::Localized<std::string>& texts) {
    if (auto plain = texts.find(""); plain != texts.end()) out += " " + quote(plain->second);
    bool first = true;
    for (const auto& [lang, text] : texts) {
      if (lang.empty()) continue;
      out += fmt::format("{} {} {}", first ? " doc" : "", lang, quote(text));
      first = false;
    }
  }

  void fields(const std::vector<ast::FieldDecl>& fs, const char* indent) {
    for (std::size_t i = 0; i < fs.size(); ++i) {
      const auto& f = fs[i];
      out += fmt::format("{}{}{}{}: ", *indent ? indent : (i ? " " : ""), f.name, f.optional ? "?" : "",
                         "");
      if (f.type) type(*f.type);
      doc(f.doc);
      for (std::size_t k = 0; k < f.synonyms.size(); ++k) out += (k ? ", " : " synonyms ") + quote(f.synonyms[k]);
      if (*indent) out += "\n";
    }
  }

  void module(const ast::Module& m) {
    if (m.header) {
      const auto& h = *m.header;
      out += fmt::format("pack {} title={} version={} effective={} source={}\n", h.id, quote(h.title),
                         quote(h.version), h.effective ? format_date(*h.effective) : "-", quote(h.source));
    }
    for (const auto& u : m.uses) out += fmt::format("use {}{}\n", u.is_path ? "path " : "", u.target);
    for (const auto& c : m.constants) {
      out += "const " + c.name + " = ";
      expr(*c.value);
      out += "\n";
    }
    for (const auto& c : m.overrides) {
      out += "override const " + c.name + " = ";
      expr(*c.value);
      out += "\n";
    }
    for (const auto& d : m.disables) {
      out += "disable " + d.rule_id;
      for (const auto& [lang, reason] : d.reasons) out += fmt::format(" because {} {}", lang, quote(reason));
      out += "\n";
    }
    for (const auto& i : m.indicators) {
      out += fmt::format("indicator {}", i.number);
      for (const auto& [lang, title] : i.titles) out += fmt::format(" {} {}", lang, quote(title));
      out += "\n";
    }
    for (const auto& r : m.records) {
      out += fmt::format("{} {}", r.is_record_kind ? "record" : "type", r.name);
      doc(r.doc);
      out += "\n";
      fields(r.fields, "  ");
    }
    std::vector<const ast::RuleDecl*> all;
    for (const auto& r : m.rules) all.push_back(&r);
    for (const auto& r : m.unchecked) all.push_back(&r);
    for (const auto* rp : all) {
      const auto& r = *rp;
      if (r.checked)
        out += fmt::format("rule {} on {} severity {}\n", r.id, r.subject, severity_name(r.severity));
      else
        out += fmt::format("unchecked {} on {}\n", r.id, r.subject);
      for (const auto& [lang, why] : r.because) out += fmt::format("  because {} {}\n", lang, quote(why));
      for (const auto& [lang, title] : r.titles) out += fmt::format("  title {} {}\n", lang, quote(title));
      if (!r.citations.empty()) {
        out += "  cite";
        for (const auto& c : r.citations) out += " " + quote(c);
        out += "\n";
      }
      if (!r.qualiopi.empty()) {
        out += "  qualiopi";
        for (int q : r.qualiopi) out += fmt::format(" {}", q);
        out += "\n";
      }
      if (r.from) out += "  from " + format_date(*r.from) + "\n";
      if (r.until) out += "  until " + format_date(*r.until) + "\n";
      if (r.when) { out += "  when "; expr(*r.when); out += "\n"; }
      for (const auto& req : r.requirements) {
        out += "  require ";
        expr(*req.expr);
        out += "\n";
        for (const auto& [lang, t] : req.otherwise) { out += "    otherwise " + lang + " "; templ(t); out += "\n"; }
      }
      for (const auto& [lang, t] : r.message) { out += "  message " + lang + " "; templ(t); out += "\n"; }
    }
  }
};

}  // namespace

std::string print_expr(const ast::Expr& e, const SourceManager* sources) {
  Printer p{sources, {}};
  p.expr(e);
  return p.out;
}

std::string print_module(const ast::Module& m, const SourceManager* sources) {
  Printer p{sources, {}};
  p.module(m);
  return p.out;
}

}  // namespace cadre::dsl
