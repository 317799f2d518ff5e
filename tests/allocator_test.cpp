// SPDX-License-Identifier: Apache-2.0
// The stacking allocator: exact where greedy matching fails, deterministic, with the
// smallest completion when a pathway is not yet complete.
#include <catch2/catch.hpp>

#include "engine/stack/allocator.hpp"

using namespace cadre::stack;
using K = Requirement::Kind;

namespace {

Requirement course(const std::string& id) {
  Requirement r;
  r.kind = K::Course;
  r.course = id;
  return r;
}
Requirement n_of(int n, std::vector<std::string> from) {
  Requirement r;
  r.kind = K::NOf;
  r.count = n;
  r.from = std::move(from);
  return r;
}
Requirement all_of(std::vector<Requirement> children) {
  Requirement r;
  r.kind = K::AllOf;
  r.children = std::move(children);
  return r;
}
Requirement amount(K kind, double value) {
  Requirement r;
  r.kind = kind;
  r.amount = value;
  return r;
}
Requirement at_most(int n, std::vector<std::string> from) {
  Requirement r;
  r.kind = K::AtMost;
  r.count = n;
  r.from = std::move(from);
  return r;
}

}  // namespace

TEST_CASE("allocator: finds the assignment a greedy first match misses", "[stack]") {
  // A greedy first match, in tree order and id order, hands c-a (course A) to "1 of {A, B}"
  // and then finds nothing for "course A". The flow gives c-b to the first node instead.
  auto tree = all_of({n_of(1, {"A", "B"}), course("A")});
  auto result = allocate(tree, {{"c-a", "A", 10, 1}, {"c-b", "B", 10, 1}}, {}, {});
  CHECK(result.satisfied);
  REQUIRE(result.nodes.size() == 3);
  CHECK(result.nodes[1].credentials == std::vector<std::string>{"c-b"});
  CHECK(result.nodes[2].credentials == std::vector<std::string>{"c-a"});
  CHECK(result.unused.empty());
}

TEST_CASE("allocator: a credential counts once, unless its course is shareable", "[stack]") {
  auto tree = all_of({course("A"), n_of(1, {"A", "B"})});
  auto alone = allocate(tree, {{"c-a", "A", 10, 1}}, {}, {{"B", 14}});
  CHECK_FALSE(alone.satisfied);
  CHECK(alone.nodes[2].missing == std::vector<std::string>{"B"});
  auto shared = allocate(tree, {{"c-a", "A", 10, 1}}, {"A"}, {});
  CHECK(shared.satisfied);
}

TEST_CASE("allocator: n_of counts distinct courses and names the smallest completion", "[stack]") {
  auto tree = all_of({n_of(3, {"A", "B", "C", "D"})});
  auto result = allocate(tree, {{"c-1", "A", 7, 1}, {"c-2", "A", 7, 1}}, {},
                         {{"B", 30}, {"C", 7}, {"D", 12}});
  CHECK_FALSE(result.satisfied);
  CHECK(result.nodes[1].actual == 1);
  CHECK(result.nodes[1].missing == std::vector<std::string>{"C", "D"});
  CHECK(result.completion == std::vector<std::string>{"C", "D"});
  CHECK(result.unused == std::vector<std::string>{"c-2"});
}

TEST_CASE("allocator: minimum hours and ECTS over what counts, within caps", "[stack]") {
  auto tree = all_of({course("A"), at_most(1, {"X", "Y"}), amount(K::MinHours, 40), amount(K::MinEcts, 2)});
  std::vector<Credential> creds = {{"c-a", "A", 21, 1}, {"c-x", "X", 20, 1}, {"c-y", "Y", 25, 1}};
  auto result = allocate(tree, creds, {}, {});
  // X and Y are electives under a cap of one: the one worth more hours (Y, 25 h) counts.
  CHECK(result.nodes[2].actual == 1);
  CHECK(result.nodes[3].actual == 46);
  CHECK(result.nodes[4].actual == 2);
  CHECK(result.satisfied);
  auto short_of_hours = allocate(tree, {{"c-a", "A", 21, 1}}, {}, {});
  CHECK_FALSE(short_of_hours.satisfied);
  CHECK(short_of_hours.nodes[3].actual == 21);
}

TEST_CASE("allocator: the same inputs in another order give the same assignment", "[stack]") {
  auto tree = all_of({n_of(2, {"A", "B", "C"}), course("C")});
  std::vector<Credential> creds = {{"c-3", "C", 1, 0}, {"c-1", "A", 1, 0}, {"c-2", "B", 1, 0}};
  auto first = allocate(tree, creds, {}, {});
  std::reverse(creds.begin(), creds.end());
  auto second = allocate(tree, creds, {}, {});
  REQUIRE(first.nodes.size() == second.nodes.size());
  for (std::size_t i = 0; i < first.nodes.size(); ++i) CHECK(first.nodes[i].credentials == second.nodes[i].credentials);
  CHECK(first.satisfied);
}

TEST_CASE("allocator: the completion may free a credential for another requirement", "[stack]") {
  // Only A is held: it can fill "course A" or "1 of {A, B}", not both. The smallest
  // completion is B (for "1 of {A, B}"), not a second A.
  auto tree = all_of({n_of(1, {"A", "B"}), course("A")});
  auto result = allocate(tree, {{"c-a", "A", 10, 1}}, {}, {{"B", 12}});
  CHECK_FALSE(result.satisfied);
  CHECK(result.completion == std::vector<std::string>{"B"});
}

TEST_CASE("allocator: hours still lacking are completed with the fewest bricks, then the fewest hours", "[stack]") {
  std::map<std::string, double> hours{{"A", 21}, {"B", 10}, {"C", 25}, {"D", 20}};
  SECTION("one brick suffices: the smallest that does (D, 20 h, not C, 25 h)") {
    auto tree = all_of({course("A"), at_most(3, {"B", "C", "D"}), amount(K::MinHours, 40)});
    auto result = allocate(tree, {{"c-a", "A", 21, 1}}, {}, hours);
    CHECK_FALSE(result.satisfied);
    CHECK(result.completion == std::vector<std::string>{"D"});
  }
  SECTION("two bricks are needed: C and D (45 h), since B and C (35 h) fall short") {
    auto tree = all_of({course("A"), at_most(3, {"B", "C", "D"}), amount(K::MinHours, 61)});
    auto result = allocate(tree, {{"c-a", "A", 21, 1}}, {}, hours);
    CHECK(result.completion == std::vector<std::string>{"C", "D"});
  }
  SECTION("a cap keeps a brick out: at most 1 of [C, D], so B joins") {
    auto tree = all_of({course("A"), n_of(0, {"B"}), at_most(1, {"C", "D"}), amount(K::MinHours, 61)});
    auto result = allocate(tree, {{"c-a", "A", 21, 1}}, {}, hours);
    CHECK(result.completion == std::vector<std::string>{"B", "C"});
  }
  SECTION("a course requirement comes first, then the hours") {
    auto tree = all_of({course("A"), course("B"), at_most(3, {"C", "D"}), amount(K::MinHours, 50)});
    auto result = allocate(tree, {{"c-a", "A", 21, 1}}, {}, hours);
    CHECK(result.completion == std::vector<std::string>{"B", "D"});
  }
}

TEST_CASE("allocator: a requirement granted by an exception needs no credential", "[stack]") {
  auto tree = all_of({course("A"), course("B")});
  tree.children[1].granted = "exception: prior learning";
  auto result = allocate(tree, {{"c-a", "A", 21, 1}}, {}, {});
  CHECK(result.satisfied);
  REQUIRE(result.nodes.size() == 3);
  CHECK(result.nodes[2].granted);
  CHECK(result.nodes[2].credentials.empty());
  CHECK(result.completion.empty());
}

TEST_CASE("allocator: ECTS still lacking after the hours are completed the same way", "[stack]") {
  std::map<std::string, double> hours{{"A", 21}, {"B", 10}, {"C", 25}, {"D", 20}};
  std::map<std::string, double> ects{{"A", 1}, {"B", 3}, {"C", 1}, {"D", 1}};
  // 40 h asks for D (20 h); 4 ECTS then asks for B too (1 + 1 + 3 = 5), not C.
  auto tree = all_of({course("A"), at_most(3, {"B", "C", "D"}), amount(K::MinHours, 40), amount(K::MinEcts, 4)});
  auto result = allocate(tree, {{"c-a", "A", 21, 1}}, {}, hours, ects);
  CHECK(result.completion == std::vector<std::string>{"D", "B"});
  CHECK(result.warnings.empty());
}

TEST_CASE("allocator: hours that the known bricks cannot reach are said, with the bricks of unknown hours", "[stack]") {
  // B's hours are unknown (not in the catalogue): A and C together give 46 h of the 60.
  auto tree = all_of({course("A"), at_most(3, {"B", "C"}), amount(K::MinHours, 60)});
  auto result = allocate(tree, {{"c-a", "A", 21, 1}}, {}, {{"A", 21}, {"C", 25}});
  CHECK(result.completion == std::vector<std::string>{"C"});
  REQUIRE(result.warnings.size() == 1);
  CHECK(result.warnings[0].kind == AllocationWarning::Kind::Unreachable);
  CHECK(result.warnings[0].short_by == 14);
  CHECK(result.warnings[0].unknown == 1);
  CHECK(result.warnings[0].describe("en") ==
        "the bricks in the catalogue do not reach the hours required (14 hours short); 1 brick of the pathway is not in "
        "the catalogue");
  CHECK(result.warnings[0].describe("fr") ==
        "les briques du catalogue n'atteignent pas les heures exigées (il en manque 14) ; 1 brique du parcours est absente "
        "du catalogue");
}

TEST_CASE("allocator: holding one more credential never makes a trainee ineligible under a cap", "[stack]") {
  // at_most 1 of [A, B], 50 h required; A is 10 h, B 50 h. Holding both must count B.
  auto tree = all_of({at_most(1, {"A", "B"}), amount(K::MinHours, 50)});
  auto both = allocate(tree, {{"c-a", "A", 10, 1}, {"c-b", "B", 50, 1}}, {}, {{"A", 10}, {"B", 50}});
  CHECK(both.satisfied);
  CHECK(both.nodes[2].actual == 50);
  CHECK(both.warnings.empty());  // the completion starts from the totals shown, not another count
  // The same when the capped courses also fill a requirement: B is assigned, not A.
  auto with_slot = allocate(all_of({n_of(1, {"A", "B"}), at_most(1, {"A", "B"}), amount(K::MinHours, 50)}),
                            {{"c-a", "A", 10, 1}, {"c-b", "B", 50, 1}}, {}, {{"A", 10}, {"B", 50}});
  CHECK(with_slot.satisfied);
  CHECK(with_slot.nodes[1].credentials == std::vector<std::string>{"c-b"});
}

TEST_CASE("allocator: a shareable course that fills two requirements is offered first", "[stack]") {
  // S may count for both "1 of [S, P]" and "1 of [S, Q]": one course instead of P and Q.
  auto tree = all_of({n_of(1, {"S", "P"}), n_of(1, {"S", "Q"})});
  auto result = allocate(tree, {}, {"S"}, {{"S", 100}, {"P", 1}, {"Q", 1}});
  CHECK(result.completion == std::vector<std::string>{"S"});
  REQUIRE(result.warnings.size() == 1);  // not proven the smallest with shareable courses
  CHECK(result.warnings[0].kind == AllocationWarning::Kind::NotSmallest);
  CHECK(result.nodes[1].missing == std::vector<std::string>{"S"});
  CHECK(result.nodes[2].missing == std::vector<std::string>{"S"});
}
