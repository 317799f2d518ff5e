// SPDX-License-Identifier: Apache-2.0
#include "tests/support/snippets.hpp"

#include <atomic>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "engine/report/writers.hpp"
#include "tests/support/golden.hpp"

namespace cadre::testing {

namespace fs = std::filesystem;

SnippetRun run_snippet(const std::string& rules, const std::string& records, const std::string& lang) {
  static std::atomic<int> counter{0};
  fs::path dir = fs::temp_directory_path() / fmt::format("cadre-snippet-{}-{}", ::getpid(), counter++);
  fs::remove_all(dir);
  fs::create_directories(dir / "pack");
  // The fragment lives in a pack that reuses the bundled course schema without its rules:
  // the schema file is copied beside it.
  write_file((dir / "pack" / "header.cadre").string(),
             "pack snippet version \"0\" effective 2000-01-01\nconst min_hours = 7\nconst max_hours = 30\n");
  for (const char* schema : {"course", "certificate", "session", "pathway", "waivers"})
    fs::copy_file(source_dir() + "/rules/dfcu-2023/" + schema + ".cadre", dir / "pack" / (std::string(schema) + ".cadre"));
  write_file((dir / "pack" / "snippet.cadre").string(), rules);
  write_file((dir / "records" / "record.yaml").string(), records);
  CheckOptions options;
  options.rules = (dir / "pack").string();
  options.inputs = {(dir / "records").string()};
  options.lang = lang;
  options.as_of = *parse_date("2025-06-01");
  Engine engine;
  SnippetRun run;
  run.result = engine.check(options);
  std::ostringstream text;
  report::write_text(text, run.result, engine.sources());
  run.text = text.str();
  const auto& sources = engine.sources();
  for (const auto& f : run.result.findings) {
    auto p = sources.file(f.file).position(f.offset);
    run.findings.push_back(fmt::format("{} {}:{} {}{}", f.rule->id, p.line, p.column, f.pointer,
                                       f.undecided ? " undecided" : ""));
    run.messages.push_back(f.message);
  }
  for (const auto& d : run.result.diagnostics.items()) {
    auto p = d.span.valid() ? sources.file(d.span.file).position(d.span.begin) : Position{};
    run.diagnostics.push_back(fmt::format("{} {}:{}", diag_info(d.code).code, p.line, p.column));
  }
  fs::remove_all(dir);
  return run;
}

}  // namespace cadre::testing
