// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>

#include "engine/base/fuzzy.hpp"

using namespace cadre;

TEST_CASE("suggestions: close names are suggested, unrelated ones are not", "[fuzzy]") {
  std::vector<std::string> fields = {"type", "duration", "resit_policy", "appeal_procedure", "workload_hours"};
  CHECK(closest_name("resit_polcy", fields) == "resit_policy");
  CHECK(closest_name("duraton", fields) == "duration");
  CHECK(closest_name("wrkload", fields) == "workload_hours");
  CHECK_FALSE(closest_name("banana", fields).has_value());
  CHECK(edit_distance("kitten", "sitting") == 3);
}
