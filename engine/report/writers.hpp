// SPDX-License-Identifier: Apache-2.0
// Report writers: turn a RunResult into text (compiler style) or JSON. Deterministic:
// the same result gives the same bytes.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "engine/base/source.hpp"
#include "engine/report/finding.hpp"
#include "engine/report/run_sink.hpp"

namespace cadre::report {

struct TextStyle {
  bool color = false;
  bool verbose = false;  // list the files a folder walk skipped (not records), not only their number
};

/// `file:line:col: severity[CODE]: message`, the line, a caret, then help or citations.
void write_diagnostic(std::ostream& out, const Diagnostic& d, const SourceManager& sources, const TextStyle& style = {});
void write_text(std::ostream& out, const RunResult& result, const SourceManager& sources, const TextStyle& style = {});
void write_json(std::ostream& out, const RunResult& result, const SourceManager& sources, const std::string& tool_version);

struct WriterOptions {
  std::string tool_version;
  std::string rules_url;  // base of the rule pages: `<rules_url><RULE-ID>.md`
  TextStyle text;
  bool github_step_summary = false;  // the github format's full list goes to $GITHUB_STEP_SUMMARY
};

/// GitHub shows this many error annotations, and as many warnings, per step.
inline constexpr std::size_t kGithubAnnotationLimit = 10;
struct GithubCounts {
  std::size_t errors = 0, warnings = 0;  // annotations of each kind the github format writes
  /// Counts one annotation of this severity (info is a notice, which GitHub does not limit).
  void add(Severity s) {
    if (s == Severity::Error) ++errors;
    else if (s == Severity::Warning) ++warnings;
  }
  bool overflows() const { return errors > kGithubAnnotationLimit || warnings > kGithubAnnotationLimit; }
};
GithubCounts github_counts(const RunResult& result);

/// Where rule pages are when no --rules-url says: the docs/rules/ of the installed share
/// directory, else of the source tree (a file:// URI, absolute as SARIF requires).
std::string default_rules_url();

/// SARIF 2.1.0: rules as reportingDescriptors, findings as results, waived findings with
/// suppressions, diagnostics as tool execution notifications.
void write_sarif(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options);
/// JUnit XML: a test suite per pack, a test case per record and rule.
void write_junit(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options);
/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), and
/// a `::notice` saying how many GitHub will not show when there are more than it shows.
void write_github(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options);
/// GitLab Code Quality JSON: one issue per finding not waived and per problem in the inputs.
void write_gitlab(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options);
/// A Markdown summary for a pull-request comment.
void write_markdown(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options);

/// Dispatches on a format name: text, json, sarif, junit, github, gitlab, markdown.
void write(const std::string& format, std::ostream& out, const RunResult& result, const SourceManager& sources,
           const WriterOptions& options);

/// A report written file by file as Engine::check hands the files on, for the formats whose
/// reports can be: only what must come after the files (the run's diagnostics, its totals)
/// waits for the end, and sections written before it wait in a temporary file (Spill), so
/// memory does not grow with the number of files. write_json, write_sarif, write_junit,
/// write_github and write_gitlab feed a whole run through the same writers: both ways give
/// the same bytes.
class StreamingReport : public RunSink {
 public:
  bool collects() const override { return false; }
  void file(FilePart& part, const SourceManager& sources) override {
    add(part.records, part.findings, part.outcomes, sources);
  }
  /// Records, findings and outcomes of one or more files, in the run's order.
  virtual void add(const std::vector<RecordStatus>& records, const std::vector<Finding>& findings,
                   const std::vector<RuleOutcome>& outcomes, const SourceManager& sources) = 0;
  /// A run held whole, written through begin, add and end.
  void write_whole(const RunResult& run, const SourceManager& sources) {
    begin(run, sources);
    add(run.records, run.findings, run.outcomes, sources);
    end(run, sources);
  }
};

std::unique_ptr<StreamingReport> json_report(std::ostream& out, const std::string& tool_version);
std::unique_ptr<StreamingReport> sarif_report(std::ostream& out, const WriterOptions& options);
std::unique_ptr<StreamingReport> junit_report(std::ostream& out, const WriterOptions& options);
/// `options.github_step_summary` says where the notice about hidden annotations sends the
/// reader when there are more than GitHub shows.
std::unique_ptr<StreamingReport> github_report(std::ostream& out, const WriterOptions& options);
std::unique_ptr<StreamingReport> gitlab_report(std::ostream& out, const WriterOptions& options);
/// The streaming writer of `format` (json, sarif, junit, github, gitlab) writing to `out`;
/// nullptr for the formats written from a whole run (text, markdown).
std::unique_ptr<StreamingReport> streaming_report(const std::string& format, std::ostream& out, const WriterOptions& options);

/// The excerpt under a message: `   12 | workload_hours: 35` and its caret line.
std::string excerpt(const SourceFile& file, std::uint32_t begin, std::uint32_t end);

}  // namespace cadre::report
