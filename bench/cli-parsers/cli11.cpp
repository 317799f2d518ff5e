// SPDX-License-Identifier: Apache-2.0
#include <CLI/CLI.hpp>
#include <iostream>
int main(int argc, char** argv) {
  CLI::App app("cadre");
  app.require_subcommand(1);
  auto* check = app.add_subcommand("check", "check records");
  std::vector<std::string> formats, outputs, waivers, paths;
  std::string rules = "dfcu-2023", lang = "fr", color = "auto";
  bool quiet = false;
  check->add_option("-f,--format", formats)->check(CLI::IsMember({"text", "json", "sarif", "junit", "github", "markdown"}));
  check->add_option("-o,--output", outputs);
  check->add_option("--rules", rules);
  check->add_option("--lang", lang)->check(CLI::IsMember({"fr", "en"}));
  check->add_option("--color", color)->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_option("--waivers", waivers);
  check->add_flag("-q,--quiet", quiet);
  check->add_option("paths", paths);
  CLI11_PARSE(app, argc, argv);
  std::cout << paths.size() << formats.size() << quiet << "\n";
}
