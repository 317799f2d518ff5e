// SPDX-License-Identifier: Apache-2.0
// `cadre audit --out DIR PATH...`: a Qualiopi evidence pack for auditors; `cadre audit verify
// DIR`: is a pack still what its inputs give? See docs/audit.md.
#include <cstdlib>
#include <ctime>
#include <iostream>

#include <filesystem>

#include <fmt/format.h>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/version.hpp"
#include "engine/audit/audit.hpp"
#include "engine/audit/output_dir.hpp"
#include "engine/audit/verify.hpp"
#include "engine/base/locale_format.hpp"
#include "engine/report/markup.hpp"
#include "engine/report/writers.hpp"

namespace cadre::cli {

namespace fs = std::filesystem;

namespace {


int usage(const std::string& message) { return usage_error(*find_command("audit"), message); }

std::string numbers(const std::vector<int>& items) {
  std::string out;
  for (int i : items) out += (out.empty() ? "" : ", ") + std::to_string(i);
  return out;
}

void print_diagnostics(const Diagnostics& diagnostics, const Engine* engine) {
  if (!engine) return;
  for (const auto& d : diagnostics.items()) report::write_diagnostic(std::cerr, d, engine->sources());
}

// "15 preuves réunies, 5 écarts, ..." / "15 evidenced, 5 shortfall, ...".
std::string counts_text(const audit::Evidence& e) {
  bool fr = e.lang == "fr";
  auto c = e.counts();
  auto plural = [&](std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); };
  if (fr)
    return fmt::format("{}, {}, {}, {}", plural(c[0], "preuves réunies", "preuves réunies"), plural(c[1], "écart", "écarts"),
                       plural(c[2], "non applicable", "non applicables"),
                       plural(c[3], "non vérifié par le logiciel", "non vérifiés par le logiciel"));
  return fmt::format("{} evidenced, {} shortfall, {} not applicable, {} not checked by software", c[0], c[1], c[2], c[3]);
}

int verify(const ParsedArgs& parsed, const std::string& lang) {
  if (parsed.has("out") || parsed.has("as-of") || parsed.has("rules") || parsed.has("fail-on") || parsed.has("timestamp") ||
      parsed.has("waivers"))
    return usage("`audit verify` takes its options from the pack's manifest: give only DIR (and --lang)");
  if (parsed.positionals.size() != 2) return usage("`audit verify` takes one directory, the evidence pack");
  const std::string& dir = parsed.positionals[1];
  bool fr = lang == "fr";
  auto result = audit::verify_pack(dir, kVersion, {}, lang);
  if (!result.readable) {
    std::cerr << fmt::format("cadre audit: error[E0501]: {}\n", result.error);
    return kExitError;
  }
  if (!result.rerun.complete) print_diagnostics(result.rerun.diagnostics, result.rerun.engine.get());
  if (result.differences.empty()) {
    std::cout << locale::typography(fmt::format(fmt::runtime(fr ? "{} : identique — {} entrées, {} packs de règles et {} fichiers du dossier ont "
                                               "les empreintes du manifeste, et l'audit refait donne les mêmes octets\n"
                                             : "{}: identical — {} inputs, {} rule packs and {} pack files have the manifest's "
                                               "SHA-256, and re-running the audit gives the same bytes\n"),
                             dir, result.inputs, result.packs, result.outputs), lang);
    return kExitClean;
  }
  // File names and reasons come from the pack's manifest, which the auditor may have been sent.
  for (const auto& d : result.differences)
    std::cout << locale::typography(
        fmt::format("{}{}{}\n", report::terminal_safe(d.file), fr ? " : " : ": ", report::terminal_safe(d.what)), lang);
  std::size_t n = result.differences.size();
  std::cout << locale::typography(fmt::format(fmt::runtime(fr ? "{} : {} {}\n" : "{}: {} {}\n"), dir, n,
                           fr ? (n == 1 ? "différence" : "différences") : (n == 1 ? "difference" : "differences")), lang);
  return kExitFindings;
}

}  // namespace

int run_audit(const ParsedArgs& parsed) {
  std::string lang = parsed.get("lang").value_or("fr");
  if (!parsed.positionals.empty() && parsed.positionals[0] == "verify" && !parsed.has("out")) return verify(parsed, lang);

  auto out = parsed.get("out");
  if (!out || out->empty()) return usage("where should the pack go? give --out DIR");
  if (parsed.positionals.empty()) return usage("no course, session or certificate file or directory to audit");
  std::string fail_on = parsed.get("fail-on").value_or("none");
  audit::AuditOptions options;
  options.paths = parsed.positionals;
  options.out_dir = *out;
  // A pack written among its own inputs would be read as records by the next run (and by
  // `audit verify`), so it could never be reproduced.
  {
    std::error_code ec;
    fs::path target = fs::weakly_canonical(*out, ec);
    for (const auto& input : parsed.positionals) {
      fs::path in = fs::weakly_canonical(input, ec);
      if (ec || !fs::is_directory(in, ec)) continue;
      auto rel = target.lexically_relative(in);
      if (!rel.empty() && *rel.begin() != "..")
        return usage(fmt::format("`{}` is inside the audited directory `{}`: put the pack elsewhere", *out, input));
    }
  }
  options.lang = lang;
  options.tool_version = kVersion;
  if (auto rules = parsed.get("rules")) options.rules = *rules;
  // Waived findings stay in the pack, with their waiver; they are not shortfalls.
  if (parsed.has("waivers")) options.waiver_files = parsed.flags.at("waivers");
  // One university's pack: Qualiopi certifies each provider separately.
  if (auto provider = parsed.get("provider")) {
    if (provider->empty()) return usage("--provider needs a university's name");
    options.provider = *provider;
  }
  if (auto error = read_as_of(parsed, options.as_of); !error.empty()) return usage(error);
  if (auto error = read_threads(parsed, options.threads); !error.empty()) return usage(error);
  // No clock time in the pack unless asked: SOURCE_DATE_EPOCH (reproducible builds), or --timestamp.
  if (parsed.has("timestamp")) {
    options.generated_at = audit::utc_timestamp(std::to_string(static_cast<long long>(std::time(nullptr))));
  } else if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    options.generated_at = audit::utc_timestamp(epoch);
    if (options.generated_at.empty()) return usage(fmt::format("SOURCE_DATE_EPOCH=`{}` is not a number of seconds", epoch));
  }

  auto run = audit::run_audit(options);
  print_diagnostics(run.diagnostics, run.engine.get());
  if (!run.error.empty()) {
    std::cerr << fmt::format("cadre audit: error[E0501]: {}\n", run.error);
    return kExitError;
  }
  if (!run.complete) {
    std::cerr << "cadre audit: error[E0501]: no evidence pack written: the records or the rules have errors (above)\n";
    return kExitError;
  }
  io::InputRegistry inputs;
  inputs.add_all(options.waiver_files, "a waivers file");
  if (run.engine) inputs.add_sources(run.engine->sources(), "a record file");
  std::string error;
  if (!audit::write_pack(*out, run.files, inputs, error)) {
    std::cerr << fmt::format("cadre audit: error[E0501]: {}\n", error);
    return kExitError;
  }
  const auto& e = run.evidence;
  bool fr = lang == "fr";
  std::string files;
  for (const auto& f : run.files) files += (files.empty() ? "" : ", ") + f.name;
  std::string packs;
  for (const auto& p : e.packs) packs += (packs.empty() ? "" : ", ") + p.id + " " + p.version;
  std::vector<int> shortfall;
  for (const auto& i : e.indicators)
    if (i.status == audit::Status::Shortfall) shortfall.push_back(i.number);
  std::cout << locale::typography(fmt::format(fmt::runtime(fr ? "dossier de preuves écrit dans {} : {}\n" : "evidence pack written to {}: {}\n"), *out, files), lang);
  std::cout << locale::typography(fmt::format(fmt::runtime(fr ? "{} indicateurs ({}, au {}) : {}\n" : "{} indicators ({}, as of {}): {}\n"),
                           e.indicators.size(), packs, locale::date(e.as_of, lang), counts_text(e)), lang);
  if (!shortfall.empty())
    std::cout << locale::typography(fmt::format(fmt::runtime(fr ? "indicateurs en écart : {}\n" : "indicators with a shortfall: {}\n"), numbers(shortfall)), lang);
  return fail_on == "shortfall" && !shortfall.empty() ? kExitFindings : kExitClean;
}

}  // namespace cadre::cli
