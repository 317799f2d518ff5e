// SPDX-License-Identifier: Apache-2.0
// GitLab Code Quality report (artifacts:reports:codequality): a JSON array of issues that
// GitLab shows at file:line in merge requests. Fields as GitLab documents them:
// https://docs.gitlab.com/ee/ci/testing/code_quality.html#implement-a-custom-tool
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/base/sha256.hpp"
#include "engine/report/json_pieces.hpp"
#include "engine/report/rule_docs.hpp"
#include "engine/report/writers.hpp"

namespace cadre::report {

namespace {

// GitLab's severities are info, minor, major, critical and blocker. A finding the rules
// could not decide (missing data) is one step below a decided one of its severity.
const char* gitlab_severity(Severity s, bool undecided) {
  switch (s) {
    case Severity::Error: return undecided ? "major" : "critical";
    case Severity::Warning: return undecided ? "minor" : "major";
    case Severity::Info: return "info";
  }
  return "critical";
}

// GitLab matches `location.path` against the repository's files: relative to the job's
// directory (the checkout), without a leading `./`.
std::string repository_path(const std::string& path) {
  std::string shown = display_path(path);
  while (shown.rfind("./", 0) == 0) shown.erase(0, 2);
  return shown.empty() ? "." : shown;
}

// GitLab compares fingerprints between the source and target branches of a merge request to
// tell new issues from old: the hash leaves the line out, so moving a record down a file
// keeps its issues, and a counter keeps two issues with the same parts apart.
class Fingerprints {
 public:
  std::string next(const std::vector<std::string>& parts) {
    std::string key;
    for (const auto& p : parts) key += p + '\x1f';
    std::size_t n = seen_[key]++;
    Sha256 hash;
    hash.update(key);
    if (n > 0) hash.update(std::to_string(n));
    return hash.hex();
  }

 private:
  std::map<std::string, std::size_t> seen_;
};

Json issue(const std::string& description, const std::string& check, const std::string& fingerprint, const char* severity,
           const std::string& path, std::uint32_t line) {
  return {{"type", "issue"},
          {"description", description},
          {"check_name", check},
          {"fingerprint", fingerprint},
          {"severity", severity},
          {"categories", Json::array({"Compliance"})},
          {"location", {{"path", path}, {"lines", {{"begin", line}}}}}};
}

}  // namespace

namespace {

// The problems in the input files come first (a record cadre could not read is an issue
// too), and are known at the end of the run: the findings' issues wait in a temporary file.
class GitlabReport final : public StreamingReport {
 public:
  GitlabReport(std::ostream& out, const WriterOptions& options) : out_(out), options_(options) {}

  bool begin(const RunResult&, const SourceManager&) override { return true; }

  void add(const std::vector<RecordStatus>&, const std::vector<Finding>& findings, const std::vector<RuleOutcome>&,
           const SourceManager& sources) override {
    // Two findings share a fingerprint's parts only in the same file (its path is one of
    // them): the counters need not outlive the files handed on together.
    Fingerprints fingerprints;
    for (const auto& f : findings) {
      if (f.waiver) continue;  // accepted by the committee until it expires: not an issue to fix
      const auto& file = sources.file(f.file);
      std::string cites;
      for (const auto& c : f.rule->citations) cites += (cites.empty() ? "" : ", ") + c;
      std::string description = f.rule->id + ": " + f.message + (cites.empty() ? "" : " (" + cites + ")");
      if (!options_.rules_url.empty()) description += " " + options_.rules_url + f.rule->id + ".md";
      std::string path = repository_path(file.path());
      findings_.add(issue(description, f.rule->id,
                          fingerprints.next({f.rule->id, path, f.record_kind, f.record_id, f.pointer, f.message}),
                          gitlab_severity(f.severity, f.undecided), path, file.position(f.offset).line));
    }
  }

  void end(const RunResult& result, const SourceManager& sources) override {
    Fingerprints fingerprints;
    JsonArrayWriter issues(out_, 0);
    for (const auto& d : result.diagnostics.items()) {
      std::string path = d.span.valid() ? sources.file(d.span.file).path() : d.file_hint;
      std::uint32_t line = d.span.valid() ? sources.file(d.span.file).position(d.span.begin).line : 1;
      std::string code = diag_info(d.code).code;
      std::string description = d.help.empty() ? d.message : d.message + " (" + d.help + ")";
      issues.add(issue(code + ": " + description, code, fingerprints.next({code, repository_path(path), d.message}),
                       d.severity == Severity::Error ? "critical" : d.severity == Severity::Warning ? "major" : "info",
                       repository_path(path), line));
    }
    if (findings_.size() == 0) {
      issues.close();
    } else {
      // The spilled array opens with `[`: after the problems' issues it goes on with `,`.
      if (issues.size() > 0) out_ << ',';
      spill_.copy_to(out_, issues.size() > 0 ? 1 : 0);
      out_ << "\n]";  // as JsonArrayWriter::close ends an array at indent 0
    }
    out_ << "\n";
  }

 private:
  std::ostream& out_;
  WriterOptions options_;
  Spill spill_;
  JsonArrayWriter findings_{spill_.stream(), 0};
};

}  // namespace

std::unique_ptr<StreamingReport> gitlab_report(std::ostream& out, const WriterOptions& options) {
  return std::make_unique<GitlabReport>(out, options);
}

void write_gitlab(std::ostream& out, const RunResult& result, const SourceManager& sources, const WriterOptions& options) {
  gitlab_report(out, options)->write_whole(result, sources);
}

}  // namespace cadre::report
