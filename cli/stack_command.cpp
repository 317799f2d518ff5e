// SPDX-License-Identifier: Apache-2.0
// `cadre stack --pathway ID_OR_FILE (--transcript FILE | --transcripts FILE.jsonl)
// [--catalog DIR]... [--exceptions FILE]...`: does a trainee's set of micro-credentials
// stack into a pathway, for the registrar and the jury? With --transcripts, a whole cohort,
// one trainee per line, read one at a time so memory does not grow with the cohort.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "engine/base/fuzzy.hpp"
#include "cli/options.hpp"
#include "cli/version.hpp"
#include "engine/engine.hpp"
#include "engine/io/output_file.hpp"
#include "engine/report/format_version.hpp"
#include "engine/report/stack_writers.hpp"
#include "engine/report/writers.hpp"
#include "engine/stack/authenticity.hpp"
#include "engine/stack/cohort.hpp"
#include "engine/stack/stack.hpp"
#include "engine/verify/status_list.hpp"
#include "engine/verify/strict_json.hpp"
#include "engine/verify/trust_files.hpp"
#include "engine/verify/verifier.hpp"

namespace cadre::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

int usage(const std::string& message) { return usage_error(*find_command("stack"), message); }

/// run_cohort's answer when lines held no transcript: exit 2, once the results are written.
constexpr int kExitCohortLines = -2;

std::string normal(const std::string& path) { return fs::path(path).lexically_normal().string(); }

/// The exceptions files must be sound before anything is decided with them: schema errors
/// and failed rules (DFCU-11-exception) stop the run, like an unreadable file.
bool exceptions_sound(const report::RunResult& run, const std::vector<record::Record>& records,
                      const std::vector<std::string>& files, const SourceManager& sources) {
  std::vector<std::string> wanted;
  for (const auto& f : files) wanted.push_back(normal(f));
  auto is_exceptions_file = [&](FileId id) {
    return std::find(wanted.begin(), wanted.end(), normal(sources.file(id).path())) != wanted.end();
  };
  bool sound = true;
  for (const auto& d : run.diagnostics.items())
    if (d.span.valid() && is_exceptions_file(d.span.file) && d.severity == Severity::Error) {
      report::write_diagnostic(std::cerr, d, sources);
      sound = false;
    }
  for (const auto& f : run.findings)
    if (is_exceptions_file(f.file) && f.severity == Severity::Error && !f.waiver) {
      auto p = sources.file(f.file).position(f.offset);
      std::cerr << fmt::format("{}:{}:{}: error[{}]: {}\n", sources.file(f.file).path(), p.line, p.column, f.rule->id,
                               f.message);
      sound = false;
    }
  // Each file given as exceptions that holds none is named: most likely the wrong file.
  bool found = false;
  for (const auto& f : files) {
    bool holds = false, any = false;
    for (const auto& r : records) {
      if (normal(sources.file(r.file).path()) != normal(f)) continue;
      any = true;
      holds = holds || r.kind == "exceptions";
    }
    if (!holds)
      std::cerr << fmt::format("{}: warning[W0318]: this exceptions file holds no exception (no `kind: exceptions` "
                               "record{})\n",
                               f, any ? "" : ": it is empty, or only comments");
    found = found || holds;
  }
  if (!found) {
    std::cerr << "cadre stack: error[E0501]: no `kind: exceptions` record in the exceptions files given\n";
    sound = false;
  }
  return sound;
}

/// Writes the results (one line per trainee) and the summary of a cohort.
int run_cohort(const Engine& engine, const report::RunResult& run, const record::Record& pathway,
               const stack::Catalogue& catalogue, const std::vector<stack::Exception>& exceptions, const Date& as_of,
               const std::string& path, std::ostream& out, const std::optional<std::string>& summary_path,
               const std::string& lang, unsigned threads) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("cadre stack: error[E0501]: cannot read `{}`\n", path);
    return kExitError;
  }
  auto totals = stack::assess_cohort(engine, pathway, catalogue, exceptions, as_of, run.waivers, in, path, out, std::cerr,
                                     lang, threads);
  // A cohort named on the command line with no trainee in it is a mistake (the wrong file,
  // an export that failed), not a cohort where everyone passed.
  if (totals.trainees == 0) {
    std::cerr << fmt::format("{}: error[E0316]: the cohort holds no trainee (the file is empty, or no line holds a "
                             "transcript); nothing was assessed\n",
                             path);
    return kExitError;
  }
  Json summary;
  summary["format_version"] = report::kJsonFormatVersion;
  summary["tool"] = {{"name", "cadre"}, {"version", kVersion}};
  summary["as_of"] = run.as_of;
  summary["pathway"] = pathway.id;
  summary["trainees"] = totals.trainees;
  // Lines that are not trainees, each reported on standard error with its position.
  summary["lines_without_transcript"] = totals.lines_without_transcript;
  summary["comment_lines"] = totals.comment_lines;
  summary["repeated_holders"] = totals.repeated_holders;
  summary["verdicts"] = {{"eligible", totals.verdicts["eligible"]},
                         {"not_yet_eligible", totals.verdicts["not_yet_eligible"]},
                         {"cannot_be_assessed", totals.verdicts["cannot_be_assessed"]}};
  summary["most_missing"] = totals.missing;
  summary["refusals"] = totals.refusals;
  summary["notice"] = lang == "fr" ? "L'empilement ne donne aucun droit automatique à la certification (cadre commun §11)."
                                   : "Stacking gives no automatic right to the certification (cadre commun §11).";
  if (summary_path) {
    std::string error;
    if (!io::write_file_atomically(*summary_path, summary.dump(2, ' ', false, Json::error_handler_t::replace) + "\n",
                                   error)) {
      std::cerr << fmt::format("cadre stack: error[E0501]: {}\n", error);
      return kExitError;
    }
  }
  std::size_t n = totals.trainees, yes = totals.verdicts["eligible"], not_yet = totals.verdicts["not_yet_eligible"],
              cannot = totals.verdicts["cannot_be_assessed"], other = totals.lines_without_transcript;
  auto s = [](std::size_t k) { return k > 1 ? "s" : ""; };
  if (lang == "fr")
    std::cerr << fmt::format("{} : {} stagiaire{} — {} recevable{}, {} pas encore recevable{}, {} non évaluable{}{}\n", pathway.id,
                             n, s(n), yes, s(yes), not_yet, s(not_yet), cannot, s(cannot),
                             other ? fmt::format(" ; {} ligne{} sans relevé", other, s(other)) : "");
  else
    std::cerr << fmt::format("{}: {} trainee{} — {} eligible, {} not yet eligible, {} cannot be assessed{}\n", pathway.id, n,
                             n == 1 ? "" : "s", yes, not_yet, cannot,
                             other ? fmt::format("; {} line{} without a transcript", other, other == 1 ? "" : "s") : "");
  // A line that holds no transcript is input cadre could not read as a trainee: the run
  // could not assess everything (exit 2), though every trainee's result is written.
  if (other) return kExitCohortLines;
  return totals.verdicts["eligible"] == totals.trainees ? kExitClean : kExitFindings;
}

}  // namespace

int run_stack(const ParsedArgs& parsed) {
  auto pathway = parsed.get("pathway");
  auto transcript = parsed.get("transcript");
  auto cohort = parsed.get("transcripts");
  if (!pathway || (!transcript && !cohort)) return usage("--pathway and one of --transcript or --transcripts are needed");
  if (transcript && cohort) return usage("--transcript and --transcripts do not go together");
  std::string format = parsed.get("format").value_or(cohort ? "jsonl" : "text");
  if (cohort && format != "jsonl") return usage("--transcripts writes JSON Lines (one result per trainee)");
  if (!cohort && format == "jsonl") return usage("JSON Lines is the format of a cohort (--transcripts)");
  CheckOptions options;
  options.lang = parsed.get("lang").value_or("fr");
  if (auto rules = parsed.get("rules")) options.rules = *rules;
  if (auto error = read_as_of(parsed, options.as_of); !error.empty()) return usage(error);
  if (auto error = read_threads(parsed, options.threads); !error.empty()) return usage(error);
  options.keep_records = true;
  if (transcript) options.inputs.push_back(*transcript);
  bool pathway_file = fs::is_regular_file(*pathway);
  if (pathway_file) options.inputs.push_back(*pathway);
  if (parsed.has("catalog"))
    for (const auto& c : parsed.flags.at("catalog")) options.inputs.push_back(c);
  // Waived findings do not refuse a certificate: the institution accepted the deviation.
  if (parsed.has("waivers")) options.waiver_files = parsed.flags.at("waivers");
  std::vector<std::string> exception_files;
  if (parsed.has("exceptions")) exception_files = parsed.flags.at("exceptions");
  for (const auto& e : exception_files) {
    if (!fs::is_regular_file(e)) {
      std::cerr << fmt::format("cadre stack: error[E0501]: `{}`: no such exceptions file\n", e);
      return kExitError;
    }
    options.inputs.push_back(e);
  }

  Engine engine;
  auto run = engine.check(options);
  bool unreadable = !run.rules_ok;
  for (const auto& d : run.diagnostics.items())
    if (d.code == DiagCode::E0501 || d.code == DiagCode::E0312) unreadable = true;  // a refused waiver stops the run
  if (unreadable) {
    for (const auto& d : run.diagnostics.items())
      if (!run.rules_ok || d.code == DiagCode::E0501 || d.code == DiagCode::E0312) report::write_diagnostic(std::cerr, d, engine.sources());
    return kExitError;
  }
  const auto& records = engine.records();
  if (!exception_files.empty() && !exceptions_sound(run, records, exception_files, engine.sources())) return kExitError;
  const record::Record* the_pathway = nullptr;
  const record::Record* the_transcript = nullptr;
  for (const auto& r : records) {
    const std::string path = normal(engine.sources().file(r.file).path());
    if (transcript && !the_transcript && r.kind == "transcript" && path == normal(*transcript)) the_transcript = &r;
    if (!the_pathway && r.kind == "pathway" && (pathway_file ? path == normal(*pathway) : r.id == *pathway))
      the_pathway = &r;
  }
  if (transcript && !the_transcript) {
    std::cerr << fmt::format("cadre stack: error[E0501]: `{}` holds no `kind: transcript` record\n", *transcript);
    return kExitError;
  }
  if (!the_pathway) {
    std::vector<std::string> ids;
    for (const auto& r : records)
      if (r.kind == "pathway" && !r.id.empty()) ids.push_back(r.id);
    auto best = pathway_file ? std::nullopt : closest_name(*pathway, ids);
    std::cerr << fmt::format("cadre stack: error[E0501]: no pathway `{}` (give its file, or a catalogue that holds it){}\n",
                             *pathway, best ? fmt::format("; did you mean `{}`?", *best) : "");
    return kExitError;
  }
  // The catalogue holds what the catalogue files hold: records written inside the transcript
  // (its inline certificates) are the transcript's, never courses or certificates of the catalogue.
  stack::Catalogue catalogue;
  catalogue.add(records, run.findings, the_transcript ? the_transcript->file : kNoFile);
  auto exceptions = stack::exceptions_for(the_pathway->id, records);
  if (!exception_files.empty()) {
    // Exceptions that will not apply, said before the report: the wrong pathway's file, a
    // decision dated after the as-of date.
    std::vector<std::string> pathway_ids;
    for (const auto& r : records)
      if (r.kind == "pathway" && !r.id.empty()) pathway_ids.push_back(r.id);
    auto notices = stack::exceptions_notices(the_pathway->id, records, exceptions, options.as_of, pathway_ids);
    notices.sort(engine.sources());
    for (const auto& d : notices.items()) report::write_diagnostic(std::cerr, d, engine.sources());
  }

  // Proofs are always checked; the trust list only decides which valid ones are trusted.
  verify::TrustList trust;
  Engine trust_engine;
  if (parsed.has("trust") &&
      !verify::load_trust_files(trust_engine, {parsed.flags.at("trust"), options.rules, options.as_of}, trust, std::cerr))
    return kExitError;
  verify::VerifyContext context{trust, nullptr, options.as_of};
  verify::StatusLists lists;
  if (parsed.has("status-list"))
    for (const auto& path : parsed.flags.at("status-list")) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream bytes;
      if (in) bytes << in.rdbuf();
      std::string error;
      if (!in || !lists.add(bytes.str(), context, error)) {
        std::cerr << fmt::format("cadre stack: error[E0501]: `{}` is not a status list cadre can read{}\n", path,
                                 error.empty() ? "" : ": " + error);
        return kExitError;
      }
    }
  context.status_lists = &lists;
  stack::check_authenticity(records, engine.sources(), context, catalogue);
  catalogue.require_verified = parsed.has("require-verified");

  // Nothing is written before every output is known safe: no output is a file this run
  // reads (the cohort above all: it is read while results are written), a link, or the
  // other output's file.
  io::InputRegistry inputs;
  if (cohort) inputs.add(*cohort, "the cohort (`--transcripts`)");
  if (transcript) inputs.add(*transcript, "the transcript");
  if (pathway_file) inputs.add(*pathway, "the pathway file");
  inputs.add_all(exception_files, "an exceptions file");
  if (!parsed.config_file.empty()) inputs.add(parsed.config_file, "the project configuration");
  inputs.add_all(options.waiver_files, "a waivers file");
  if (parsed.has("trust")) inputs.add_all(parsed.flags.at("trust"), "a trust list (`--trust`)");
  if (parsed.has("status-list")) inputs.add_all(parsed.flags.at("status-list"), "a status list (`--status-list`)");
  inputs.add_sources(engine.sources(), "a catalogue file");
  std::vector<io::OutputTarget> targets;
  if (auto path = parsed.get("output")) targets.push_back({*path, "the `--output` of the results"});
  else targets.push_back({"-", "the results (on standard output without `--output`)"});
  if (auto path = parsed.get("summary")) targets.push_back({*path, "the `--summary`"});
  if (auto refusal = io::refuse_outputs(targets, inputs); !refusal.empty()) {
    std::cerr << fmt::format("cadre stack: error[E0504]: {}\n", refusal);
    return kExitError;
  }
  io::OutputFile file;
  std::ostream* out = &std::cout;
  if (auto path = parsed.get("output")) {
    std::string error;
    if (!file.open(*path, error)) {
      std::cerr << fmt::format("cadre stack: error[E0501]: {}\n", error);
      return kExitError;
    }
    out = &file.stream();
  }
  // The results replace a previous file only when complete.
  auto commit = [&](int code) {
    if (!parsed.get("output")) return code;
    std::string error;
    if (file.commit(error)) return code;
    std::cerr << fmt::format("cadre stack: error[E0501]: {}\n", error);
    return kExitError;
  };
  if (cohort) {
    int code = run_cohort(engine, run, *the_pathway, catalogue, exceptions, options.as_of, *cohort, *out, parsed.get("summary"),
                          options.lang, options.threads);
    if (code == kExitCohortLines) return commit(kExitError);  // the results are kept
    return code == kExitError ? code : commit(code);
  }

  auto result = stack::assess(*the_pathway, *the_transcript, catalogue, records, run.findings, exceptions, options.as_of, options.lang);
  auto locate = report::locate_in(engine.sources());
  stack::attach_diagnostics(result, records, run.diagnostics, locate);
  report::StackReportInfo info{kVersion, run.as_of, run.packs, options.lang, {}};
  std::vector<std::pair<std::string, std::string>> judged;  // role, path: what the page names
  if (pathway_file) judged.emplace_back("pathway", *pathway);
  judged.emplace_back("transcript", *transcript);
  if (parsed.has("catalog"))
    for (const auto& c : parsed.flags.at("catalog")) judged.emplace_back("catalog", c);
  for (const auto& e : exception_files) judged.emplace_back("exceptions", e);
  info.inputs = report::reference_inputs(judged, engine.sources());
  if (format == "json") report::write_stack_json(*out, result, locate, info);
  else if (format == "html") report::write_stack_html(*out, result, locate, info);
  else report::write_stack_text(*out, result, locate, options.lang == "fr");
  return commit(result.verdict == stack::Verdict::Eligible ? kExitClean : kExitFindings);
}

}  // namespace cadre::cli
