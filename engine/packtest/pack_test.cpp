// SPDX-License-Identifier: Apache-2.0
#include "engine/packtest/pack_test.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "engine/engine.hpp"
#include "engine/pack/pack_loader.hpp"
#include "engine/record/loader.hpp"
#include "engine/report/writers.hpp"

namespace cadre::packtest {

namespace fs = std::filesystem;

std::string Expectation::text() const {
  return fmt::format("{}{} {}", rule, record.empty() ? "" : " " + record, pointer.empty() ? "/" : pointer);
}

bool PackTestResult::ok() const {
  if (!errors.empty()) return false;
  for (const auto& c : cases)
    if (!c.passed()) return false;
  for (const auto& r : coverage)
    if (!r.covered()) return false;
  return true;
}

std::vector<Expectation> parse_expectations(const std::string& text, std::string& as_of,
                                            std::vector<std::string>& problems) {
  std::vector<Expectation> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] != '#') continue;
    std::istringstream words(line.substr(start + 1));
    std::string keyword;
    words >> keyword;
    if (keyword == "as-of:") {
      words >> as_of;
    } else if (keyword == "expect:") {
      std::vector<std::string> parts;
      std::string w;
      while (words >> w) parts.push_back(w);
      if (parts.size() == 2 && parts[1].front() == '/') {
        out.push_back({parts[0], "", parts[1] == "/" ? "" : parts[1]});
      } else if (parts.size() == 3 && parts[2].front() == '/') {
        out.push_back({parts[0], parts[1], parts[2] == "/" ? "" : parts[2]});
      } else {
        problems.push_back(fmt::format("line {}: write `# expect: RULE-ID [RECORD-ID] /json/pointer`", number));
      }
    }
  }
  return out;
}

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A pack spec names a directory (or a .cadre file beside a tests/ directory).
fs::path pack_location(const std::string& spec, const std::vector<std::string>& search_dirs) {
  if (fs::exists(spec)) return fs::is_directory(spec) ? fs::path(spec) : fs::path(spec).parent_path();
  for (const auto& dir : search_dirs)
    if (fs::is_directory(fs::path(dir) / spec)) return fs::path(dir) / spec;
  return {};
}

}  // namespace

PackTestResult run_pack_tests(const std::string& pack_spec, const std::vector<std::string>& search_dirs) {
  PackTestResult result;
  result.pack = pack_spec;
  fs::path location = pack_location(pack_spec, search_dirs);
  if (location.empty()) {
    result.errors.push_back(fmt::format("{}: error[E0102]: pack `{}` not found", pack_spec, pack_spec));
    return result;
  }
  result.tests_dir = (location / "tests").string();

  // The pack's own rules: load it once for their ids.
  {
    SourceManager sources;
    Diagnostics diagnostics;
    auto packs = pack::load_packs(pack_spec, search_dirs, sources, diagnostics);
    if (!packs.packs.empty()) {
      const auto& own = packs.packs.back();
      result.pack_id = own.header.id;
      for (const auto& m : own.modules)
        for (const auto& r : m.rules) result.coverage.push_back({r.id, 0, 0});
    }
    std::sort(result.coverage.begin(), result.coverage.end(),
              [](const RuleCoverage& a, const RuleCoverage& b) { return a.rule < b.rule; });
  }

  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(result.tests_dir, ec))
    if (entry.is_regular_file() && record::is_record_file(entry.path().string())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  std::map<std::string, RuleCoverage*> by_id;
  for (auto& r : result.coverage) by_id[r.rule] = &r;

  for (const auto& file : files) {
    CaseResult c;
    c.file = file.string();
    std::vector<std::string> problems;
    auto expected = parse_expectations(read(file), c.as_of, problems);
    c.problems = problems;
    CheckOptions options;
    options.rules = pack_spec;
    options.rule_search_dirs = search_dirs;
    options.inputs = {file.string()};
    options.lang = "en";
    options.threads = 1;
    options.collect_outcomes = true;  // coverage counts passing and failing cases
    if (!c.as_of.empty()) {
      auto date = parse_date(c.as_of);
      if (!date) c.problems.push_back(fmt::format("`# as-of: {}` is not a date", c.as_of));
      else options.as_of = *date;
    }
    Engine engine;
    auto run = engine.check(options);
    if (!run.rules_ok) {
      for (const auto& d : run.diagnostics.items()) {
        std::ostringstream text;
        report::write_diagnostic(text, d, engine.sources());
        result.errors.push_back(text.str());
      }
      return result;  // the pack itself is broken: no case can tell anything
    }
    for (const auto& d : run.diagnostics.items()) {
      if (d.severity != Severity::Error) continue;
      std::ostringstream text;
      report::write_diagnostic(text, d, engine.sources());
      c.problems.push_back(text.str());
    }
    std::vector<bool> used(expected.size(), false);
    for (const auto& f : run.findings) {
      bool matched = false;
      for (std::size_t i = 0; i < expected.size() && !matched; ++i) {
        const auto& e = expected[i];
        if (used[i] || e.rule != f.rule->id || e.pointer != f.pointer) continue;
        if (!e.record.empty() && e.record != f.record_id) continue;
        used[i] = matched = true;
      }
      if (!matched) c.unexpected.push_back(Expectation{f.rule->id, f.record_id, f.pointer}.text());
    }
    for (std::size_t i = 0; i < expected.size(); ++i)
      if (!used[i]) c.missing.push_back(expected[i].text());
    using O = report::RuleOutcome::Outcome;
    for (const auto& o : run.outcomes) {
      auto it = by_id.find(o.rule->id);
      if (it == by_id.end()) continue;
      if (o.outcome == O::Pass) ++it->second->passing;
      if (o.outcome == O::Fail) ++it->second->failing;
    }
    result.cases.push_back(std::move(c));
  }
  return result;
}

}  // namespace cadre::packtest
