// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "engine/base/locale_format.hpp"
#include "engine/report/markup.hpp"
#include "engine/report/writers.hpp"

namespace cadre::report {

namespace {

const char* paint(const TextStyle& style, Severity s) {
  if (!style.color) return "";
  return s == Severity::Error ? "\033[1;31m" : s == Severity::Warning ? "\033[1;33m" : "\033[1;36m";
}
const char* reset(const TextStyle& style) { return style.color ? "\033[0m" : ""; }

std::string location(const SourceManager& sources, FileId file, std::uint32_t offset) {
  const auto& f = sources.file(file);
  auto p = f.position(offset);
  return fmt::format("{}:{}:{}", terminal_safe(f.path()), p.line, p.column);
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return locale::count(static_cast<double>(n), "en", one, many);
}

// French uses the singular for 0 and 1.
std::string pluriel(std::size_t n, const char* one, const char* many) {
  return locale::count(static_cast<double>(n), "fr", one, many);
}

bool some_shown_with_findings(const RunResult& result) {
  for (const auto& d : result.diagnostics.items())
    if (!d.shown_with.empty()) return true;
  return false;
}

/// The records checked with fields the rules could not read, after the count of records:
/// the others were checked in full.
void write_unreadable(std::ostream& out, const RunResult& result, const SourceManager& sources, bool fr) {
  std::size_t count = 0;
  for (const auto& r : result.records) count += r.unreadable.empty() ? 0 : 1;
  if (!count) return;
  if (fr)
    out << fmt::format("dont {} (les autres en entier) :\n",
                       pluriel(count, "enregistrement vérifié avec des champs illisibles ou manquants",
                               "enregistrements vérifiés avec des champs illisibles ou manquants"));
  else
    out << fmt::format("of which {} with unreadable or missing fields (the others in full):\n",
                       plural(count, "record checked", "records checked"));
  for (const auto& r : result.records) {
    if (r.unreadable.empty()) continue;
    std::string fields;
    for (const auto& p : r.unreadable) fields += (fields.empty() ? "" : ", ") + p;
    out << fmt::format("  {} {}{} {}\n", location(sources, r.file, r.offset), terminal_safe(r.id.empty() ? r.kind : r.id),
                       fr ? " :" : ":", terminal_safe(fields));
  }
}

}  // namespace

std::string excerpt(const SourceFile& file, std::uint32_t begin, std::uint32_t end) {
  auto start = file.position(begin);
  std::string_view line = file.line_text(start.line);
  // Long lines (JSON Lines exports) are shown as a window around the column.
  constexpr std::uint32_t kWindow = 60;
  std::string shown_prefix;
  if (count_code_points(line) > 2 * kWindow && start.column > kWindow) {
    std::uint32_t skip = start.column - kWindow / 2;  // the first column shown
    line.remove_prefix(code_point_offset(line, skip - 1));
    shown_prefix = "…";
    start.column = start.column - skip + 2;  // the ellipsis takes one column
  }
  if (count_code_points(line) > 2 * kWindow) {
    line = line.substr(0, code_point_offset(line, 2 * kWindow));
    end = begin;  // the underline would run past what is shown
  }
  std::string gutter = fmt::format("{:>5}", start.line);
  // The line is quoted terminal-safe (a control character shows as `\x1B`), and the caret
  // line counts what is shown before the column. It repeats tabs so that it lines up under
  // the text whatever the tab width.
  std::string pad;
  for (char c : terminal_safe(line.substr(0, code_point_offset(line, start.column - 1)), TerminalKeep::tabs))
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) pad += c == '\t' ? '\t' : ' ';
  auto first = file.position(begin);
  std::uint32_t width = 1;
  if (end > begin) {
    auto stop = file.position(end);
    if (stop.line == first.line && stop.column > first.column) width = stop.column - first.column;
  }
  std::string marks(width, '~');
  marks[0] = '^';
  return fmt::format("{} | {}{}\n{} | {}{}\n", gutter, shown_prefix, terminal_safe(line, TerminalKeep::tabs),
                     std::string(gutter.size(), ' '), pad, marks);
}

void write_diagnostic(std::ostream& out, const Diagnostic& d, const SourceManager& sources, const TextStyle& style) {
  const auto& info = diag_info(d.code);
  if (d.span.valid()) {
    out << fmt::format("{}: {}{}[{}]{}: {}\n", location(sources, d.span.file, d.span.begin), paint(style, d.severity),
                       severity_name(d.severity), info.code, reset(style), terminal_safe(d.message));
    out << excerpt(sources.file(d.span.file), d.span.begin, d.span.end);
  } else {
    out << fmt::format("{}{}{}[{}]{}: {}\n", d.file_hint.empty() ? "" : terminal_safe(d.file_hint) + ": ",
                       paint(style, d.severity), severity_name(d.severity), info.code, reset(style), terminal_safe(d.message));
  }
  if (!d.help.empty()) out << fmt::format("      = help: {}\n", terminal_safe(d.help));
}

void write_text(std::ostream& out, const RunResult& result, const SourceManager& sources, const TextStyle& style) {
  bool fr = result.lang == "fr";
  // French punctuation on what people read (messages, summary), never on quoted source lines.
  auto typeset = [&result](const std::string& text) { return locale::typography(text, result.lang); };
  for (const auto& d : result.diagnostics.items())
    if (d.shown_with.empty()) write_diagnostic(out, d, sources, style);  // else under its finding
  for (const auto& f : result.findings) {
    out << fmt::format("{}: {}{}[{}]{}{}: {}\n", location(sources, f.file, f.offset), paint(style, f.severity),
                       severity_name(f.severity), f.rule->id, reset(style), f.waiver ? (fr ? " (dérogation)" : " (waived)") : "",
                       terminal_safe(typeset(f.message)));
    out << excerpt(sources.file(f.file), f.offset, f.offset);
    std::string cites;
    for (const auto& c : f.rule->citations) cites += (cites.empty() ? "" : ", ") + c;
    std::string indicators;
    for (int q : f.rule->qualiopi) indicators += (indicators.empty() ? "" : ", ") + std::to_string(q);
    std::string note = fmt::format("{} ({})", cites.empty() ? "-" : cites, f.pack_id);
    if (!indicators.empty()) note += fmt::format(" · Qualiopi {}", indicators);
    std::string where = f.record_id.empty() ? f.record_kind : f.record_id;
    out << fmt::format("      = {} · {} {}\n", note, terminal_safe(where), f.pointer.empty() ? "/" : terminal_safe(f.pointer));
    if (f.waiver)
      out << typeset(fmt::format(fmt::runtime(fr ? "      = dérogation jusqu'au {} inclus : {}{}\n"
                                                    : "      = waived until {} inclusive: {}{}\n"),
                         locale::date(f.waiver->expires, result.lang), terminal_safe(f.waiver->reason),
                         f.waiver->approved_by.empty() ? "" : fmt::format(" ({})", terminal_safe(f.waiver->approved_by))));
    if (f.schema_error && f.schema_error_first) {
      // The schema error about the field the finding is about, shown once, after the article.
      const Diagnostic& d = *f.schema_error;
      auto at = sources.file(d.span.file).position(d.span.begin);
      out << fmt::format("      = {}{}[{}]{} {}:{}: {}\n", paint(style, d.severity), severity_name(d.severity),
                         diag_info(d.code).code, reset(style), at.line, at.column, terminal_safe(d.message));
      if (!d.help.empty()) out << fmt::format("        help: {}\n", terminal_safe(d.help));
    }
  }
  if (!result.rules_ok) {
    out << (fr ? "les règles contiennent des erreurs\u00A0: aucun enregistrement n'a été vérifié\n"
               : "the rules have errors: no record was checked\n");
    return;
  }
  const Summary summary = summarize(result);
  const std::size_t passed = summary.passed, failed = summary.failed, invalid = summary.invalid, waived = summary.waived;
  const auto& counts = summary.findings;
  std::string packs;
  for (const auto& p : result.packs) packs += (packs.empty() ? "" : ", ") + p.id + (p.version.empty() ? "" : " " + p.version);
  if (fr) {
    out << typeset(fmt::format("{} avec {} ({}, au {}) : {}, {}, {} ; {}, {}, {}\n",
                       pluriel(result.records.size(), "enregistrement vérifié", "enregistrements vérifiés"),
                       pluriel(result.rule_count, "règle", "règles"), packs.empty() ? "aucun paquet" : packs,
                       locale::date(result.as_of, "fr"), pluriel(passed, "conforme", "conformes"),
                       pluriel(failed, "non conforme", "non conformes"), pluriel(invalid, "invalide", "invalides"),
                       pluriel(counts[0], "erreur", "erreurs"), pluriel(counts[1], "avertissement", "avertissements"),
                       pluriel(counts[2], "information", "informations")));
    if (waived) out << fmt::format("et {} (sans effet sur le résultat)\n", pluriel(waived, "constat couvert par une dérogation", "constats couverts par une dérogation"));
    write_unreadable(out, result, sources, fr);
    if (!result.diagnostics.empty())
      out << fmt::format("et {} dans les fichiers ({})\n",
                         pluriel(result.diagnostics.items().size(), "diagnostic", "diagnostics"),
                         some_shown_with_findings(result) ? "ci-dessus, ou sous le constat qui lit le champ" : "ci-dessus");
  } else {
    out << fmt::format("checked {} with {} ({}, as of {}): {} passed, {} failed, {} invalid; {}, {}, {}\n",
                       plural(result.records.size(), "record", "records"), plural(result.rule_count, "rule", "rules"),
                       packs.empty() ? "no pack" : packs, locale::date(result.as_of, "en"), locale::number(static_cast<double>(passed), "en"),
                       locale::number(static_cast<double>(failed), "en"), locale::number(static_cast<double>(invalid), "en"),
                       plural(counts[0], "error", "errors"), plural(counts[1], "warning", "warnings"),
                       plural(counts[2], "info", "info"));
    if (waived) out << fmt::format("and {} (not counted)\n", plural(waived, "waived finding", "waived findings"));
    write_unreadable(out, result, sources, fr);
    if (!result.diagnostics.empty())
      out << fmt::format("and {} in the input files ({})\n",
                         plural(result.diagnostics.items().size(), "diagnostic", "diagnostics"),
                         some_shown_with_findings(result) ? "above, or under the finding that reads the field" : "above");
  }
  // Files a folder walk found that are not records (a CI workflow, package.json): counted,
  // so that nothing is left out in silence, and listed on demand.
  if (!result.skipped.empty()) {
    std::size_t n = result.skipped.size();
    if (fr)
      out << typeset(fmt::format("{} : ce ne sont pas des enregistrements{}\n",
                                 pluriel(n, "fichier ignoré", "fichiers ignorés"), style.verbose ? "" : " — voir --verbose"));
    else
      out << fmt::format("{} skipped: not records{}\n", plural(n, "file", "files"), style.verbose ? "" : " — see --verbose");
    if (style.verbose)
      for (const auto& path : result.skipped) out << fmt::format("  {}\n", terminal_safe(path));
  }
}

}  // namespace cadre::report
