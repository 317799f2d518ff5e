// `cadre stack --pathway ID_OR_FILE --transcript FILE [--catalog DIR]...`: does a trainee's
// set of micro-credentials stack into a pathway, for the registrar and the jury?
#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/version.hpp"
#include "engine/engine.hpp"
#include "engine/report/writers.hpp"
#include "engine/stack/stack.hpp"

namespace cadre::cli {

namespace {

namespace fs = std::filesystem;
using stack::Requirement;
using Json = nlohmann::ordered_json;

int usage(const std::string& message) {
  std::cerr << fmt::format("cadre stack: error[E0502]: {}\n", message)
            << "usage: cadre stack --pathway ID_OR_FILE --transcript FILE [--catalog DIR]... [--rules PACK]\n"
               "                   [--format text|json] [--output FILE] [--lang fr|en] [--as-of DATE]\n";
  return kExitError;
}

std::string describe(const Requirement& r, bool fr) {
  auto list = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
  };
  std::string label = r.label.empty() ? "" : " (" + r.label + ")";
  switch (r.kind) {
    case Requirement::Kind::Course: return fmt::format(fmt::runtime(fr ? "formation {}{}" : "course {}{}"), r.course, label);
    case Requirement::Kind::AllOf: return fmt::format(fmt::runtime(fr ? "toutes les exigences suivantes{}" : "all of{}"), label);
    case Requirement::Kind::NOf: return fmt::format(fmt::runtime(fr ? "{} parmi [{}]{}" : "{} of [{}]{}"), r.count, list(r.from), label);
    case Requirement::Kind::AtMost: return fmt::format(fmt::runtime(fr ? "au plus {} parmi [{}]{}" : "at most {} of [{}]{}"), r.count, list(r.from), label);
    case Requirement::Kind::MinHours: return fmt::format(fmt::runtime(fr ? "au moins {} h{}" : "at least {} h{}"), r.amount, label);
    case Requirement::Kind::MinEcts: return fmt::format(fmt::runtime(fr ? "au moins {} ECTS{}" : "at least {} ECTS{}"), r.amount, label);
  }
  return "?";
}

std::vector<std::string> missing_courses(const stack::StackResult& s) { return s.allocation.completion; }

void write_text(std::ostream& out, const stack::StackResult& s, const SourceManager& sources, bool fr) {
  out << fmt::format(fmt::runtime(fr ? "Parcours {} — {}\n" : "Pathway {} — {}\n"), s.pathway_id, s.pathway_title);
  out << fmt::format(fmt::runtime(fr ? "Titulaire : {} ({})\n" : "Holder: {} ({})\n"), s.holder_name, s.holder_id);
  const char* verdict = s.verdict == stack::Verdict::Eligible
                            ? (fr ? "recevable pour la décision du jury" : "eligible for the jury's decision")
                        : s.verdict == stack::Verdict::NotYetEligible ? (fr ? "pas encore recevable" : "not yet eligible")
                                                                      : (fr ? "ne peut pas être évalué" : "cannot be assessed");
  out << fmt::format(fmt::runtime(fr ? "Verdict : {}\n" : "Verdict: {}\n"), verdict);
  for (const auto& p : s.problems) out << fmt::format("  ! {}\n", p);
  out << (fr ? "\nExigences :\n" : "\nRequirements:\n");
  // Pre-order nodes; depth from the tree walk.
  std::size_t index = 0;
  std::function<void(const Requirement&, int)> walk = [&](const Requirement& r, int depth) {
    const auto& n = s.allocation.nodes.at(index++);
    std::string detail;
    if (!n.credentials.empty()) {
      detail += " — ";
      for (std::size_t i = 0; i < n.credentials.size(); ++i) detail += (i ? ", " : "") + n.credentials[i];
    }
    if (!n.missing.empty()) {
      detail += fr ? " ; manque : " : "; missing: ";
      for (std::size_t i = 0; i < n.missing.size(); ++i) detail += (i ? ", " : "") + n.missing[i];
    }
    out << fmt::format(fmt::runtime(fr ? "{}{} {} : {}/{}{}\n" : "{}{} {}: {}/{}{}\n"), std::string(2 + 2 * static_cast<std::size_t>(depth), ' '),
                       n.satisfied ? "✔" : "✘", describe(r, fr), n.actual, n.expected, detail);
    for (const auto& c : r.children) walk(c, depth + 1);
  };
  if (!s.allocation.nodes.empty()) walk(s.tree, 0);
  if (!s.refused.empty()) {
    out << (fr ? "\nCertificats qui ne comptent pas :\n" : "\nCredentials that do not count:\n");
    for (const auto& r : s.refused) {
      out << fmt::format(fmt::runtime(fr ? "  {}{} : {}\n" : "  {}{}: {}\n"), r.credential,
                         r.course.empty() ? "" : " (" + r.course + ")", r.reason);
      for (const auto* f : r.findings) {
        auto p = sources.file(f->file).position(f->offset);
        out << fmt::format("      {}:{}:{}: {}[{}]: {}\n", sources.file(f->file).path(), p.line, p.column,
                           severity_name(f->severity), f->rule->id, f->message);
      }
    }
  }
  auto missing = missing_courses(s);
  if (!missing.empty()) {
    out << (fr ? "\nPour compléter le parcours (le moins de formations, puis le moins d'heures) : " : "\nTo complete the pathway (fewest courses, then fewest hours): ");
    for (std::size_t i = 0; i < missing.size(); ++i) out << (i ? ", " : "") << missing[i];
    out << "\n";
  }
  for (const auto& w : s.allocation.warnings) out << "  ! " << w << "\n";
  out << "\n" << s.notice << "\n";
}

void write_json(std::ostream& out, const stack::StackResult& s, const report::RunResult& run, const SourceManager& sources) {
  Json doc;
  doc["tool"] = {{"name", "cadre"}, {"version", kVersion}};
  doc["as_of"] = run.as_of;
  doc["packs"] = Json::array();
  for (const auto& p : run.packs) doc["packs"].push_back({{"id", p.id}, {"version", p.version}});
  doc["pathway"] = {{"id", s.pathway_id}, {"title", s.pathway_title}};
  doc["holder"] = {{"id", s.holder_id}, {"name", s.holder_name}};
  doc["verdict"] = stack::verdict_name(s.verdict);
  doc["problems"] = s.problems;
  Json nodes = Json::array();
  std::size_t index = 0;
  std::function<void(const Requirement&, const std::string&)> walk = [&](const Requirement& r, const std::string& path) {
    const auto& n = s.allocation.nodes.at(index++);
    nodes.push_back({{"path", path},
                     {"requirement", describe(r, false)},
                     {"expected", n.expected},
                     {"actual", n.actual},
                     {"satisfied", n.satisfied},
                     {"credentials", n.credentials},
                     {"missing", n.missing}});
    for (std::size_t i = 0; i < r.children.size(); ++i) walk(r.children[i], path + "/all_of/" + std::to_string(i));
  };
  if (!s.allocation.nodes.empty()) walk(s.tree, "/requirement");
  doc["requirements"] = nodes;
  doc["assignments"] = Json::array();
  for (const auto& n : nodes)
    for (const auto& c : n["credentials"]) doc["assignments"].push_back({{"credential", c}, {"requirement", n["path"]}});
  doc["counted"] = s.counted;
  doc["unused"] = s.allocation.unused;
  Json refused = Json::array();
  for (const auto& r : s.refused) {
    Json findings = Json::array();
    for (const auto* f : r.findings) {
      auto p = sources.file(f->file).position(f->offset);
      findings.push_back({{"rule", f->rule->id}, {"file", sources.file(f->file).path()}, {"line", p.line},
                          {"column", p.column}, {"message", f->message}});
    }
    refused.push_back({{"credential", r.credential}, {"course", r.course}, {"reason", r.reason_code},
                       {"explanation", r.reason}, {"findings", findings}});
  }
  doc["refused"] = refused;
  doc["missing"] = missing_courses(s);
  doc["notice"] = s.notice;
  out << doc.dump(2) << "\n";
}

}  // namespace

int run_stack(const std::vector<std::string>& args) {
  auto parsed = parse_args(args, {{"pathway"}, {"transcript"}, {"catalog", true, true}, {"rules"}, {"format"},
                                  {"output"}, {"lang"}, {"as-of"}});
  if (!parsed.error.empty()) return usage(parsed.error);
  if (!parsed.positionals.empty()) return usage(fmt::format("unexpected `{}`", parsed.positionals[0]));
  auto pathway = parsed.get("pathway");
  auto transcript = parsed.get("transcript");
  if (!pathway || !transcript) return usage("both --pathway and --transcript are needed");
  std::string format = parsed.get("format").value_or("text");
  if (format != "text" && format != "json") return usage(fmt::format("unknown format `{}` (text or json)", format));
  CheckOptions options;
  options.lang = parsed.get("lang").value_or("fr");
  if (options.lang != "fr" && options.lang != "en") return usage(fmt::format("unknown language `{}`", options.lang));
  if (auto rules = parsed.get("rules")) options.rules = *rules;
  if (auto as_of = parsed.get("as-of")) {
    auto date = parse_date(*as_of);
    if (!date || date->has_time()) return usage(fmt::format("`{}` is not a date (YYYY-MM-DD)", *as_of));
    options.as_of = *date;
  }
  options.keep_records = true;
  options.inputs.push_back(*transcript);
  bool pathway_file = fs::is_regular_file(*pathway);
  if (pathway_file) options.inputs.push_back(*pathway);
  if (parsed.has("catalog"))
    for (const auto& c : parsed.flags.at("catalog")) options.inputs.push_back(c);

  Engine engine;
  auto run = engine.check(options);
  bool unreadable = !run.rules_ok;
  for (const auto& d : run.diagnostics.items())
    if (d.code == DiagCode::E0501) unreadable = true;
  if (unreadable) {
    for (const auto& d : run.diagnostics.items())
      if (!run.rules_ok || d.code == DiagCode::E0501) report::write_diagnostic(std::cerr, d, engine.sources());
    return kExitError;
  }
  const record::Record* the_pathway = nullptr;
  const record::Record* the_transcript = nullptr;
  std::string transcript_path = fs::path(*transcript).lexically_normal().string();
  for (const auto& r : engine.records()) {
    const std::string& path = fs::path(engine.sources().file(r.file).path()).lexically_normal().string();
    if (!the_transcript && r.kind == "transcript" && path == transcript_path) the_transcript = &r;
    if (!the_pathway && r.kind == "pathway" &&
        (pathway_file ? path == fs::path(*pathway).lexically_normal().string() : r.id == *pathway))
      the_pathway = &r;
  }
  if (!the_transcript) {
    std::cerr << fmt::format("cadre stack: error[E0501]: `{}` holds no `kind: transcript` record\n", *transcript);
    return kExitError;
  }
  if (!the_pathway) {
    std::cerr << fmt::format("cadre stack: error[E0501]: no pathway `{}` (give its file, or a catalogue that holds it)\n", *pathway);
    return kExitError;
  }
  auto result = stack::assess(*the_pathway, *the_transcript, engine.records(), run.findings, options.lang);

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (auto path = parsed.get("output")) {
    file.open(*path, std::ios::binary);
    if (!file) {
      std::cerr << fmt::format("cadre stack: error[E0501]: cannot write `{}`\n", *path);
      return kExitError;
    }
    out = &file;
  }
  if (format == "json") write_json(*out, result, run, engine.sources());
  else write_text(*out, result, engine.sources(), options.lang == "fr");
  return result.verdict == stack::Verdict::Eligible ? kExitClean : kExitFindings;
}

}  // namespace cadre::cli
