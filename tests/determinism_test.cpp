// SPDX-License-Identifier: Apache-2.0
// Same inputs, byte-identical output, whatever the number of threads.
#include <catch2/catch.hpp>

#include "tests/support/run_cadre.hpp"

using namespace cadre::testing;

// JSON, SARIF, JUnit, GitHub and GitLab are written while the files are checked (streaming):
// files come to the writers in file order whatever the thread that checked them.
TEST_CASE("determinism: runs on 1, 2 and 7 threads give byte-identical reports", "[determinism]") {
  for (const char* format : {"text", "json", "sarif", "junit", "github", "gitlab"}) {
    std::string args = std::string("check --as-of 2025-06-01 --rules-url https://cadre.example/rules/ --format ") + format +
                       " fixtures/courses examples";
    auto first = run_cadre(args + " --threads 1");
    auto second = run_cadre(args + " --threads 2");
    auto third = run_cadre(args + " --threads 7");
    CHECK(first.exit_code == 1);
    CHECK(first.out.size() > 1000);
    CHECK(first.out == second.out);
    CHECK(first.out == third.out);
  }
}
