// SPDX-License-Identifier: Apache-2.0
#include "engine/report/rule_docs.hpp"

#include <filesystem>

#include <fmt/format.h>

namespace cadre::report {

namespace fs = std::filesystem;

std::string display_path(const std::string& path) {
  std::error_code ec;
  fs::path relative = fs::proximate(path, ec);
  if (ec || relative.string().rfind("..", 0) == 0) return path;
  return relative.string();
}

namespace {

std::string text_in(const ast::Localized<std::string>& texts, const char* lang) {
  auto it = texts.find(lang);
  return it == texts.end() ? std::string{} : it->second;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string indicator_title(const catalog::Catalog& catalog, int number) {
  for (const auto& i : catalog.indicators)
    if (i.number == number) return text_in(i.titles, "fr");
  return {};
}

std::string in_force_text(const catalog::RuleEntry& r, const catalog::Catalog& catalog) {
  std::string effective;
  for (const auto& p : catalog.packs)
    if (p.id == r.pack_id) effective = p.effective;
  std::string from = r.decl->from ? format_date(*r.decl->from) : effective;
  std::string out = from.empty() ? "always" : "from " + from;
  if (r.decl->until) out += " until " + format_date(*r.decl->until);
  return out;
}

}  // namespace

std::string rule_page(const catalog::RuleEntry& r, const catalog::Catalog& catalog, const SourceManager& sources) {
  const auto& d = *r.decl;
  std::string out = std::string(kGeneratedMarker) + "\n\n";
  out += fmt::format("# {} — {}\n\n", d.id, text_in(d.titles, "fr"));
  if (!text_in(d.titles, "en").empty()) out += fmt::format("*{}*\n\n", text_in(d.titles, "en"));
  if (!d.checked) out += "**Not checked by software.** " + text_in(d.because, "fr") + "\n\n*" + text_in(d.because, "en") + "*\n\n";
  out += "| | |\n|---|---|\n";
  out += fmt::format("| pack | `{}` {} |\n", r.pack_id, r.pack_version);
  out += fmt::format("| applies to | `{}` records |\n", d.subject);
  if (d.checked) out += fmt::format("| severity | {} |\n", severity_name(d.severity));
  out += fmt::format("| cites | {} |\n", d.citations.empty() ? "—" : join(d.citations, ", "));
  std::vector<std::string> indicators;
  for (int q : d.qualiopi) {
    std::string title = indicator_title(catalog, q);
    indicators.push_back(title.empty() ? std::to_string(q) : fmt::format("{} ({})", q, title));
  }
  out += fmt::format("| Qualiopi | {} |\n", indicators.empty() ? "—" : join(indicators, "; "));
  if (d.checked) out += fmt::format("| in force | {} |\n", in_force_text(r, catalog));
  auto pos = sources.file(d.span.file).position(d.span.begin);
  out += fmt::format("| source | `{}:{}` |\n\n", display_path(sources.file(d.span.file).path()), pos.line);
  if (r.disabled)
    out += fmt::format("Disabled by `{}`: {}\n\n", r.disabled_by, text_in(r.disabled->reasons, "fr"));
  out += "## Definition\n\n```text\n";
  std::string_view text(sources.file(d.span.file).text());
  out += std::string(text.substr(d.span.begin, d.span.end - d.span.begin));
  out += "\n```\n";
  if (!r.examples.empty()) {
    out += "\n## Examples\n\nTest files in which this rule must find something:\n\n";
    for (const auto& e : r.examples) out += fmt::format("- `{}`\n", display_path(e));
  }
  return out;
}

std::string pack_index_section(const catalog::Catalog& catalog, const std::string& pack_id) {
  std::string out;
  std::string version, title;
  for (const auto& p : catalog.packs)
    if (p.id == pack_id) {
      version = p.version;
      title = p.title;
    }
  out += fmt::format("## `{}` {} — {}\n\n", pack_id, version, title);
  std::string checked, unchecked;
  for (const auto& r : catalog.rules) {
    if (r.pack_id != pack_id) continue;
    const auto& d = *r.decl;
    std::string qualiopi;
    for (int q : d.qualiopi) qualiopi += (qualiopi.empty() ? "" : ", ") + std::to_string(q);
    if (d.checked)
      checked += fmt::format("| [{}]({}.md) | {} | {} | {} | {} |\n", d.id, d.id, severity_name(d.severity),
                             text_in(d.titles, "fr"), join(d.citations, ", "), qualiopi);
    else
      unchecked += fmt::format("| [{}]({}.md) | {} | {} | {} |\n", d.id, d.id, join(d.citations, ", "),
                               text_in(d.titles, "fr"), text_in(d.because, "fr"));
  }
  if (!checked.empty())
    out += "| rule | severity | title | cites | Qualiopi |\n|---|---|---|---|---|\n" + checked + "\n";
  if (!unchecked.empty())
    out += "Not checked by software:\n\n| id | cites | requirement | why |\n|---|---|---|---|\n" + unchecked + "\n";
  std::string disabled;
  for (const auto& r : catalog.rules)
    if (r.disabled && r.disabled_by == pack_id)
      disabled += fmt::format("- `{}` ({}): {}\n", r.decl->id, r.pack_id, text_in(r.disabled->reasons, "fr"));
  if (!disabled.empty()) out += "Rules this pack disables:\n\n" + disabled + "\n";
  if (!catalog.indicators.empty()) {
    out += fmt::format("Qualiopi indicators evidenced by the rules in force with `{}`:\n\n", pack_id);
    out += "| indicator | rules | not checked by software |\n|---|---|---|\n";
    for (const auto& i : catalog.indicators)
      out += fmt::format("| {} {} | {} | {} |\n", i.number, text_in(i.titles, "fr"),
                         i.rules.empty() ? "**none**" : join(i.rules, ", "), join(i.unchecked, ", "));
    out += "\n";
  }
  return out;
}

namespace {

std::string type_text(const ast::TypeExpr& t) {
  switch (t.kind) {
    case ast::TypeExpr::Kind::Named: return t.name;
    case ast::TypeExpr::Kind::List: return "list of " + type_text(*t.element);
    case ast::TypeExpr::Kind::Enum: return "enum(" + join(t.values, ", ") + ")";
    case ast::TypeExpr::Kind::Record: return "mapping";
  }
  return "?";
}

// A description in one language for a table cell: the plain (unstated language) text counts
// as English, the language packs wrote before `doc fr ... en ...`; `|` would end the cell.
std::string doc_cell(const ast::Localized<std::string>& doc, const std::string& lang) {
  auto it = doc.find(lang);
  if (it == doc.end() && lang == "en") it = doc.find("");
  std::string text = it == doc.end() ? "" : it->second;
  for (auto& c : text)
    if (c == '|') c = '/';
  return text;
}

void field_rows(const std::vector<ast::FieldDecl>& fields, const std::string& prefix, std::string& out) {
  for (const auto& f : fields) {
    std::string path = prefix + f.name;
    std::string doc = doc_cell(f.doc, "en");
    if (!f.synonyms.empty()) {
      std::string words;
      for (const auto& w : f.synonyms) words += (words.empty() ? "`" : ", `") + w + "`";
      doc += (doc.empty() ? "" : "; ") + std::string("synonyms: ") + words;
    }
    out += fmt::format("| `{}` | {} | {} | {} | {} |\n", path, type_text(*f.type), f.optional ? "optional" : "required",
                       doc_cell(f.doc, "fr"), doc);
    const ast::TypeExpr* t = f.type.get();
    std::string sub = path;
    while (t->kind == ast::TypeExpr::Kind::List) {
      t = t->element.get();
      sub += "[]";
    }
    if (t->kind == ast::TypeExpr::Kind::Record) field_rows(t->fields, sub + ".", out);
  }
}

}  // namespace

std::string records_section(const catalog::Catalog& catalog, const std::string& pack_id) {
  std::string out;
  for (const auto& r : catalog.records) {
    if (r.pack_id != pack_id) continue;
    const auto& d = *r.decl;
    out += fmt::format("## {} `{}`\n\n", d.is_record_kind ? "record" : "type", d.name);
    for (const char* lang : {"fr", "en"})
      if (std::string text = doc_cell(d.doc, lang); !text.empty()) out += text + ".\n\n";
    if (d.is_record_kind) out += fmt::format("A file states `kind: {}`.\n\n", d.name);
    out += "| field | type | | sens | meaning |\n|---|---|---|---|---|\n";
    field_rows(d.fields, "", out);
    out += "\n";
  }
  return out;
}

}  // namespace cadre::report
