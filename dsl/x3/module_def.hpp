// SPDX-License-Identifier: Apache-2.0
// Internal. The file grammar: a sequence of declarations. See docs/language.md for the EBNF.
#pragma once

#include "dsl/x3/actions.hpp"
#include "dsl/x3/expression.hpp"
#include "dsl/x3/lexical.hpp"
#include "dsl/x3/module.hpp"

namespace cadre::dsl::x3 {


struct declaration_class : recover_at_next_declaration {};
struct pack_decl_class;
struct any_declaration_class;
struct pack_clause_class;
struct use_decl_class;
struct const_decl_class;
struct record_decl_class;
struct type_decl_class;
struct field_class;
struct type_expr_class;
struct rule_decl_class;
struct clause_class;
struct lang_text_class;
struct lang_code_class;
struct rule_id_class;
struct pack_id_class;
struct decl_name_class;
struct severity_class;
struct integer_class;
struct enum_value_class;
struct optional_mark_class;
struct doc_class;
struct doc_text_class;
struct synonyms_class;
struct use_target_class;
struct override_decl_class;
struct disable_decl_class;
struct indicator_decl_class;
struct unchecked_decl_class;
struct otherwise_class;

module_type const module = "module";
x3::rule<declaration_class, Cst> const declaration =
    "declaration (pack, use, const, override, disable, indicator, record, type, rule or unchecked)";
x3::rule<any_declaration_class, Cst> const any_declaration =
    "declaration (pack, use, const, override, disable, indicator, record, type, rule or unchecked)";
x3::rule<pack_decl_class, Cst> const pack_decl = "pack declaration";
x3::rule<pack_clause_class, Cst> const pack_clause = "pack clause";
x3::rule<use_decl_class, Cst> const use_decl = "use declaration";
x3::rule<const_decl_class, Cst> const const_decl = "constant declaration";
x3::rule<record_decl_class, Cst> const record_decl = "record declaration";
x3::rule<type_decl_class, Cst> const type_decl = "type declaration";
x3::rule<field_class, Cst> const field = "field declaration (name: type)";
x3::rule<type_expr_class, Cst> const type_expr =
    "type (string, integer, number, boolean, date, duration, enum(...), list of T, {...} or a type name)";
x3::rule<rule_decl_class, Cst> const rule_decl = "rule declaration";
x3::rule<clause_class, Cst> const clause = "rule clause";
x3::rule<lang_text_class, Cst> const lang_text = "language code and text (fr \"...\")";
x3::rule<lang_code_class, Cst> const lang_code = "language code (fr or en)";
x3::rule<rule_id_class, Cst> const rule_id = "rule id";
x3::rule<pack_id_class, Cst> const pack_id = "pack id";
x3::rule<decl_name_class, Cst> const decl_name = "name";
x3::rule<severity_class, Cst> const severity = "severity (error, warning or info)";
x3::rule<integer_class, Cst> const integer = "whole number";
x3::rule<enum_value_class, Cst> const enum_value = "enumeration value";
x3::rule<optional_mark_class, Cst> const optional_mark = "`?`";
x3::rule<doc_text_class, Cst> const doc_text = "language code and text (fr \"...\")";
x3::rule<doc_class, Cst> const doc = "description (doc fr \"...\" en \"...\")";
x3::rule<synonyms_class, Cst> const synonyms = "synonyms (\"word\", ...)";
x3::rule<use_target_class, Cst> const use_target = "pack id or \"path\"";
x3::rule<override_decl_class, Cst> const override_decl = "override declaration";
x3::rule<disable_decl_class, Cst> const disable_decl = "disable declaration";
x3::rule<indicator_decl_class, Cst> const indicator_decl = "indicator declaration";
x3::rule<unchecked_decl_class, Cst> const unchecked_decl = "unchecked declaration";
x3::rule<otherwise_class, Cst> const otherwise = "otherwise clause";

inline auto const& expr = get_expression();
inline auto const& str = get_string_literal();
inline auto const& date = get_date_literal();

// ---- leaves ---------------------------------------------------------------------------

auto const rule_id_def =
    x3::raw[x3::lexeme[x3::ascii::alpha >> *(x3::ascii::alnum | x3::char_("-._"))]][leaf(CstKind::RuleId)];
auto const pack_id_def =
    x3::raw[x3::lexeme[x3::ascii::alpha >> *(x3::ascii::alnum | x3::char_("-._"))]][leaf(CstKind::PackId)];
auto const decl_name_def = x3::raw[identifier_text][leaf(CstKind::Name)];
auto const severity_def =
    x3::raw[kw("error") | kw("warning") | kw("info")][leaf(CstKind::Severity)];
auto const integer_def = x3::raw[x3::lexeme[+x3::ascii::digit >> !ident_char]][leaf(CstKind::Number)];
auto const lang_code_def =
    x3::raw[x3::lexeme[x3::repeat(2)[x3::ascii::lower] >> !ident_char]][leaf(CstKind::LangCode)];
auto const enum_value_def = str[assign] | decl_name[assign];

// ---- pack header, use, const ----------------------------------------------------------

auto const pack_clause_def =
    (kw("title") > str)[node(CstKind::PackClause, "title", "title")] |
    (kw("version") > str)[node(CstKind::PackClause, "version", "version")] |
    (kw("effective") > date)[node(CstKind::PackClause, "effective", "effective")] |
    (kw("source") > str)[node(CstKind::PackClause, "source", "source")];
auto const pack_decl_def = (kw("pack") > pack_id > *pack_clause)[node(CstKind::Pack, "", "pack")];

auto const use_target_def = str[assign] | pack_id[assign];
auto const use_decl_def = (kw("use") > use_target)[node(CstKind::Use, "", "use")];

auto const const_decl_def = (kw("const") > decl_name > '=' > expr)[node(CstKind::Const, "", "const")];
// `override const x = ...` replaces the value of a constant declared by a used pack.
auto const override_decl_def =
    (kw("override") > kw("const") > decl_name > '=' > expr)[node(CstKind::Override, "", "override")];
// `disable RULE because fr "..." en "..."` switches off a used pack's rule, with a reason.
auto const disable_decl_def =
    (kw("disable") > rule_id > kw("because") > +lang_text)[node(CstKind::Disable, "", "disable")];
// `indicator 11 title fr "..." en "..."` names an indicator rules may cite (`qualiopi 11`).
auto const indicator_decl_def =
    (kw("indicator") > integer > kw("title") > +lang_text)[node(CstKind::Indicator, "", "indicator")];

// ---- schemas --------------------------------------------------------------------------

auto const type_expr_def =
    x3::eps[depth_guard] >> ((kw("list") > kw("of") > type_expr)[node(CstKind::TypeList)] |
    (kw("enum") > '(' > (enum_value % ',') > ')')[node(CstKind::TypeEnum)] |
    ('{' > *field > '}')[node(CstKind::TypeRecord)] |
    decl_name[node(CstKind::TypeName)]);

auto const optional_mark_def = x3::raw[x3::lit('?')][leaf(CstKind::OptionalMark)];
// A field's (or a record's) description: `doc fr "..." en "..."`, as rules give titles; a
// plain string is the older form, in no stated language. `doc` not followed by `:` or `?`,
// so that a field named `doc` still parses.
// A language code not followed by `:` or `?`, so that a field named `id` after a description
// is a field, not a third language.
auto const doc_text_def = ((lang_code >> !(x3::lit(':') | '?')) > str)[node(CstKind::LangText)];
auto const doc_def =
    ((kw("doc") >> !(x3::lit(':') | '?')) > +doc_text)[node(CstKind::Doc, "doc", "doc")] |
    str[node(CstKind::Doc)];
// `synonyms "valid_until", "expiry"`: keys people write for this field, which an unknown
// field warning (W0306) points back to it. Strings, so that a following field is not taken
// for one; `>>`, so that a field named `synonyms` still parses.
auto const synonyms_def = (kw("synonyms") >> (str % ','))[node(CstKind::Synonyms)];

auto const field_def =
    (decl_name >> -optional_mark >> (x3::lit(':') > type_expr) >> -doc >> -synonyms >>
     -x3::lit(','))[node(CstKind::Field)];

auto const record_decl_def =
    (kw("record") > decl_name > -doc > '{' > *field > '}')[node(CstKind::Record, "", "record")];
auto const type_decl_def =
    (kw("type") > decl_name > -doc > '{' > *field > '}')[node(CstKind::TypeDecl, "", "type")];

// ---- rules ----------------------------------------------------------------------------

auto const lang_text_def = (lang_code > str)[node(CstKind::LangText)];

auto const otherwise_def = (kw("otherwise") > +lang_text)[node(CstKind::Clause, "otherwise", "otherwise")];

auto const clause_def =
    (kw("title") > +lang_text)[node(CstKind::Clause, "title", "title")] |
    (kw("message") > +lang_text)[node(CstKind::Clause, "message", "message")] |
    (kw("cite") > (str % ','))[node(CstKind::Clause, "cite", "cite")] |
    (kw("qualiopi") > (integer % ','))[node(CstKind::Clause, "qualiopi", "qualiopi")] |
    (kw("severity") > severity)[node(CstKind::Clause, "severity", "severity")] |
    (kw("when") > expr)[node(CstKind::Clause, "when", "when")] |
    ((kw("require") > expr) >> -otherwise)[node(CstKind::Clause, "require", "require")] |
    (kw("from") > date)[node(CstKind::Clause, "from", "from")] |
    (kw("until") > date)[node(CstKind::Clause, "until", "until")] |
    (kw("because") > +lang_text)[node(CstKind::Clause, "because", "because")];

auto const rule_decl_def =
    (kw("rule") > rule_id > kw("on") > decl_name > *clause)[node(CstKind::Rule, "", "rule")];
// A requirement of the framework that software cannot check: documented, cited, listed.
auto const unchecked_decl_def =
    (kw("unchecked") > rule_id > kw("on") > decl_name > *clause)[node(CstKind::Unchecked, "", "unchecked")];

// ---- file -----------------------------------------------------------------------------

auto const any_declaration_def =
    pack_decl[assign] | use_decl[assign] | const_decl[assign] | override_decl[assign] |
    disable_decl[assign] | indicator_decl[assign] | record_decl[assign] | type_decl[assign] |
    rule_decl[assign] | unchecked_decl[assign];
auto const declaration_def = x3::expect[any_declaration][assign];

auto const module_def = (*(!x3::eoi >> declaration[([](auto& ctx) {
                          auto& st = state_of(ctx);
                          // A declaration that failed was recorded by on_error: drop its remains.
                          if (st.errors.size() != st.errors_seen) {
                            st.errors_seen = st.errors.size();
                            return;
                          }
                          x3::_val(ctx).kids.push_back(std::move(x3::_attr(ctx)));
                        })]) >>
                        x3::eoi)[([](auto& ctx) {
  x3::_val(ctx).kind = CstKind::Module;
})];

BOOST_SPIRIT_DEFINE(module, declaration, any_declaration, pack_decl, pack_clause, use_decl, const_decl,
                    record_decl, type_decl, field, type_expr, rule_decl, clause, lang_text,
                    lang_code, rule_id, pack_id, decl_name, severity, integer, enum_value,
                    optional_mark, doc, doc_text, synonyms, otherwise, use_target,
                    override_decl, disable_decl, indicator_decl, unchecked_decl)


}  // namespace cadre::dsl::x3
