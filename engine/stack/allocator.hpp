// SPDX-License-Identifier: Apache-2.0
// Stacking (issue 5, first part): which of a trainee's credentials count for which
// requirement of a pathway. Each credential counts for at most one requirement (unless its
// course is shareable); a greedy first match can miss an assignment that exists, so the
// allocator solves a maximum flow: polynomial, deterministic, and exact for the shapes
// below (disjoint `at_most` groups).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace cadre::stack {

/// A node of a pathway's requirement tree.
struct Requirement {
  enum class Kind { Course, AllOf, NOf, AtMost, MinHours, MinEcts };
  Kind kind = Kind::AllOf;
  std::string label;
  std::string course;               // Course
  std::vector<std::string> from;    // NOf, AtMost: course ids
  int count = 0;                    // NOf: how many; AtMost: the cap
  double amount = 0;                // MinHours, MinEcts
  std::vector<Requirement> children;  // AllOf
  /// Satisfied by a registrar's exception (its text): needs no credential, and neither do
  /// the requirements below it.
  std::string granted;
};

/// A credential that may count: valid, held by the trainee, of a brick of the pathway.
struct Credential {
  std::string id;
  std::string course;
  double hours = 0;
  double ects = 0;
};

/// Per requirement node, in tree pre-order: what it asks, what it got, which credentials.
struct NodeResult {
  const Requirement* node = nullptr;
  double expected = 0;                     // credentials (Course, NOf), hours, ECTS or cap
  double actual = 0;
  bool satisfied = false;
  std::vector<std::string> credentials;    // ids assigned to this node (Course, NOf)
  std::vector<std::string> missing;        // courses that would complete it (Course, NOf)
  /// When a completion exists and moves credentials: who fills this node once it is added
  /// (held credential ids, and the added courses), so the report shows one coherent plan.
  std::vector<std::string> with_completion;
  bool granted = false;                    // satisfied by an exception, here or above
};

/// A limit of an allocation, for the report to word in its language.
struct AllocationWarning {
  enum class Kind {
    TwoCaps,        // `course` is under two `at_most` caps: the flow honours the first only
    NotSmallest,    // too many combinations: the completion of `unit` suffices, not proven smallest
    Unreachable,    // the bricks do not reach the `unit` required: `short_by` lacking,
                    // `unknown` bricks of the pathway outside the catalogue
  };
  Kind kind = Kind::TwoCaps;
  std::string course;
  std::string unit;  // "hours" or "ECTS"
  double short_by = 0;
  std::size_t unknown = 0;
  std::string describe(const std::string& lang) const;
};

struct Allocation {
  bool satisfied = false;
  std::vector<NodeResult> nodes;
  std::vector<std::string> unused;         // valid credentials no requirement needed
  /// The smallest set of courses (fewest, then fewest hours) whose credentials would meet
  /// every course and n_of requirement, then the hours still lacking; per node, `missing`
  /// says where each would count.
  std::vector<std::string> completion;
  int matched = 0;                         // requirement slots filled (course and n_of)
  /// What the result cannot promise, never silent; reports word them (`describe`).
  std::vector<AllocationWarning> warnings;
};

/// Assigns credentials to requirements. Credentials are considered by hours, then ECTS (most
/// first), then id, and nodes in tree order, so the same inputs give the same assignment.
/// `hours_of` and `ects_of` give each course's hours and credits, for the smallest completion
/// (fewest courses, then fewest hours) and the totals still lacking.
Allocation allocate(const Requirement& root, std::vector<Credential> credentials,
                    const std::set<std::string>& shareable, const std::map<std::string, double>& hours_of,
                    const std::map<std::string, double>& ects_of = {});

}  // namespace cadre::stack
