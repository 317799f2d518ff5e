// SPDX-License-Identifier: Apache-2.0
// `cadre test [PACK...]`: runs each pack's rule tests and prints per-rule coverage.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "engine/pack/pack_loader.hpp"
#include "engine/packtest/pack_test.hpp"

namespace cadre::cli {

int run_test(const ParsedArgs& parsed) {
  std::vector<std::string> packs = parsed.positionals;
  if (packs.empty()) packs.push_back("dfcu-2023");
  auto search = pack::default_search_dirs();
  bool all_ok = true, broken = false;
  for (const auto& spec : packs) {
    auto result = packtest::run_pack_tests(spec, search);
    std::cout << fmt::format("pack {} ({})\n", result.pack_id.empty() ? spec : result.pack_id, result.tests_dir);
    if (!result.errors.empty()) {
      for (const auto& e : result.errors) std::cout << e;
      std::cout << "  the pack does not load or check: no test was run\n";
      broken = true;
      continue;
    }
    std::size_t passed = 0;
    for (const auto& c : result.cases) {
      std::cout << fmt::format("  {}  {}{}\n", c.passed() ? "ok  " : "FAIL", c.file,
                               c.as_of.empty() ? "" : " (as of " + c.as_of + ")");
      for (const auto& m : c.missing) std::cout << fmt::format("        missing:    {}\n", m);
      for (const auto& u : c.unexpected) std::cout << fmt::format("        unexpected: {}\n", u);
      for (const auto& p : c.problems) {
        std::string indented = p;
        if (!indented.empty() && indented.back() == '\n') indented.pop_back();
        std::size_t at = 0;
        while ((at = indented.find('\n', at)) != std::string::npos) indented.replace(at, 1, "\n                    "), at += 21;
        std::cout << fmt::format("        problem:    {}\n", indented);
      }
      if (c.passed()) ++passed;
    }
    std::size_t width = 4;
    for (const auto& r : result.coverage) width = std::max(width, r.rule.size());
    std::cout << fmt::format("  {:<{}}  passing  failing\n", "rule", width);
    std::size_t covered = 0;
    for (const auto& r : result.coverage) {
      std::string verdict = r.covered() ? "ok"
                            : r.passing == 0 && r.failing == 0 ? "no case"
                            : r.passing == 0 ? "no passing case" : "no failing case";
      std::cout << fmt::format("  {:<{}}  {:>7}  {:>7}  {}\n", r.rule, width, r.passing, r.failing, verdict);
      if (r.covered()) ++covered;
    }
    double percent = result.coverage.empty() ? 100.0 : 100.0 * static_cast<double>(covered) /
                                                           static_cast<double>(result.coverage.size());
    std::cout << fmt::format("  {}/{} test files pass; {}/{} rules covered ({:.1f} %)\n", passed, result.cases.size(),
                             covered, result.coverage.size(), percent);
    if (!result.ok()) all_ok = false;
  }
  if (broken) return kExitError;
  return all_ok ? kExitClean : kExitFindings;
}

}  // namespace cadre::cli
