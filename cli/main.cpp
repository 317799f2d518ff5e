// `cadre`: the command-line front end. Dispatches to a subcommand; no logic of its own.
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/version.hpp"

namespace {

constexpr const char* kUsage =
    "usage: cadre <command> [options]\n"
    "\n"
    "commands:\n"
    "  check PATH...      check course, certificate, session and other records against a rule pack\n"
    "  stack              does a transcript stack into a pathway? (--pathway, --transcript, --catalog)\n"
    "  verify FILE...     is each credential authentic and issued by the consortium? (--trust, --status-list)\n"
    "  audit PATH...      Qualiopi evidence pack for auditors (--out DIR); `audit verify DIR` re-checks one\n"
    "  rules SUBCOMMAND   list, show, qualiopi (indicator coverage) or doc (Markdown pages)\n"
    "  test [PACK...]     run the rule packs' own tests and report per-rule coverage\n"
    "  lint PACK          static checks of a pack: impossible or vacuous requirements, style\n"
    "  parse FILE.cadre   print the syntax tree of a rule file\n"
    "  explain [CODE]     describe a diagnostic code (all codes without an argument)\n"
    "  version            print the version\n"
    "\n"
    "See docs/cli.md, or `cadre check --help`.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // `--no-cache`, accepted by every command: rule files are parsed afresh, the pack cache
  // is neither read nor written (the engine reads CADRE_NO_CACHE, which tests set too).
  for (auto it = args.begin(); it != args.end() && *it != "--";) {
    if (*it != "--no-cache") {
      ++it;
      continue;
    }
    ::setenv("CADRE_NO_CACHE", "1", 1);
    it = args.erase(it);
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? cadre::cli::kExitError : cadre::cli::kExitClean;
  }
  std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "check") return cadre::cli::run_check(args);
    if (command == "parse") return cadre::cli::run_parse(args);
    if (command == "explain") return cadre::cli::run_explain(args);
    if (command == "test") return cadre::cli::run_test(args);
    if (command == "rules") return cadre::cli::run_rules(args);
    if (command == "lint") return cadre::cli::run_lint(args);
    if (command == "stack") return cadre::cli::run_stack(args);
    if (command == "audit") return cadre::cli::run_audit(args);
    if (command == "verify") return cadre::cli::run_verify(args);
    if (command == "version" || command == "--version") {
      std::cout << "cadre " << cadre::cli::kVersion << "\n";
      return cadre::cli::kExitClean;
    }
  } catch (const std::exception& e) {
    // Reaching this is a bug: report it as such rather than dying silently.
    std::cerr << "cadre: internal error: " << e.what() << "\n";
    return cadre::cli::kExitError;
  }
  std::cerr << "cadre: error[E0502]: unknown command `" << command << "`\n" << kUsage;
  return cadre::cli::kExitError;
}
