// Stacking a trainee's micro-credentials into a pathway (cadre commun §11): which credential
// counts for which requirement, which cannot count and why, what is missing, and a verdict
// for the jury — never a right to the certification (§11; EU Recommendation, §6).
#pragma once

#include <string>
#include <vector>

#include "engine/record/value.hpp"
#include "engine/report/finding.hpp"
#include "engine/stack/allocator.hpp"

namespace cadre::stack {

enum class Verdict { Eligible, NotYetEligible, CannotBeAssessed };
const char* verdict_name(Verdict v);

struct Refusal {
  std::string credential;            // certificate id (or the transcript entry as written)
  std::string course;
  std::string reason_code;           // not-found, invalid, fails-rules, other-holder, not-a-brick,
                                     // course-unknown, course-not-declaring, not-producer, duplicate
  std::string reason;                // in the report's language
  std::vector<const report::Finding*> findings;  // fails-rules: the findings that refuse it
};

struct StackResult {
  Verdict verdict = Verdict::CannotBeAssessed;
  std::string pathway_id;
  std::string pathway_title;
  std::string holder_id;
  std::string holder_name;
  Requirement tree;                  // from the pathway record
  Allocation allocation;
  std::vector<Refusal> refused;
  std::vector<std::string> counted;  // certificate ids that may count
  std::vector<std::string> problems; // why the case cannot be assessed
  std::string notice;                // "no automatic right" statement
};

/// Assesses `transcript` against `pathway`, with the certificates and courses among
/// `records` and the findings of their check.
StackResult assess(const record::Record& pathway, const record::Record& transcript,
                   const std::vector<record::Record>& records, const std::vector<report::Finding>& findings,
                   const std::string& lang);

}  // namespace cadre::stack
