// SPDX-License-Identifier: Apache-2.0
// The command line (issue 15): --help on every command and its agreement with docs/cli.md,
// short flags, enumerated values, NO_COLOR and --color, standard input, "did you mean".
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

#include "cli/command_line.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre::testing;

namespace {

std::set<std::string> long_options(const std::string& text) {
  std::set<std::string> out;
  std::regex option("--([a-z][a-z-]*)");
  for (std::sregex_iterator it(text.begin(), text.end(), option), end; it != end; ++it) out.insert((*it)[1]);
  return out;
}

/// The section `## \`cadre NAME\`` of docs/cli.md, up to the next `## `.
std::string docs_section(const std::string& docs, const std::string& name) {
  std::string head = "\n## `cadre " + name + "`";
  auto at = docs.find(head);
  if (at == std::string::npos) return {};
  auto end = docs.find("\n## ", at + head.size());
  return docs.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

/// Options named in the first column of the section's option tables (`| \`--x VALUE\` |`).
std::set<std::string> documented_options(const std::string& section) {
  std::set<std::string> out;
  std::regex row("\n\\| `-(?:[a-z], -)?-([a-z][a-z-]*)");
  for (std::sregex_iterator it(section.begin(), section.end(), row), end; it != end; ++it) out.insert((*it)[1]);
  return out;
}

}  // namespace

TEST_CASE("cli: --help works on every command, and docs/cli.md documents exactly the parser's options", "[cli]") {
  std::string docs = read_file(source_dir() + "/docs/cli.md");
  auto top = run_cadre("--help");
  CHECK(top.exit_code == 0);
  REQUIRE(cadre::cli::commands().size() >= 10);
  for (const auto& command : cadre::cli::commands()) {
    INFO("cadre " << command.name << " --help");
    CHECK(top.out.find("\n  " + command.name) != std::string::npos);
    auto help = run_cadre(command.name + " --help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.rfind("usage: cadre " + command.name, 0) == 0);
    CHECK(run_cadre(command.name + " -h").out == help.out);
    std::string section = docs_section(docs, command.name);
    REQUIRE(!section.empty());
    std::set<std::string> parser;
    for (const auto& o : command.options) parser.insert(o.name);
    auto in_help = long_options(help.out.substr(help.out.find("\noptions:")));
    in_help.erase("help");
    CHECK(in_help == parser);
    // Every option has a row in the section's option table, and every row is an option.
    if (!parser.empty()) CHECK(documented_options(section) == parser);
    if (parser.empty()) CHECK(documented_options(section).empty());
  }
}

TEST_CASE("cli: --version prints the version and a newline", "[cli]") {
  for (const char* form : {"--version", "-V", "version"}) {
    auto r = run_cadre(form);
    CHECK(r.exit_code == 0);
    CHECK(std::regex_match(r.out, std::regex("cadre [0-9]+\\.[0-9]+\\.[0-9]+\n")));
  }
}

TEST_CASE("cli: enumerated values are checked, with a suggestion", "[cli]") {
  auto purple = run_cadre("check --color purple fixtures/courses/valid");
  CHECK(purple.exit_code == 2);
  CHECK(purple.err.find("`purple` is not a value of `--color` (auto, always, never)") != std::string::npos);
  CHECK(purple.out.empty());
  auto typo = run_cadre("check --format sarf fixtures/courses/valid");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("did you mean `sarif`?") != std::string::npos);
  CHECK(run_cadre("stack --format pdf --pathway P --transcript t.yaml").exit_code == 2);
  CHECK(run_cadre("audit --fail-on warning --out /tmp/x fixtures/courses/valid").exit_code == 2);
}

TEST_CASE("cli: did you mean, for commands, options, rule ids, subcommands and diagnostic codes", "[cli]") {
  auto command = run_cadre("chek fixtures/courses");
  CHECK(command.exit_code == 2);
  CHECK(command.err.find("unknown command `chek` (did you mean `check`?)") != std::string::npos);
  auto option = run_cadre("check --fromat json fixtures/courses/valid");
  CHECK(option.exit_code == 2);
  CHECK(option.err.find("unknown option `--fromat` (did you mean `--format`?)") != std::string::npos);
  auto rule = run_cadre("rules show DFCU-6.1-mandatroy");
  CHECK(rule.exit_code == 2);
  CHECK(rule.err.find("did you mean `DFCU-6.1-mandatory`?") != std::string::npos);
  auto sub = run_cadre("rules lsit");
  CHECK(sub.exit_code == 2);
  CHECK(sub.err.find("did you mean `list`?") != std::string::npos);
  auto code = run_cadre("explain E0210x");
  CHECK(code.exit_code == 2);
  CHECK(code.err.find("did you mean") != std::string::npos);
  auto pack = run_cadre("check --rules dfcu-2032 fixtures/courses/valid");
  CHECK(pack.exit_code == 2);
  CHECK(pack.out.find("did you mean `dfcu-2023`?") != std::string::npos);
  auto pathway = run_cadre("stack --pathway DIU-SKT --transcript fixtures/stack/missing-course.yaml "
                           "--catalog fixtures/stack/catalog --catalog fixtures/stack/pathway.yaml --as-of 2025-06-01");
  CHECK(pathway.exit_code == 2);
  CHECK(pathway.err.find("no pathway `DIU-SKT` (give its file, or a catalogue that holds it); did you mean `DIU-STK`?") !=
        std::string::npos);
}

TEST_CASE("cli: short flags -f, -o, -q and --quiet", "[cli]") {
  auto json = run_cadre("check -f json --as-of 2025-06-01 fixtures/courses/valid/distance-complete.yaml");
  CHECK(json.exit_code == 0);
  CHECK(json.out.rfind("{", 0) == 0);
  auto quiet = run_cadre("check -q --as-of 2025-06-01 fixtures/courses/invalid/mandatory-missing-resit.yaml");
  CHECK(quiet.exit_code == 1);
  CHECK(quiet.out.empty());
  CHECK(run_cadre("check --quiet --as-of 2025-06-01 fixtures/courses/valid/distance-complete.yaml").out.empty());
  CHECK(run_cadre("check -q -q fixtures/courses/valid").exit_code == 2);  // given twice
}

TEST_CASE("cli: `-` reads standard input, positioned under --stdin-filename", "[cli]") {
  auto r = run_cadre("check --as-of 2025-06-01 --lang en --stdin-filename proposal.yaml - "
                     "< fixtures/courses/invalid/mandatory-missing-resit.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("proposal.yaml:37:1: error[DFCU-6.1-mandatory]") != std::string::npos);
  auto unnamed = run_cadre("check --as-of 2025-06-01 --lang en - < fixtures/courses/valid/distance-complete.yaml");
  CHECK(unnamed.exit_code == 0);
  CHECK(unnamed.out.find("checked 1 record") != std::string::npos);
  CHECK(run_cadre("check --stdin-filename x.yaml fixtures/courses/valid").exit_code == 2);
}

TEST_CASE("cli: NO_COLOR and --color decide colour", "[cli]") {
  cadre::cli::ParsedArgs args;
  ::unsetenv("NO_COLOR");
  CHECK(cadre::cli::use_color(args, true));
  CHECK_FALSE(cadre::cli::use_color(args, false));
  ::setenv("NO_COLOR", "1", 1);
  CHECK_FALSE(cadre::cli::use_color(args, true));
  args.flags["color"] = {"always"};
  CHECK(cadre::cli::use_color(args, false));  // an explicit --color wins over NO_COLOR
  args.flags["color"] = {"never"};
  ::unsetenv("NO_COLOR");
  CHECK_FALSE(cadre::cli::use_color(args, true));
  auto always = run_cadre("check --color always --as-of 2025-06-01 fixtures/courses/invalid/mandatory-missing-resit.yaml");
  CHECK(always.out.find("\x1b[") != std::string::npos);
  auto never = run_cadre("check --color never --as-of 2025-06-01 fixtures/courses/invalid/mandatory-missing-resit.yaml");
  CHECK(never.out.find("\x1b[") == std::string::npos);
}

TEST_CASE("cli: options keep their command-line order, and --x=VALUE is the same as --x VALUE", "[cli]") {
  const auto* check = cadre::cli::find_command("check");
  REQUIRE(check);
  auto parsed = cadre::cli::parse_command_line(*check, {"--format=json", "-o", "a.json", "-f", "sarif", "--output", "b", "x"});
  REQUIRE(parsed.error.empty());
  std::vector<std::pair<std::string, std::string>> expected = {
      {"format", "json"}, {"output", "a.json"}, {"format", "sarif"}, {"output", "b"}};
  CHECK(parsed.ordered == expected);
  CHECK(parsed.positionals == std::vector<std::string>{"x"});
  CHECK(cadre::cli::parse_command_line(*check, {"--lang", "fr", "--lang", "en"}).error.find("more than once") !=
        std::string::npos);
  CHECK(cadre::cli::parse_command_line(*check, {"--", "--weird-file-name.yaml"}).positionals ==
        std::vector<std::string>{"--weird-file-name.yaml"});
}

TEST_CASE("cli: the man page written at build time documents every command", "[cli]") {
  std::string man = std::filesystem::path(CADRE_BINARY).replace_filename("cadre.1").string();
  if (!std::filesystem::exists(man)) {
    WARN("no man page beside the binary: help2man is not installed (.ci/setup installs it)");
    return;
  }
  std::string page = read_file(man);
  CHECK(page.find(".TH CADRE \"1\"") != std::string::npos);
  for (const auto& command : cadre::cli::commands())
    CHECK(page.find(".SS \"cadre " + command.name + "\"") != std::string::npos);
  CHECK(page.find("NO_COLOR") != std::string::npos);
}
