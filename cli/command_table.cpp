// SPDX-License-Identifier: Apache-2.0
// Every command of `cadre`, with its options: the one place the command line is declared.
// `--help`, the usage lines of errors, the man page (help2man runs `cadre --help` and
// `cadre COMMAND --help`) and the check of docs/cli.md (tests/cli_docs_test.cpp) all read
// this table.
//
// To add a command (`cadre serve`, `cadre schema`, ...):
//   1. write `int run_NAME(const ParsedArgs&)` in cli/NAME_command.cpp and declare it in
//      cli/commands.hpp (it reads its options with args.get("name") / args.all("name"),
//      its arguments in args.positionals; a usage error is `return usage_error(...)`);
//   2. add a CommandSpec below: name, the synopsis of its arguments with their minimum and
//      maximum count, a one-line summary, its options (`{"out", 'o', "DIR", "help", ...}`:
//      long name, short letter or 0, value placeholder or "" for a flag, help, repeatable,
//      enumerated values), and `run_NAME`;
//   3. document it in docs/cli.md: a `## \`cadre NAME\`` section whose option table names
//      every option (the test fails otherwise), and list it in the synopsis at the top.
#include "cli/command_line.hpp"
#include "cli/commands.hpp"

namespace cadre::cli {

namespace {

OptionSpec rules_option() { return {"rules", 0, "PACK", "the rule pack: an id, a pack directory or a .cadre file (default dfcu-2023)"}; }
OptionSpec lang_option() { return {"lang", 0, "LANG", "language of messages (default fr)", false, {"fr", "en"}}; }
OptionSpec as_of_option() {
  return {"as-of", 0, "DATE", "judge by the rules in force on that day, YYYY-MM-DD (default today, Europe/Paris)"};
}
OptionSpec threads_option() { return {"threads", 0, "N", "files checked in parallel (default one per core)"}; }
OptionSpec waivers_option() { return {"waivers", 0, "FILE", "a `kind: waivers` file of justified, expiring exceptions", true}; }
OptionSpec config_option() {
  return {"config", 0, "FILE", "the project configuration (default: cadre.yaml or .cadre.yaml, searched upwards)"};
}
OptionSpec no_config_option() { return {"no-config", 0, "", "read no project configuration"}; }
OptionSpec trust_option() { return {"trust", 0, "FILE", "a trust list: who signs which credentials", true}; }
OptionSpec status_list_option() { return {"status-list", 0, "FILE", "a revocation status list, read offline", true}; }

std::vector<CommandSpec> build() {
  std::vector<CommandSpec> all;
  all.push_back({"check", "[PATH...]", 0, static_cast<std::size_t>(-1),
                 "check course, certificate, session and other records against a rule pack",
                 {rules_option(),
                  {"format", 'f', "FORMAT", "a report format", true, check_formats()},
                  {"output", 'o', "FILE", "write the preceding format's report to FILE instead of standard output", true},
                  lang_option(),
                  {"fail-on", 0, "LEVEL", "the lowest severity that makes the exit code 1 (default error)", false,
                   {"error", "warning", "info", "none"}},
                  as_of_option(), threads_option(), waivers_option(),
                  {"rules-url", 0, "URL", "base of the rule pages linked from SARIF and Markdown reports"},
                  {"color", 0, "WHEN", "colour the text report (default auto: on a terminal, unless NO_COLOR is set)", false,
                   {"auto", "always", "never"}},
                  {"exclude", 0, "GLOB", "leave out of folder walks what the glob matches", true},
                  {"no-gitignore", 0, "", "walk files that git ignores too"},
                  {"stdin-filename", 0, "NAME", "the name shown for `-` (standard input); its extension says JSON or YAML"},
                  {"quiet", 'q', "", "write no report on standard output: the exit code says it all"},
                  {"verbose", 'v', "", "list the files a folder walk skipped"},
                  config_option(), no_config_option()},
                 run_check, ""});
  all.push_back({"stack", "", 0, 0, "does a transcript stack into a pathway? (--pathway, --transcript, --catalog)",
                 {{"pathway", 0, "ID_OR_FILE", "the pathway: its id in the catalogue, or its file"},
                  {"transcript", 0, "FILE", "one trainee's transcript"},
                  {"transcripts", 0, "FILE.jsonl", "a cohort: one transcript per line (JSON Lines)"},
                  {"catalog", 0, "DIR", "the catalogue of courses and pathways", true},
                  {"exceptions", 0, "FILE", "the registrar's `kind: exceptions` records", true},
                  waivers_option(), rules_option(),
                  {"format", 'f', "FORMAT", "the report format (jsonl for a cohort)", false, {"text", "json", "html", "jsonl"}},
                  {"output", 'o', "FILE", "write the report to FILE instead of standard output"},
                  {"summary", 0, "FILE", "a cohort's summary, as JSON"},
                  trust_option(), status_list_option(),
                  {"require-verified", 0, "", "count only certificates whose proof is verified and trusted"},
                  lang_option(), as_of_option(), threads_option(), config_option(), no_config_option()},
                 run_stack, ""});
  all.push_back({"verify", "FILE...", 1, static_cast<std::size_t>(-1),
                 "is each credential authentic and issued by the consortium? (--trust, --status-list)",
                 {trust_option(), status_list_option(),
                  {"format", 'f', "FORMAT", "the report format", false, {"text", "json"}},
                  rules_option(), as_of_option(), config_option(), no_config_option()},
                 run_verify, ""});
  all.push_back({"serve", "", 0, 0,
                 "a local web page for registrars: jury sheets and proposal checks (--listen, --catalog)",
                 {{"listen", 0, "ADDR:PORT", "where to listen (default 127.0.0.1:8080; port 0 picks a free one)"},
                  {"catalog", 0, "DIR", "a catalogue folder of courses and pathways, loaded once at start", true},
                  rules_option(), trust_option(),
                  {"exceptions", 0, "FILE", "a `kind: exceptions` file of the jury's approved exceptions", true},
                  waivers_option(), lang_option(),
                  {"token", 0, "FILE", "a shared secret, required to listen on anything but loopback"},
                  {"max-body", 0, "BYTES", "the largest request body (default 20 MiB): larger gets 413"},
                  {"deadline", 0, "SECONDS", "the time a request may take (default 10): past it, 503"},
                  {"max-concurrent", 0, "N", "requests handled at once: more get 503"},
                  as_of_option(), config_option(), no_config_option()},
                 run_serve, ""});
  all.push_back({"audit", "PATH...", 0, static_cast<std::size_t>(-1),
                 "Qualiopi evidence pack for auditors (--out DIR); `audit verify DIR` re-checks one",
                 {{"out", 'o', "DIR", "the folder of the evidence pack"},
                  as_of_option(), rules_option(), lang_option(), waivers_option(),
                  {"provider", 0, "NAME", "one university's pack (Qualiopi certifies each provider)"},
                  {"fail-on", 0, "LEVEL", "exit 1 when an indicator has a shortfall (default none)", false, {"shortfall", "none"}},
                  {"timestamp", 0, "", "write the time of the run into the pack"},
                  threads_option(), config_option(), no_config_option()},
                 run_audit, "       cadre audit verify DIR [--lang fr|en]\n"});
  all.push_back({"rules", "SUBCOMMAND [ARG...]", 1, static_cast<std::size_t>(-1),
                 "list, show RULE-ID, qualiopi (indicator coverage) or doc PACK... (Markdown pages)",
                 {rules_option(), lang_option(), as_of_option(),
                  {"out", 'o', "DIR", "where `rules doc` writes its pages (default docs/rules)"},
                  config_option(), no_config_option()},
                 run_rules,
                 "       cadre rules list|qualiopi [--rules PACK] [--lang fr|en] [--as-of DATE]\n"
                 "       cadre rules show RULE-ID [--rules PACK]\n"
                 "       cadre rules doc [--out DIR] PACK...\n"});
  all.push_back({"test", "[PACK...]", 0, static_cast<std::size_t>(-1),
                 "run the rule packs' own tests and report per-rule coverage", {}, run_test, ""});
  all.push_back({"lint", "PACK", 1, 1, "static checks of a pack: impossible or vacuous requirements, style", {}, run_lint, ""});
  all.push_back({"schema", "", 0, 0, "write the JSON Schemas of the record kinds, for editors (docs/editors.md)",
                 {rules_option(), {"out", 'o', "DIR", "the folder to write them to (without it, their names are listed)"},
                  {"lang", 0, "LANG", "language of the field descriptions (default fr)", false, {"fr", "en"}},
                  config_option(), no_config_option()},
                 run_schema, ""});
  all.push_back({"parse", "FILE.cadre", 1, 1, "print the syntax tree of a rule file", {}, run_parse, ""});
  all.push_back({"explain", "[CODE]", 0, 1, "describe a diagnostic code (all codes without an argument)", {}, run_explain, ""});
  all.push_back({"init", "", 0, 0, "write a commented starter cadre.yaml here (never over an existing one)", {}, run_init, ""});
  all.push_back({"version", "", 0, 0, "print the version", {}, run_version, ""});
  return all;
}

}  // namespace

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> table = build();
  return table;
}

}  // namespace cadre::cli
