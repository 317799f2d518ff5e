// SPDX-License-Identifier: Apache-2.0
// Same inputs, byte-identical output, whatever the number of threads.
#include <catch2/catch.hpp>

#include "tests/support/run_cadre.hpp"

using namespace cadre::testing;

TEST_CASE("determinism: two runs give byte-identical text and JSON", "[determinism]") {
  for (const char* format : {"text", "json"}) {
    std::string args = std::string("check --as-of 2025-06-01 --format ") + format + " fixtures/courses examples";
    auto first = run_cadre(args + " --threads 1");
    auto second = run_cadre(args);
    auto third = run_cadre(args + " --threads 7");
    CHECK(first.exit_code == 1);
    CHECK(first.out.size() > 1000);
    CHECK(first.out == second.out);
    CHECK(first.out == third.out);
  }
}
