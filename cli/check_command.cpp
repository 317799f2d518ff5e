// SPDX-License-Identifier: Apache-2.0
// `cadre check PATH...`: records against a rule pack, in one or more report formats.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/project_config.hpp"
#include "engine/record/loader.hpp"
#include "cli/options.hpp"
#include "cli/version.hpp"
#include "engine/engine.hpp"
#include "engine/io/interrupt_cleanup.hpp"
#include "engine/io/output_file.hpp"
#include "engine/report/writers.hpp"

namespace cadre::cli {

namespace {

constexpr const char* kFormats[] = {"text", "json", "sarif", "junit", "github", "gitlab", "markdown"};

int usage(const std::string& message) { return usage_error(*find_command("check"), message); }

struct Sink {
  std::string format;
  std::string output;  // empty: standard output
};

// `--format F [--output FILE]` pairs, in order; an `--output` before any `--format` goes
// with the first format.
bool sinks_from(const ParsedArgs& parsed, std::vector<Sink>& sinks, std::string& error) {
  std::string pending_output;
  for (const auto& [name, value] : parsed.ordered) {
    if (name == "format") {
      sinks.push_back({value, {}});
      if (!pending_output.empty()) {
        sinks.back().output = pending_output;
        pending_output.clear();
      }
    } else if (name == "output") {
      if (sinks.empty()) pending_output = value;
      else if (sinks.back().output.empty()) sinks.back().output = value;
      else {
        error = fmt::format("`--output {}` follows a format that already has an output", value);
        return false;
      }
    }
  }
  if (sinks.empty()) sinks.push_back({"text", pending_output});
  // `--output -` is standard output, as `-` among the paths is standard input (never a file named `-`).
  for (auto& s : sinks)
    if (s.output == "-") s.output.clear();
  int to_stdout = 0;
  for (const auto& s : sinks)
    if (s.output.empty()) ++to_stdout;
  if (to_stdout > 1) {
    error = "only one format can go to standard output: give the others an `--output FILE`";
    return false;
  }
  return true;
}

/// Standard input, whole, within the loader's size limit.
bool read_standard_input(std::string& text, std::string& error) {
  constexpr std::size_t kLimit = record::LoadLimits{}.max_file_bytes;
  char buffer[65536];
  for (;;) {
    std::size_t n = std::fread(buffer, 1, sizeof buffer, stdin);
    text.append(buffer, n);
    if (text.size() > kLimit) {
      error = fmt::format("standard input is larger than {} MiB: cadre does not read it", kLimit >> 20);
      return false;
    }
    if (n < sizeof buffer) break;
  }
  if (std::ferror(stdin)) {
    error = "cannot read standard input";
    return false;
  }
  return true;
}

// With the github format, GitHub shows 10 errors and 10 warnings inline: the full list goes
// to the job summary, the Markdown file GitHub names in $GITHUB_STEP_SUMMARY, when there are
// more. The file is GitHub's and earlier steps may have written to it: the summary is
// appended, and the whole file replaced at once (temporary + rename), never half-written.
std::string github_summary_path(const std::vector<Sink>& sinks, const report::RunResult& result) {
  bool github = std::any_of(sinks.begin(), sinks.end(), [](const Sink& s) { return s.format == "github"; });
  const char* path = std::getenv("GITHUB_STEP_SUMMARY");
  if (!github || !path || !*path || !report::github_counts(result).overflows()) return {};
  return path;
}

// `--format markdown --output "$GITHUB_STEP_SUMMARY"` already puts the full list there.
bool summary_is_an_output(const std::vector<Sink>& sinks, const std::string& summary) {
  std::error_code ec;
  for (const auto& s : sinks)
    if (s.format == "markdown" && !s.output.empty() &&
        (s.output == summary || std::filesystem::equivalent(s.output, summary, ec)))
      return true;
  return false;
}

bool append_github_summary(const std::string& path, const report::RunResult& result, const SourceManager& sources,
                           const report::WriterOptions& options, std::string& error) {
  std::string previous;
  if (std::ifstream in(path, std::ios::binary); in) {
    std::ostringstream text;
    text << in.rdbuf();
    previous = text.str();
  }
  std::ostringstream summary;
  report::write_markdown(summary, result, sources, options);
  std::string separator = previous.empty() || previous.back() == '\n' ? "" : "\n";
  return io::write_file_atomically(path, previous + separator + summary.str(), error);
}

// The reports of a run. Those that can be (json, sarif, junit, github, gitlab) are written
// while the records are checked, file by file (report::StreamingReport); the others (text,
// markdown) are written from the run collected whole, after it. Nothing is written before every output is known safe: none is
// an input of this run (records, waivers, rule files), a link, or another format's output.
class Reports final : public report::RunSink {
 public:
  Reports(const std::vector<Sink>& sinks, const CheckOptions& options, bool quiet, int threshold,
          const report::WriterOptions& writer_options)
      : sinks_(sinks), options_(options), quiet_(quiet), threshold_(threshold), writer_options_(writer_options) {
    const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
    summary_wanted_ = summary && *summary;
    for (const auto& sink : sinks_) {
      if (!sink.output.empty()) targets_.push_back({sink.output, fmt::format("the `--output` of the {} report", sink.format)});
      // The job summary the github format may add is a Markdown report: it needs the whole run.
      if (!streams(sink.format) || (sink.format == "github" && summary_wanted_)) whole_ = true;
    }
  }

  bool collects() const override { return whole_; }

  bool begin(const report::RunResult& run, const SourceManager& sources) override {
    // Only the outputs' own files can collide with an input: the registry keeps no list of
    // every record file read.
    std::vector<std::string> outputs;
    for (const auto& t : targets_) outputs.push_back(t.path);
    if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary) outputs.push_back(summary);
    inputs_.watch_only(outputs);
    inputs_.add_all(options_.waiver_files, "a waivers file");
    if (!config_file_.empty()) inputs_.add(config_file_, "the project configuration");
    inputs_.add_sources(sources, "a record file");  // the rule files, and the record files the run will read
    if (auto refusal = io::refuse_outputs(targets_, inputs_); !refusal.empty()) {
      error_ = fmt::format("cadre check: error[E0504]: {}\n", refusal);
      return false;
    }
    for (const auto& sink : sinks_) {
      std::ostream* out = nullptr;
      if (!(quiet_ && sink.output.empty())) {
        if (!(out = open(sink))) return false;
      }
      if (!streams(sink.format) || !out) continue;
      report::WriterOptions options = writer_options_;
      // Its notice names the job summary only when there is more than GitHub shows, and then
      // the summary is written (github_summary_path).
      options.github_step_summary = summary_wanted_;
      streaming_.push_back(report::streaming_report(sink.format, *out, options));
      if (!streaming_.back()->begin(run, sources)) return false;
    }
    return true;
  }

  void file(report::FilePart& part, const SourceManager& sources) override {
    for (const auto& f : part.findings)
      if (!f.waiver && threshold_ >= 0 && static_cast<int>(f.severity) <= threshold_) blocking_ = true;
    for (auto& writer : streaming_) writer->file(part, sources);
    if (!whole_) return;
    part.diagnostics = {};  // the run has them
    report::append_part(collected_, std::move(part));
  }

  void end(const report::RunResult& run, const SourceManager& sources) override {
    for (auto& writer : streaming_) writer->end(run, sources);
  }

  /// Gives the run the records, findings and outcomes collected for the reports written whole.
  void collected_into(report::RunResult& run) {
    run.records = std::move(collected_.records);
    run.findings = std::move(collected_.findings);
    run.outcomes = std::move(collected_.outcomes);
  }

  /// Writes the reports that need the whole run (text, markdown).
  bool write_whole(const report::RunResult& run, const SourceManager& sources, report::WriterOptions writer_options,
                   const ParsedArgs& parsed, std::string& error) {
    for (const auto& sink : sinks_) {
      if (streams(sink.format) || (quiet_ && sink.output.empty())) continue;
      std::ostream* out = stream_of(sink);
      if (!out) {
        error = "no output for the " + sink.format + " report";
        return false;
      }
      writer_options.text.color = use_color(parsed, sink.output.empty() && isatty(STDOUT_FILENO));
      report::write(sink.format, *out, run, sources, writer_options);
      out->flush();
    }
    return true;
  }

  /// Every report file is complete before any replaces its previous version, and a signal
  /// waits until the last is renamed: an interrupt never leaves a new SARIF beside an old JSON.
  bool commit(std::string& error) {
    io::SignalsHeld held;
    std::cout.flush();
    for (auto& [path, file] : files_)
      if (!file.commit(error)) return false;
    return true;
  }

  void read_configuration(const std::string& path) { config_file_ = path; }
  bool blocking_findings() const { return blocking_; }
  const std::string& error() const { return error_; }
  const std::vector<io::OutputTarget>& targets() const { return targets_; }
  const io::InputRegistry& inputs() const { return inputs_; }

 private:
  static bool streams(const std::string& format) {
    return format == "json" || format == "sarif" || format == "junit" || format == "github" || format == "gitlab";
  }

  std::ostream* open(const Sink& sink) {
    if (sink.output.empty()) return &std::cout;
    files_.emplace_back(sink.output, io::OutputFile{});
    std::string error;
    if (!files_.back().second.open(sink.output, error)) {
      error_ = fmt::format("cadre check: error[E0501]: {}\n", error);
      return nullptr;
    }
    return &files_.back().second.stream();
  }

  std::ostream* stream_of(const Sink& sink) {
    if (sink.output.empty()) return &std::cout;
    for (auto& [path, file] : files_)
      if (path == sink.output) return &file.stream();
    return nullptr;
  }

  const std::vector<Sink>& sinks_;
  const CheckOptions& options_;
  bool quiet_;
  int threshold_;
  report::WriterOptions writer_options_;
  bool whole_ = false;  // some report needs the whole run
  bool summary_wanted_ = false;  // $GITHUB_STEP_SUMMARY is set
  std::vector<io::OutputTarget> targets_;
  io::InputRegistry inputs_;
  std::string config_file_;
  std::vector<std::pair<std::string, io::OutputFile>> files_;
  std::vector<std::unique_ptr<report::StreamingReport>> streaming_;
  report::RunResult collected_;
  bool blocking_ = false;
  std::string error_;
};

}  // namespace

std::vector<std::string> check_formats() { return {std::begin(kFormats), std::end(kFormats)}; }

int run_check(const ParsedArgs& parsed) {
  if (parsed.positionals.empty())
    return usage("no file or directory to check (name them, or list them under `paths:` in cadre.yaml: see `cadre init`)");
  std::vector<Sink> sinks;
  std::string sink_error;
  if (!sinks_from(parsed, sinks, sink_error)) return usage(sink_error);
  CheckOptions options;
  options.inputs = parsed.positionals;
  if (auto rules = parsed.get("rules")) options.rules = *rules;
  options.waiver_files = parsed.all("waivers");
  options.walk.excludes = parsed.all("exclude");
  // The project configuration is cadre's own file, never a record of the walk.
  for (const char* name : kConfigNames) options.walk.excludes.push_back(name);
  options.walk.includes = parsed.all("include");
  options.walk.gitignore = !parsed.has("no-gitignore");
  options.lang = parsed.get("lang").value_or("fr");
  std::string fail_on = parsed.get("fail-on").value_or("error");
  int threshold = fail_on == "error" ? 0 : fail_on == "warning" ? 1 : fail_on == "info" ? 2 : -1;
  if (auto error = read_as_of(parsed, options.as_of); !error.empty()) return usage(error);
  if (auto error = read_threads(parsed, options.threads); !error.empty()) return usage(error);
  // `-` is standard input, shown under --stdin-filename so that positions name something.
  if (std::count(options.inputs.begin(), options.inputs.end(), "-") > 1) return usage("`-` (standard input) is given twice");
  if (auto dash = std::find(options.inputs.begin(), options.inputs.end(), "-"); dash != options.inputs.end()) {
    std::string name = parsed.get("stdin-filename").value_or("<stdin>");
    std::string text, error;
    if (!read_standard_input(text, error)) {
      std::cerr << fmt::format("cadre check: error[E0501]: {}\n", error);
      return kExitError;
    }
    *dash = name;
    options.texts[name] = std::move(text);
  } else if (parsed.has("stdin-filename")) {
    return usage("--stdin-filename names standard input: give `-` among the paths");
  }

  for (const auto& sink : sinks)
    if (sink.format == "junit") options.collect_outcomes = true;  // a test case per record and rule

  report::WriterOptions writer_options;
  writer_options.tool_version = kVersion;
  writer_options.rules_url = parsed.get("rules-url").value_or(report::default_rules_url());
  writer_options.text.verbose = parsed.has("verbose");
  Reports reports(sinks, options, parsed.has("quiet"), threshold, writer_options);
  reports.read_configuration(parsed.config_file);
  Engine engine;
  auto result = engine.check(options, &reports);
  if (!reports.error().empty()) {
    std::cerr << reports.error();
    return kExitError;
  }
  reports.collected_into(result);

  std::string step_summary = github_summary_path(sinks, result);
  bool summary_written = !step_summary.empty();
  if (summary_is_an_output(sinks, step_summary)) step_summary.clear();  // the markdown report is the summary
  if (!step_summary.empty()) {
    // The job summary joins the outputs checked before the run: none may be an input or another's output.
    std::vector<io::OutputTarget> targets = reports.targets();
    targets.push_back({step_summary, "the job summary ($GITHUB_STEP_SUMMARY)"});
    if (auto refusal = io::refuse_outputs(targets, reports.inputs()); !refusal.empty()) {
      std::cerr << fmt::format("cadre check: error[E0504]: {}\n", refusal);
      return kExitError;
    }
  }
  writer_options.github_step_summary = summary_written;
  std::string error;
  if (!reports.write_whole(result, engine.sources(), writer_options, parsed, error) || !reports.commit(error)) {
    std::cerr << fmt::format("cadre check: error[E0501]: {}\n", error);
    return kExitError;
  }
  if (!step_summary.empty()) {
    if (!append_github_summary(step_summary, result, engine.sources(), writer_options, error)) {
      std::cerr << fmt::format("cadre check: error[E0501]: {}\n", error);
      return kExitError;
    }
  }

  if (result.diagnostics.has_errors()) return kExitError;
  return reports.blocking_findings() ? kExitFindings : kExitClean;
}

}  // namespace cadre::cli
