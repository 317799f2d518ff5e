// SPDX-License-Identifier: Apache-2.0
#include "cli/project_config.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "dsl/parse.hpp"
#include "engine/record/conform.hpp"
#include "engine/record/loader.hpp"
#include "engine/report/writers.hpp"
#include "engine/schema/schema.hpp"

namespace cadre::cli {

namespace {

namespace fs = std::filesystem;

/// The configuration is a record kind of its own, declared in the rule language like the
/// packs' records, so that it is checked with the same positions, types and suggestions.
/// The formats are those `cadre check` writes.
std::string config_schema_text() {
  std::string formats;
  for (const auto& f : check_formats()) formats += (formats.empty() ? "" : ", ") + f;
  return fmt::format(R"SCHEMA(record config "The project configuration of cadre (cadre.yaml)" {{
  paths?: list of string "what `cadre check` checks when no path is given, relative to this file"
  include?: list of string "globs: only the files of folder walks they match are read"
  exclude?: list of string "globs: what folder walks leave out"
  rules?: string "the rule pack: an id, or a pack directory or .cadre file relative to this file"
  waivers?: list of string "waivers files"
  exceptions?: list of string "registrar exceptions files (cadre stack)"
  trust?: list of string "trust lists (cadre verify, cadre stack)"
  as_of?: date "the day records are judged at"
    synonyms "as-of"
  lang?: enum(fr, en) "language of messages"
  fail_on?: enum(error, warning, info, none) "the lowest severity that makes `cadre check` exit 1"
    synonyms "fail-on"
  outputs?: list of output "the reports `cadre check` writes"
}}

type output {{
  format: enum({}) "a report format"
  path?: string "the report's file, relative to this file; none: standard output"
}}
)SCHEMA",
                     formats);
}

std::vector<std::string> texts(const record::Value* list) {
  std::vector<std::string> out;
  if (!list) return out;
  for (const auto& item : list->children) out.push_back(item.text);
  return out;
}

/// A path of the configuration, from the current directory.
std::string from_here(const fs::path& config_dir, const std::string& path) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (config_dir / path).lexically_normal().string();
}

}  // namespace

std::optional<std::string> find_project_config(const std::string& start, std::string& error) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  for (; !dir.empty(); dir = dir.parent_path()) {
    std::vector<fs::path> found;
    for (const char* name : kConfigNames)
      if (fs::is_regular_file(dir / name, ec)) found.push_back(dir / name);
    if (found.size() > 1) {
      error = fmt::format("both `{}` and `{}` are here: keep one", found[0].string(), found[1].string());
      return std::nullopt;
    }
    if (found.size() == 1) return found[0].string();
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

std::string apply_project_config(const CommandSpec& command, ParsedArgs& parsed) {
  auto accepts = [&](const std::string& option) {
    return std::any_of(command.options.begin(), command.options.end(), [&](const OptionSpec& o) { return o.name == option; });
  };
  if (!accepts("config") || parsed.has("no-config")) return {};
  // `audit verify DIR` re-runs with the options the evidence pack recorded, and no others.
  if (command.name == "audit" && !parsed.positionals.empty() && parsed.positionals[0] == "verify") return {};
  std::string path;
  if (auto given = parsed.get("config")) {
    path = *given;
    if (!fs::is_regular_file(path)) return fmt::format("`{}`: no such configuration file", path);
  } else {
    std::string error;
    auto found = find_project_config(".", error);
    if (!error.empty()) return error;
    if (!found) return {};
    // Shown from the current directory, as every other path.
    std::error_code ec;
    fs::path relative = fs::relative(*found, fs::current_path(ec), ec);
    path = ec || relative.empty() ? *found : relative.string();
  }

  // Read and check it as a record of kind `config`.
  SourceManager sources;
  Diagnostics diagnostics;
  FileId schema_file = sources.add("<configuration schema>", config_schema_text());
  ast::NodeId next_id = 1;
  auto module = dsl::parse(sources, schema_file, diagnostics, next_id);
  schema::Schema schema = module ? schema::build_schema({&*module}, diagnostics) : schema::Schema{};
  auto type = schema.kind("config");
  if (!type || diagnostics.has_errors()) return "internal error: the configuration's schema does not build";
  FileId file = sources.add(path, {});
  if (!record::read_record_file(sources, file, diagnostics)) {
    for (const auto& d : diagnostics.items()) report::write_diagnostic(std::cerr, d, sources);
    return kConfigReported;
  }
  Diagnostics loaded;
  auto records = record::load_records(sources, file, loaded);
  for (const auto& d : loaded.items())  // a configuration needs no `kind:`
    if (!(d.code == DiagCode::E0307 && d.message == "the record has no `kind`")) diagnostics.items().push_back(d);
  if (records.size() > 1)
    diagnostics.add(DiagCode::E0301, Span{file, records[1].offset, records[1].offset + 1},
                    "the configuration is one YAML document: this is a second one");
  if (!records.empty() && !records[0].kind.empty() && records[0].kind != "config")
    diagnostics.add(DiagCode::E0307, Span{file, records[0].offset, records[0].offset + 1},
                    fmt::format("`kind: {}` in the project configuration: it takes no `kind` (or `kind: config`)", records[0].kind));
  if (records.empty() && !diagnostics.has_errors())
    diagnostics.add_file(DiagCode::E0316, path, "the configuration is empty: write at least `paths:` (see `cadre init`)");
  if (!records.empty()) record::conform(records[0], *type, diagnostics);
  // Every problem stops the run, warnings too: a misspelt key would otherwise be a setting
  // silently not applied.
  if (!diagnostics.empty()) {
    diagnostics.sort(sources);
    for (const auto& d : diagnostics.items()) report::write_diagnostic(std::cerr, d, sources);
    std::cerr << fmt::format("cadre {}: error[E0502]: the project configuration `{}` has problems (above); "
                             "fix it, or run with --no-config\n",
                             command.name, path);
    return kConfigReported;
  }

  const record::Value& root = *records[0].root;
  fs::path dir = fs::path(path).parent_path();
  parsed.config_dir = dir.string();
  parsed.config_file = path;
  auto fill = [&](const std::string& option, std::vector<std::string> values) {
    if (!accepts(option) || parsed.has(option) || values.empty()) return;
    for (auto& v : values) {
      parsed.flags[option].push_back(v);
      parsed.ordered.emplace_back(option, v);
    }
  };
  auto paths = [&](const char* key) {
    auto values = texts(root.get(key));
    for (auto& v : values) v = from_here(dir, v);
    return values;
  };
  auto scalar = [&](const char* key) {
    const record::Value* v = root.get(key);
    return v ? std::vector<std::string>{v->text} : std::vector<std::string>{};
  };
  // Globs with a `/` are written from the configuration's folder.
  auto globs = [&](const char* key) {
    auto values = texts(root.get(key));
    for (auto& g : values)
      if (g.find('/') != std::string::npos && !dir.empty()) g = (dir / g).lexically_normal().generic_string();
    return values;
  };

  if (parsed.positionals.empty() && (command.name == "check" || command.name == "audit")) parsed.positionals = paths("paths");
  if (command.name == "check" && !parsed.has("include")) parsed.flags["include"] = globs("include");
  fill("exclude", globs("exclude"));
  if (auto rules = scalar("rules"); !rules.empty()) {
    // A pack id stays an id; a path is read from the configuration's folder.
    const std::string& r = rules[0];
    if (r.find('/') != std::string::npos || r.ends_with(".cadre") || fs::exists(dir / r)) rules[0] = from_here(dir, r);
    fill("rules", rules);
  }
  fill("waivers", paths("waivers"));
  fill("exceptions", paths("exceptions"));
  fill("trust", paths("trust"));
  fill("as-of", scalar("as_of"));
  fill("lang", scalar("lang"));
  if (command.name == "check") fill("fail-on", scalar("fail_on"));
  if (command.name == "check" && !parsed.has("format") && !parsed.has("output"))
    if (const record::Value* outputs = root.get("outputs"))
      for (const auto& o : outputs->children) {
        const record::Value* format = o.get("format");
        const record::Value* report = o.get("path");
        parsed.flags["format"].push_back(format->text);
        parsed.ordered.emplace_back("format", format->text);
        if (report) {
          parsed.flags["output"].push_back(from_here(dir, report->text));
          parsed.ordered.emplace_back("output", from_here(dir, report->text));
        }
      }
  return {};
}

std::string starter_config() {
  return R"(# cadre.yaml — the project configuration of cadre (docs/cli.md, "Project configuration").
# `cadre check` with no path checks what it names. Options given on the command line win
# over the values here. Paths and globs are relative to this file's folder.

# What to check: files and folders. Folders are walked for records (a file whose `kind`
# cadre knows, or a credential it reads); other YAML/JSON files are skipped and counted.
# Hidden folders (.github, .cadre) are not walked, and files git ignores are left out.
paths:
  - proposals

# Globs of what folder walks leave out (and, with include:, the only files they read).
# exclude:
#   - drafts
#   - "*.draft.yaml"
# include:
#   - "*.yaml"

# The rule pack: a bundled pack's id, or a pack folder of your own.
# rules: dfcu-2023

# Justified, expiring exceptions to rules (kind: waivers).
# waivers:
#   - waivers.yaml

# For `cadre stack` and `cadre verify`: registrar exceptions and trust lists.
# exceptions:
#   - exceptions.yaml
# trust:
#   - trust.yaml

# The day records are judged at (default: today, Europe/Paris).
# as_of: 2025-06-01

# Language of messages: fr or en.
# lang: fr

# The lowest severity that makes `cadre check` exit 1: error, warning, info or none.
# fail_on: error

# The reports `cadre check` writes; an output without path goes to standard output.
# outputs:
#   - format: text
#   - format: sarif
#     path: cadre.sarif
)";
}

}  // namespace cadre::cli
