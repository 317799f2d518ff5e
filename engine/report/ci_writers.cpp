// SPDX-License-Identifier: Apache-2.0
// Writers for CI systems: JUnit XML (GitLab, Jenkins), GitHub workflow commands, and a
// Markdown summary for pull-request comments.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "engine/base/locale_format.hpp"
#include "engine/report/json_pieces.hpp"
#include "engine/report/markup.hpp"
#include "engine/report/writers.hpp"

namespace cadre::report {

namespace {

std::string where(const SourceManager& sources, FileId file, std::uint32_t offset) {
  const auto& f = sources.file(file);
  auto p = f.position(offset);
  return fmt::format("{}:{}:{}", f.path(), p.line, p.column);
}

std::string record_name(const std::string& id, const std::string& kind, const SourceManager& sources, FileId file,
                        std::uint32_t offset) {
  auto p = sources.file(file).position(offset);
  return fmt::format("{} {}", id.empty() ? kind : id, fmt::format("({}:{})", sources.file(file).path(), p.line));
}

// GitHub workflow commands: data escapes %, CR, LF; property values also `:` and `,`.
std::string gh_data(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}
std::string gh_property(const std::string& s) {
  std::string out;
  for (char c : gh_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string joined(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

namespace {

// A test suite per pack: its counts open it, so its test cases wait in a temporary file per
// pack until the end.
class JunitReport final : public StreamingReport {
 public:
  explicit JunitReport(std::ostream& out) : out_(out) {}

  bool begin(const RunResult& run, const SourceManager&) override {
    for (const auto& r : run.rules) pack_of_[r.rule->id] = r.pack_id;
    for (const auto& p : run.packs) order_.push_back(p.id);
    return true;
  }

  void add(const std::vector<RecordStatus>&, const std::vector<Finding>& findings, const std::vector<RuleOutcome>& outcomes,
           const SourceManager& sources) override {
    // Findings by (file, record, rule), to attach them to the outcome they explain.
    std::map<std::tuple<FileId, std::uint32_t, std::string>, std::vector<const Finding*>> by_case;
    for (const auto& f : findings) by_case[{f.file, f.record_offset, f.rule->id}].push_back(&f);
    using O = RuleOutcome::Outcome;
    for (const auto& o : outcomes) {
      Suite& suite = suites_[pack_of_[o.rule->id]];
      std::ostream& cases = suite.cases.stream();
      ++suite.tests;
      std::string name = record_name(o.record_id, o.kind, sources, o.file, o.offset);
      auto pos = sources.file(o.file).position(o.offset);
      cases << fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"", xml_escape(o.rule->id),
                           xml_escape(name), xml_escape(sources.file(o.file).path()), pos.line);
      auto it = by_case.find({o.file, o.offset, o.rule->id});
      std::vector<const Finding*> open, waived, notes;
      // `info` findings are advice, not failures: the test case passes and shows them.
      if (it != by_case.end())
        for (const auto* f : it->second)
          (f->waiver ? waived : f->severity == Severity::Info ? notes : open).push_back(f);
      if (o.outcome == O::NotApplicable) {
        ++suite.skipped;
        cases << ">\n      <skipped message=\"not applicable (its `when` does not hold)\"/>\n    </testcase>\n";
      } else if (!open.empty()) {
        ++suite.failures;
        cases << ">\n";
        for (const auto* f : open) {
          std::string cites = joined(f->rule->citations);
          cases << fmt::format("      <failure type=\"{}\" message=\"{}\">{}: {}{}</failure>\n",
                               f->undecided ? "undecided" : severity_name(f->severity), xml_escape(f->message),
                               xml_escape(where(sources, f->file, f->offset)), xml_escape(f->message),
                               cites.empty() ? "" : xml_escape(" (" + cites + ")"));
        }
        cases << "    </testcase>\n";
      } else if (!waived.empty()) {
        ++suite.skipped;
        cases << fmt::format(">\n      <skipped message=\"waived until {}: {}\"/>\n    </testcase>\n",
                             xml_escape(waived.front()->waiver->expires), xml_escape(waived.front()->waiver->reason));
      } else if (!notes.empty()) {
        cases << ">\n      <system-out>";
        for (const auto* f : notes)
          cases << fmt::format("info: {}: {}\n", xml_escape(where(sources, f->file, f->offset)), xml_escape(f->message));
        cases << "</system-out>\n    </testcase>\n";
      } else {
        cases << "/>\n";
      }
    }
  }

  void end(const RunResult& run, const SourceManager& sources) override {
    std::size_t tests = 0, failures = 0, skipped = 0;
    for (auto& [id, s] : suites_) {
      tests += s.tests;
      failures += s.failures;
      skipped += s.skipped;
      if (std::find(order_.begin(), order_.end(), id) == order_.end()) order_.push_back(id);
    }
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out_ << fmt::format("<testsuites name=\"cadre\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n", tests, failures, skipped);
    for (const auto& id : order_) {
      auto it = suites_.find(id);
      if (it == suites_.end()) continue;
      Suite& s = it->second;
      out_ << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" errors=\"0\">\n",
                          xml_escape(id), s.tests, s.failures, s.skipped);
      s.cases.copy_to(out_);
      out_ << "  </testsuite>\n";
    }
    // Problems in the inputs are a suite of their own: they fail the build too. The files a
    // folder walk skipped (not records) are counted there, as a property.
    std::size_t diag_errors = 0;
    std::string diag_cases;
    for (const auto& d : run.diagnostics.items()) {
      std::string loc = d.span.valid() ? where(sources, d.span.file, d.span.begin) : d.file_hint;
      std::string code = diag_info(d.code).code;
      diag_cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", code, xml_escape(loc));
      if (d.severity == Severity::Error) {
        ++diag_errors;
        diag_cases += fmt::format(">\n      <error type=\"{}\" message=\"{}\">{}: {}</error>\n    </testcase>\n", code,
                                  xml_escape(d.message), xml_escape(loc), xml_escape(d.message));
      } else {
        diag_cases += fmt::format(">\n      <system-out>{}: {}</system-out>\n    </testcase>\n", xml_escape(loc), xml_escape(d.message));
      }
    }
    std::string properties;
    if (!run.skipped.empty())
      properties = fmt::format("    <properties>\n      <property name=\"files_skipped\" value=\"{}\"/>\n    </properties>\n",
                               run.skipped.size());
    if (!run.diagnostics.empty() || !properties.empty())
      out_ << fmt::format("  <testsuite name=\"inputs\" tests=\"{}\" failures=\"0\" errors=\"{}\" skipped=\"0\">\n{}{}  </testsuite>\n",
                          run.diagnostics.items().size(), diag_errors, properties, diag_cases);
    out_ << "</testsuites>\n";
  }

 private:
  struct Suite {
    Spill cases;
    std::size_t tests = 0, failures = 0, skipped = 0;
  };
  std::ostream& out_;
  std::map<std::string, std::string> pack_of_;
  std::vector<std::string> order_;
  std::map<std::string, Suite> suites_;  // by pack id
};

}  // namespace

std::unique_ptr<StreamingReport> junit_report(std::ostream& out, const WriterOptions&) {
  return std::make_unique<JunitReport>(out);
}

void write_junit(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options) {
  junit_report(out, options)->write_whole(result, sources);
}

std::unique_ptr<StreamingReport> streaming_report(const std::string& format, std::ostream& out, const WriterOptions& options) {
  if (format == "json") return json_report(out, options.tool_version);
  if (format == "sarif") return sarif_report(out, options);
  if (format == "junit") return junit_report(out, options);
  if (format == "github") return github_report(out, options);
  if (format == "gitlab") return gitlab_report(out, options);
  return nullptr;
}

GithubCounts github_counts(const RunResult& result) {
  GithubCounts counts;
  for (const auto& d : result.diagnostics.items()) counts.add(d.severity);
  for (const auto& f : result.findings)
    if (!f.waiver) counts.add(f.severity);  // a waived finding is shown as a notice
  return counts;
}

namespace {

// The workflow command of an annotation of this severity.
const char* github_kind(Severity s) { return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "notice"; }

// Workflow commands in the run's order: the problems in the inputs (known at the end of the
// run) first, then the findings, which wait in a temporary file as their files are handed
// on, then the notices that count what GitHub does not show.
class GithubReport final : public StreamingReport {
 public:
  GithubReport(std::ostream& out, const WriterOptions& options) : out_(out), options_(options) {}

  bool begin(const RunResult&, const SourceManager&) override { return true; }

  void add(const std::vector<RecordStatus>&, const std::vector<Finding>& findings, const std::vector<RuleOutcome>&,
           const SourceManager& sources) override {
    for (const auto& f : findings) {
      std::string message = f.message;
      std::string cites = joined(f.rule->citations);
      if (!cites.empty()) message += " (" + cites + ")";
      if (!options_.rules_url.empty()) message += " " + options_.rules_url + f.rule->id + ".md";
      if (f.waiver) {
        command(findings_.stream(), sources, "notice", f.file, f.offset, f.rule->id + " (waived)",
                fmt::format("{} — waived until {}: {}", message, f.waiver->expires, f.waiver->reason));
        continue;  // shown as a notice: not counted
      }
      counts_.add(f.severity);
      command(findings_.stream(), sources, github_kind(f.severity), f.file, f.offset, f.rule->id, message);
    }
  }

  void end(const RunResult& result, const SourceManager& sources) override {
    GithubCounts counts = counts_;
    for (const auto& d : result.diagnostics.items()) {
      counts.add(d.severity);
      const char* kind = github_kind(d.severity);
      std::string message = d.help.empty() ? d.message : d.message + " (" + d.help + ")";
      if (d.span.valid()) command(out_, sources, kind, d.span.file, d.span.begin, diag_info(d.code).code, message);
      else out_ << fmt::format("::{} title={}::{}{}\n", kind, diag_info(d.code).code, gh_data(d.file_hint.empty() ? "" : d.file_hint + ": "), gh_data(message));
    }
    findings_.copy_to(out_);
    bool fr = result.lang == "fr";
    // Files a folder walk found that hold no record (a workflow, package.json): counted, so that
    // nothing is left out in silence.
    if (std::size_t n = result.skipped.size(); n > 0)
      out_ << fmt::format("::notice title=cadre::{}\n",
                          gh_data(fr ? locale::typography(fmt::format("{} {} : ce ne sont pas des enregistrements (cadre check --verbose les nomme)",
                                                                      n, n == 1 ? "fichier ignoré" : "fichiers ignorés"), result.lang)
                                     : fmt::format("{} {} skipped: not records (cadre check --verbose names them)", n,
                                                   n == 1 ? "file" : "files")));
    // GitHub shows at most 10 error and 10 warning annotations per step and drops the rest
    // without a word: say how many are not shown, and where the full list is.
    std::size_t hidden_errors = counts.errors > kGithubAnnotationLimit ? counts.errors - kGithubAnnotationLimit : 0;
    std::size_t hidden_warnings = counts.warnings > kGithubAnnotationLimit ? counts.warnings - kGithubAnnotationLimit : 0;
    if (hidden_errors + hidden_warnings == 0) return;
    std::string message =
        fr ? fmt::format("{} erreur(s) et {} avertissement(s) ne sont pas affichés dans le code (GitHub en montre {} de chaque) ; ",
                         hidden_errors, hidden_warnings, kGithubAnnotationLimit)
           : fmt::format("{} error(s) and {} warning(s) are not shown inline (GitHub shows {} of each); ", hidden_errors,
                         hidden_warnings, kGithubAnnotationLimit);
    message += options_.github_step_summary ? (fr ? "la liste complète est dans le résumé du job" : "the full list is in the job summary")
                                            : (fr ? "la liste complète est dans le journal de cette étape" : "the full list is in this step's log");
    out_ << fmt::format("::notice title=cadre::{}\n", gh_data(locale::typography(message, result.lang)));
  }

 private:
  static void command(std::ostream& out, const SourceManager& sources, const char* kind, FileId file, std::uint32_t offset,
                      const std::string& title, const std::string& message) {
    const auto& f = sources.file(file);
    auto p = f.position(offset);
    out << fmt::format("::{} file={},line={},col={},title={}::{}\n", kind, gh_property(f.path()), p.line, p.column,
                       gh_property(title), gh_data(message));
  }

  std::ostream& out_;
  WriterOptions options_;
  Spill findings_;
  GithubCounts counts_;  // of the findings so far
};

}  // namespace

std::unique_ptr<StreamingReport> github_report(std::ostream& out, const WriterOptions& options) {
  return std::make_unique<GithubReport>(out, options);
}

void write_github(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options) {
  github_report(out, options)->write_whole(result, sources);
}

void write_markdown(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options) {
  bool fr = result.lang == "fr";
  const Summary summary = summarize(result);
  const std::size_t passed = summary.passed, failed = summary.failed, invalid = summary.invalid, waived = summary.waived;
  const auto& counts = summary.findings;
  std::string packs;
  for (const auto& p : result.packs) packs += (packs.empty() ? "" : ", ") + fmt::format("`{}` {}", p.id, p.version);
  bool clean = counts[0] == 0 && !result.diagnostics.has_errors();
  out << fmt::format("### {} cadre: {}\n\n", clean ? "✅" : "❌",
                     fr ? fmt::format("{} erreur(s), {} avertissement(s), {} information(s)", counts[0], counts[1], counts[2])
                        : fmt::format("{} error(s), {} warning(s), {} info", counts[0], counts[1], counts[2]));
  out << (fr ? "| | nombre |\n|---|---|\n" : "| | count |\n|---|---|\n");
  out << fmt::format(fmt::runtime(fr ? "| enregistrements vérifiés | {} |\n" : "| records checked | {} |\n"), result.records.size());
  out << fmt::format(fmt::runtime(fr ? "| conformes / non conformes / invalides | {} / {} / {} |\n" : "| passed / failed / invalid | {} / {} / {} |\n"),
                     passed, failed, invalid);
  out << fmt::format(fmt::runtime(fr ? "| erreurs / avertissements / informations | {} / {} / {} |\n" : "| errors / warnings / info | {} / {} / {} |\n"),
                     counts[0], counts[1], counts[2]);
  out << fmt::format(fmt::runtime(fr ? "| constats couverts par une dérogation | {} |\n" : "| waived findings | {} |\n"), waived);
  out << fmt::format(fmt::runtime(fr ? "| problèmes dans les fichiers | {} |\n\n" : "| problems in the input files | {} |\n\n"),
                     result.diagnostics.items().size());
  auto rule_link = [&](const std::string& id) {
    return options.rules_url.empty() ? fmt::format("`{}`", id) : fmt::format("[`{}`]({}{}.md)", id, options.rules_url, id);
  };
  auto loc = [&](FileId file, std::uint32_t offset) {
    const auto& f = sources.file(file);
    auto p = f.position(offset);
    return fmt::format("`{}:{}:{}`", f.path(), p.line, p.column);
  };
  if (!result.diagnostics.empty()) {
    out << (fr ? "#### Problèmes dans les fichiers\n\n| | code | où | message |\n|---|---|---|---|\n"
               : "#### Problems in the input files\n\n| | code | where | message |\n|---|---|---|---|\n");
    for (const auto& d : result.diagnostics.items())
      out << fmt::format("| {} | `{}` | {} | {} |\n", severity_name(d.severity), diag_info(d.code).code,
                         d.span.valid() ? loc(d.span.file, d.span.begin) : "`" + d.file_hint + "`", md_cell(d.message));
    out << "\n";
  }
  bool any_open = false, any_waived = false;
  for (const auto& f : result.findings) (f.waiver ? any_waived : any_open) = true;
  if (any_open) {
    out << (fr ? "#### Constats\n\n| | règle | où | message | articles |\n|---|---|---|---|---|\n"
               : "#### Findings\n\n| | rule | where | message | cites |\n|---|---|---|---|---|\n");
    for (const auto& f : result.findings) {
      if (f.waiver) continue;
      out << fmt::format("| {} | {} | {} | {} | {} |\n", severity_name(f.severity), rule_link(f.rule->id), loc(f.file, f.offset),
                         md_cell(f.message), md_cell(joined(f.rule->citations)));
    }
    out << "\n";
  }
  if (any_waived) {
    out << (fr ? "#### Dérogations appliquées\n\n| règle | où | jusqu'au | motif |\n|---|---|---|---|\n"
               : "#### Waived\n\n| rule | where | until | reason |\n|---|---|---|---|\n");
    for (const auto& f : result.findings)
      if (f.waiver)
        out << fmt::format("| {} | {} | {} | {} |\n", rule_link(f.rule->id), loc(f.file, f.offset), f.waiver->expires,
                           md_cell(f.waiver->reason));
    out << "\n";
  }
  out << fmt::format(fmt::runtime(fr ? "Paquets : {} · au {}\n" : "Packs: {} · as of {}\n"), packs, result.as_of);
}

void write(const std::string& format, std::ostream& out, const RunResult& result, const SourceManager& sources,
           const WriterOptions& options) {
  if (format == "json") write_json(out, result, sources, options.tool_version);
  else if (format == "sarif") write_sarif(out, result, sources, options);
  else if (format == "junit") write_junit(out, result, sources, options);
  else if (format == "github") write_github(out, result, sources, options);
  else if (format == "gitlab") write_gitlab(out, result, sources, options);
  else if (format == "markdown") write_markdown(out, result, sources, options);
  else write_text(out, result, sources, options.text);
}

}  // namespace cadre::report
