// SPDX-License-Identifier: Apache-2.0
// `cadre schema [--rules PACK] [--lang fr|en] [--out DIR]`: the JSON Schemas of the record kinds, for
// editors (docs/editors.md). Without --out, the file names are listed and nothing is written.
#include <iostream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "engine/engine.hpp"
#include "engine/io/owned_folder.hpp"
#include "engine/report/json_schema.hpp"
#include "engine/report/writers.hpp"

namespace cadre::cli {

namespace {


// The folder `schema --out` fills lists what it wrote, so that a later run (a new pack
// version) replaces those files and nothing else (engine/io/owned_folder.hpp).
constexpr const char* kSchemaManifest = "manifest.json";
constexpr const char* kSchemaTool = "cadre schema";

std::optional<std::vector<std::string>> schema_manifest_files(const std::string& text) {
  return io::files_of_tool_manifest(text, kSchemaTool);
}

}  // namespace

int run_schema(const ParsedArgs& parsed) {
  Engine engine;
  CheckOptions options;
  if (auto rules = parsed.get("rules")) options.rules = *rules;
  options.as_of = *parse_date("2100-01-01");  // a schema describes every field, in force or not
  Diagnostics diagnostics;
  catalog::Catalog catalog = engine.describe(options, diagnostics);
  diagnostics.sort(engine.sources());
  for (const auto& d : diagnostics.items()) report::write_diagnostic(std::cerr, d, engine.sources());
  if (diagnostics.has_errors()) return kExitError;
  auto schemas = report::json_schemas(catalog, parsed.get("lang").value_or("fr"));
  if (schemas.empty()) {
    std::cerr << fmt::format("cadre schema: error[E0502]: the pack `{}` declares no record kind\n", options.rules);
    return kExitError;
  }
  auto out_dir = parsed.get("out");
  if (!out_dir) {
    for (const auto& s : schemas) std::cout << s.name << "\n";
    return kExitClean;
  }
  std::vector<io::FolderFile> files;
  nlohmann::ordered_json manifest;
  manifest["tool"] = kSchemaTool;
  manifest["rules"] = options.rules;
  manifest["lang"] = parsed.get("lang").value_or("fr");
  manifest["files"] = nlohmann::json::array();
  for (const auto& s : schemas) {
    files.push_back({s.name, s.text});
    manifest["files"].push_back(s.name);
  }
  files.push_back({kSchemaManifest, manifest.dump(2) + "\n"});
  io::InputRegistry inputs;
  inputs.add_sources(engine.sources(), "a rule file");
  io::FolderPolicy policy{kSchemaTool, kSchemaManifest, schema_manifest_files};
  std::string error;
  if (!io::write_owned_folder(*out_dir, policy, files, inputs, error)) {
    std::cerr << fmt::format("cadre schema: error[E0501]: {}\n", error);
    return kExitError;
  }
  std::cout << fmt::format("wrote {} {} to {}\n", schemas.size(), schemas.size() == 1 ? "schema" : "schemas", *out_dir);
  return kExitClean;
}

}  // namespace cadre::cli
