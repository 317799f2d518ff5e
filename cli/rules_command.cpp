// SPDX-License-Identifier: Apache-2.0
// `cadre rules list|show ID|qualiopi|doc`: what the packs contain, for people.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "engine/base/fuzzy.hpp"
#include "cli/options.hpp"
#include "engine/engine.hpp"
#include "engine/io/owned_folder.hpp"
#include "engine/report/rule_docs.hpp"
#include "engine/report/writers.hpp"

namespace cadre::cli {

namespace {

namespace fs = std::filesystem;


int usage(const std::string& message) { return usage_error(*find_command("rules"), message); }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string numbers(const std::vector<int>& items) {
  std::string out;
  for (int i : items) out += (out.empty() ? "" : ", ") + std::to_string(i);
  return out;
}

// Loads the catalogue or prints why it cannot.
bool load(Engine& engine, const CheckOptions& options, catalog::Catalog& out) {
  Diagnostics diagnostics;
  out = engine.describe(options, diagnostics);
  diagnostics.sort(engine.sources());
  for (const auto& d : diagnostics.items()) report::write_diagnostic(std::cerr, d, engine.sources());
  return !diagnostics.has_errors();
}

int list(const catalog::Catalog& c, const std::string& lang) {
  bool fr = lang == "fr";
  std::string packs;
  for (const auto& p : c.packs) packs += (packs.empty() ? "" : ", ") + p.id + " " + p.version;
  std::cout << fmt::format("{} ({} {})\n", packs, fr ? "au" : "as of", c.as_of);
  std::size_t width = 0;
  for (const auto& r : c.rules) width = std::max(width, r.decl->id.size());
  for (const auto& r : c.rules) {
    if (!r.decl->checked) continue;
    const auto& d = *r.decl;
    std::string state = r.disabled ? fmt::format(" [{} {}]", fr ? "désactivée par" : "disabled by", r.disabled_by)
                        : !r.in_force ? (fr ? " [pas en vigueur]" : " [not in force]")
                                      : "";
    std::cout << fmt::format("{:<{}}  {:<7}  {}{}\n", d.id, width, severity_name(d.severity), ast::text_in(d.titles, lang), state);
    std::cout << fmt::format("{:<{}}           {} {} · Qualiopi {}\n", "", width, fr ? "cite" : "cites",
                             d.citations.empty() ? "-" : joined(d.citations), d.qualiopi.empty() ? "-" : numbers(d.qualiopi));
  }
  bool header = false;
  for (const auto& r : c.rules) {
    if (r.decl->checked) continue;
    if (!header) std::cout << (fr ? "\nnon vérifié par le logiciel :\n" : "\nnot checked by software:\n");
    header = true;
    std::cout << fmt::format("{:<{}}  {} ({})\n{:<{}}  {}\n", r.decl->id, width, ast::text_in(r.decl->titles, lang),
                             joined(r.decl->citations), "", width, ast::text_in(r.decl->because, lang));
  }
  return kExitClean;
}

int show(const catalog::Catalog& c, const Engine& engine, const std::string& id, const std::string& lang) {
  const auto* r = c.find(id);
  if (!r) {
    std::vector<std::string> ids;
    for (const auto& e : c.rules) ids.push_back(e.decl->id);
    auto best = closest_name(id, ids);
    std::cerr << fmt::format("cadre rules: error[E0108]: no rule `{}` in these packs{}\n", id,
                             best ? fmt::format(" (did you mean `{}`?)", *best) : "");
    return kExitError;
  }
  std::cout << report::rule_page(*r, c, engine.sources());
  (void)lang;
  return kExitClean;
}

int qualiopi(const catalog::Catalog& c, const std::string& lang) {
  bool fr = lang == "fr";
  if (c.indicators.empty()) {
    std::cout << (fr ? "aucun indicateur déclaré\n" : "no indicator is declared\n");
    return kExitClean;
  }
  std::vector<int> uncovered;
  for (const auto& i : c.indicators) {
    std::cout << fmt::format("{:>2}  {}\n", i.number, ast::text_in(i.titles, lang));
    if (!i.rules.empty()) std::cout << fmt::format("    {} {}\n", fr ? "règles :" : "rules:", joined(i.rules));
    if (!i.unchecked.empty())
      std::cout << fmt::format("    {} {}\n", fr ? "non vérifié par le logiciel :" : "not checked by software:", joined(i.unchecked));
    if (i.rules.empty()) uncovered.push_back(i.number);
  }
  std::cout << fmt::format("{} {}/{} ; {} {}\n", fr ? "indicateurs couverts par une règle :" : "indicators covered by a rule:",
                           c.indicators.size() - uncovered.size(), c.indicators.size(),
                           fr ? "sans règle :" : "no rule:", uncovered.empty() ? "-" : numbers(uncovered));
  return kExitClean;
}

// The folder `rules doc` fills: it lists the pages it wrote, so that a later run replaces
// those and nothing else (engine/io/owned_folder.hpp).
constexpr const char* kDocManifest = "manifest.json";

std::optional<std::vector<std::string>> doc_manifest_files(const std::string& text) {
  return io::files_of_tool_manifest(text, "cadre rules doc");
}

int doc(const ParsedArgs& parsed) {
  std::string out_dir = parsed.get("out").value_or("docs/rules");
  if (parsed.positionals.size() < 2) return usage("`rules doc` takes the packs to document");
  std::vector<io::FolderFile> files;
  io::InputRegistry inputs;
  std::string index = std::string(report::kGeneratedMarker) +
                      "\n\n# Rules\n\nOne page per rule of the bundled packs, written by `cadre rules doc`. "
                      "A test fails when these pages are out of date.\n\n";
  for (std::size_t i = 1; i < parsed.positionals.size(); ++i) {
    Engine engine;
    CheckOptions options;
    options.rules = parsed.positionals[i];
    options.as_of = *parse_date("2100-01-01");  // unless --as-of: documents describe every rule, in force or not
    if (auto error = read_as_of(parsed, options.as_of); !error.empty()) return usage(error);
    catalog::Catalog c;
    if (!load(engine, options, c)) return kExitError;
    inputs.add_sources(engine.sources(), "a rule file");
    std::string own = c.packs.empty() ? std::string{} : c.packs.back().id;
    for (const auto& r : c.rules) {
      if (r.pack_id != own) continue;
      files.push_back({r.decl->id + ".md", report::rule_page(r, c, engine.sources())});
    }
    index += report::pack_index_section(c, own);
    std::string schema = report::records_section(c, own);
    if (!schema.empty()) {
      std::string name = "records-" + own + ".md";
      files.push_back({name, std::string(report::kGeneratedMarker) + "\n\n# Record schemas of `" + own + "`\n\n" +
                                 "Every field of the records this pack declares, from its `.cadre` schemas. "
                                 "See [records.md](../records.md) for how files are read.\n\n" +
                                 schema});
      index += fmt::format("Record schemas: [{}]({}).\n\n", name, name);
    }
  }
  files.push_back({"README.md", index});
  nlohmann::ordered_json manifest;
  manifest["tool"] = "cadre rules doc";
  manifest["files"] = nlohmann::json::array();
  std::set<std::string> names;
  for (const auto& f : files) names.insert(f.name);
  for (const auto& n : names) manifest["files"].push_back(n);
  files.push_back({kDocManifest, manifest.dump(2) + "\n"});
  io::FolderPolicy policy{"cadre rules doc", kDocManifest, doc_manifest_files};
  std::string error;
  if (!io::write_owned_folder(out_dir, policy, files, inputs, error)) {
    std::cerr << fmt::format("cadre rules: error[E0501]: {}\n", error);
    return kExitError;
  }
  std::cout << fmt::format("wrote {} pages to {}\n", names.size(), out_dir);
  return kExitClean;
}

}  // namespace

int run_rules(const ParsedArgs& parsed) {
  const std::string& sub = parsed.positionals[0];
  static const std::vector<std::string> kSubcommands = {"list", "show", "qualiopi", "doc"};
  if (std::find(kSubcommands.begin(), kSubcommands.end(), sub) == kSubcommands.end()) {
    auto best = closest_name(sub, kSubcommands);
    return usage(fmt::format("unknown `rules {}`{}", sub, best ? fmt::format(" (did you mean `{}`?)", *best) : ""));
  }
  if (sub == "doc") return doc(parsed);
  std::string lang = parsed.get("lang").value_or("fr");
  CheckOptions options;
  if (auto rules = parsed.get("rules")) options.rules = *rules;
  if (auto error = read_as_of(parsed, options.as_of); !error.empty()) return usage(error);
  Engine engine;
  catalog::Catalog c;
  if (!load(engine, options, c)) return kExitError;
  if (sub == "list" && parsed.positionals.size() == 1) return list(c, lang);
  if (sub == "show" && parsed.positionals.size() == 2) return show(c, engine, parsed.positionals[1], lang);
  if (sub == "qualiopi" && parsed.positionals.size() == 1) return qualiopi(c, lang);
  return usage(fmt::format("unknown `rules {}`", sub));
}

}  // namespace cadre::cli
