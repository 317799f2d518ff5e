// SPDX-License-Identifier: Apache-2.0
// Stacking a trainee's micro-credentials into a pathway (cadre commun §11): which credential
// counts for which requirement, which cannot count and why, what is missing, and a verdict
// for the jury — never a right to the certification (§11; EU Recommendation, §6).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/diagnostic.hpp"
#include "engine/record/value.hpp"
#include "engine/report/finding.hpp"
#include "engine/stack/allocator.hpp"
#include "engine/verify/result.hpp"

namespace cadre::stack {

enum class Verdict { Eligible, NotYetEligible, CannotBeAssessed };
const char* verdict_name(Verdict v);

struct Refusal {
  std::string credential;            // certificate id (or the transcript entry as written)
  std::string course;
  std::string reason_code;           // not-found, invalid, fails-rules, other-holder, not-a-brick,
                                     // course-unknown, course-not-declaring, duplicate
  std::string reason;                // in the report's language
  std::vector<const report::Finding*> findings;  // fails-rules: the findings that refuse it
  const record::Record* record = nullptr;        // the certificate, when one was found
  std::vector<std::string> details;              // invalid: its schema errors, as shown
};

/// A registrar's exception (`kind: exceptions`): a course that counts in place of another,
/// or a requirement declared satisfied; always with a reason, an approver and a date.
struct Exception {
  std::string holder;                // empty: every trainee of the pathway
  std::string substitute, replaces;  // substitute this course for `replaces`
  std::string satisfy;               // a requirement's label or JSON Pointer
  std::string reason, approved_by, date;
  /// The day of the decision: it takes effect on that day, never before (judged as of
  /// `--as-of`). Empty only for a record that broke its schema (such a file stops the run).
  std::optional<Date> dated;
  FileId file = kNoFile;
  std::uint32_t offset = 0;
};

/// What an exception did for this trainee, for the report.
struct AppliedException {
  const Exception* exception = nullptr;
  std::string effect;                // in the report's language
  /// False when it changed nothing: no credential to substitute, another one applies, or the
  /// requirement it deems satisfied is met without it. Reports never show those as applied.
  bool applied = true;
};

/// A certificate as the jury reads it (§10.2): its course's title, who issued it, when, for
/// how many hours and credits.
struct CredentialDetails {
  std::string course;                // as issued
  std::string course_title;
  std::string issuer;                // issuer.university
  std::string issued;                // ISO date, as written
  double hours = 0, ects = 0;        // the certificate's, else its course's
  /// Whether its signature or seal was verified (issue 14 fills it). Empty: not verified,
  /// and the reports say so (« non vérifiée »).
  std::string authenticity;
};

struct StackResult {
  Verdict verdict = Verdict::CannotBeAssessed;
  std::string pathway_id;
  std::string pathway_title;
  std::string holder_id;
  std::string holder_name;
  std::string holder_birth_date;     // ISO, from the transcript (else a retained certificate)
  Requirement tree;                  // from the pathway record
  Allocation allocation;
  std::vector<Refusal> refused;
  std::vector<std::string> counted;  // certificate ids that may count
  std::map<std::string, CredentialDetails> details;  // by certificate id: counted and refused, when found
  std::map<std::string, std::string> course_titles;  // by course id: bricks, substitutes, refused courses
  std::vector<std::string> problems; // why the case cannot be assessed
  std::vector<AppliedException> exceptions;  // every exception applied, with its effect
  /// Findings on counted certificates that a waiver in force covers: shown, never hidden.
  std::vector<const report::Finding*> waived;
  /// Counted credentials whose authenticity is not verified (§10.2), with the reason shown on
  /// every output: "authenticity not verified: reason".
  std::map<std::string, std::string> unverified;
  std::size_t verified = 0;          // counted credentials whose proof is verified
  std::string notice;                // "no automatic right" statement
  std::string lang;                  // of the texts above
};

/// The exceptions of `records` (kind `exceptions`) that concern `pathway_id`.
std::vector<Exception> exceptions_for(const std::string& pathway_id, const std::vector<record::Record>& records);

/// What the registrar should know about the exceptions files before reading a report, as
/// positioned warnings: an exceptions record written for another pathway than `pathway_id`
/// (W0325: none of it applies; `pathway_ids` are the pathways known, for a did-you-mean),
/// and each exception of `exceptions` dated after `as_of` (W0324: not yet in force).
Diagnostics exceptions_notices(const std::string& pathway_id, const std::vector<record::Record>& records,
                               const std::vector<Exception>& exceptions, const Date& as_of,
                               const std::vector<std::string>& pathway_ids);

/// The certificates and courses a transcript may cite, indexed once for many transcripts.
struct Catalogue {
  std::map<std::string, const record::Record*> certificates, courses;
  std::map<std::string, double> hours_of, ects_of;  // per course: `workload_hours`, `ects`
  std::map<std::pair<FileId, std::uint32_t>, std::vector<const report::Finding*>> errors_of;  // by record
  std::map<std::pair<FileId, std::uint32_t>, std::vector<const report::Finding*>> waived_of;  // by record
  /// The proof check of each certificate read from a signed credential, by record; a
  /// certificate without an entry (a registrar's YAML record, an inline one) has no proof.
  std::map<std::pair<FileId, std::uint32_t>, verify::Result> authenticity;
  /// --require-verified: unverified credentials are refused instead of marked.
  bool require_verified = false;
  /// Indexes `records`, except those of `excluded` (the transcript's file).
  void add(const std::vector<record::Record>& records, const std::vector<report::Finding>& findings,
           FileId excluded = kNoFile);
};

/// Assesses `transcript` against `pathway`, with the certificates and courses of `catalogue`
/// (certificates written inline in the transcript are among `inline_records`, with their
/// `findings`), applying the `exceptions` that concern the transcript's holder and are in
/// force on `as_of` (one dated later is reported as not applied).
StackResult assess(const record::Record& pathway, const record::Record& transcript, const Catalogue& catalogue,
                   const std::vector<record::Record>& inline_records, const std::vector<report::Finding>& findings,
                   const std::vector<Exception>& exceptions, const Date& as_of, const std::string& lang);

}  // namespace cadre::stack
