// SPDX-License-Identifier: Apache-2.0
// record::DeclaredIds: the first record of each kind and id, through the table's growth.
#include <catch2/catch.hpp>

#include <string>

#include "engine/record/declared_ids.hpp"

using cadre::Position;
using cadre::record::DeclaredIds;

TEST_CASE("declared ids: the first of each kind and id is kept, across growth", "[record][ids]") {
  DeclaredIds ids;
  constexpr std::uint32_t kCount = 20000;  // many times the first table's size
  for (std::uint32_t i = 0; i < kCount; ++i)
    REQUIRE_FALSE(ids.declare("course", "UC-" + std::to_string(i), i, Position{i + 1, 3}));
  CHECK(ids.size() == kCount);
  for (std::uint32_t i = 0; i < kCount; i += 997) {
    auto first = ids.declare("course", "UC-" + std::to_string(i), kCount + i, Position{1, 1});
    REQUIRE(first);
    CHECK(first->file == i);
    CHECK(first->position == Position{i + 1, 3});
  }
  CHECK(ids.size() == kCount);  // a repeat notes nothing
  // The same id in another kind is another record; the pair is not its concatenation.
  CHECK_FALSE(ids.declare("session", "UC-1", 1, Position{1, 1}));
  CHECK_FALSE(ids.declare("cours", "eUC-1", 1, Position{1, 1}));
  CHECK(ids.declare("session", "UC-1", 2, Position{5, 5})->file == 1);
}
