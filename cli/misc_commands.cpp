// SPDX-License-Identifier: Apache-2.0
// `cadre parse FILE` (the AST, for rule authors and golden tests) and `cadre explain CODE`.
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "engine/base/fuzzy.hpp"
#include "dsl/ast_printer.hpp"
#include "dsl/parse.hpp"
#include "engine/engine.hpp"
#include "engine/report/writers.hpp"

namespace cadre::cli {

int run_parse(const ParsedArgs& parsed) {
  const auto& args = parsed.positionals;
  std::ifstream in(args[0], std::ios::binary);
  if (!in) {
    std::cerr << fmt::format("{}: error[E0501]: cannot read this file\n", args[0]);
    return kExitError;
  }
  std::stringstream text;
  text << in.rdbuf();
  SourceManager sources;
  Diagnostics diagnostics;
  ast::NodeId next_id = 1;
  FileId id = sources.add(args[0], text.str());
  auto module = dsl::parse(sources, id, diagnostics, next_id);
  diagnostics.sort(sources);
  for (const auto& d : diagnostics.items()) report::write_diagnostic(std::cerr, d, sources);
  if (module) std::cout << dsl::print_module(*module, &sources);
  return diagnostics.has_errors() ? kExitError : kExitClean;
}

int run_lint(const ParsedArgs& parsed) {
  const auto& args = parsed.positionals;
  Engine engine;
  CheckOptions options;
  options.rules = args[0];
  Diagnostics diagnostics;
  engine.lint(options, diagnostics);
  for (const auto& d : diagnostics.items()) report::write_diagnostic(std::cout, d, engine.sources());
  if (diagnostics.has_errors()) return kExitError;
  std::size_t warnings = 0, infos = 0;
  for (const auto& d : diagnostics.items()) (d.severity == Severity::Warning ? warnings : infos)++;
  std::cout << fmt::format("{}: {} warning{}, {} info\n", args[0], warnings, warnings == 1 ? "" : "s", infos);
  return warnings == 0 ? kExitClean : kExitFindings;
}

int run_explain(const ParsedArgs& parsed) {
  const auto& args = parsed.positionals;
  if (args.empty()) {
    for (auto code : all_diag_codes()) {
      const auto& info = diag_info(code);
      std::cout << fmt::format("{}  {:<8} {:<22} {}\n", info.code, severity_name(info.severity), info.slug, info.summary);
    }
    return kExitClean;
  }
  for (auto code : all_diag_codes()) {
    const auto& info = diag_info(code);
    if (args[0] == info.code) {
      std::cout << fmt::format("{} ({}, {}): {}\n", info.code, info.slug, severity_name(info.severity), info.summary);
      return kExitClean;
    }
  }
  std::vector<std::string> codes;
  for (auto code : all_diag_codes()) codes.push_back(diag_info(code).code);
  auto best = closest_name(args[0], codes);
  std::cerr << fmt::format("cadre explain: error[E0502]: unknown diagnostic code `{}`{}\n", args[0],
                           best ? fmt::format(" (did you mean `{}`?)", *best) : "");
  return kExitError;
}

int run_version(const ParsedArgs&) {
  std::cout << "cadre " << kVersion << "\n";
  return kExitClean;
}

}  // namespace cadre::cli
