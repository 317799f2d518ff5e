// SPDX-License-Identifier: Apache-2.0
// The Evidence model of a Qualiopi evidence pack (`cadre audit`): for each indicator its
// status and why, the rules that evidence it with their results over all records, and the
// figures computed from the records. The HTML, JSON and Markdown writers only format it.
//
// Everything is already in the pack's language and sorted: writers add no logic, so the
// three files always say the same thing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cadre::audit {

/// What the pack says of an indicator. Software never says an indicator is met: at best the
/// records it could read carry the evidence (`Evidenced`); the auditor decides.
enum class Status { Evidenced, Shortfall, NotApplicable, NotChecked };
inline constexpr std::array<Status, 4> kStatuses = {Status::Evidenced, Status::Shortfall, Status::NotApplicable,
                                                    Status::NotChecked};
/// Stable English ids for machines: evidenced, shortfall, not-applicable, not-checked.
const char* status_id(Status s);
/// For people, in `lang` (fr or en): "Preuves réunies" / "Evidenced", ...
std::string status_label(Status s, const std::string& lang);

/// A place in an input file, as people read it: the path as given on the command line,
/// 1-based line and column (column in Unicode code points).
struct Location {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// A figure's value: numerator over denominator (both kept, so a reader can recompute it).
struct Ratio {
  double numerator = 0;
  double denominator = 0;
  void add(const Ratio& other) {
    numerator += other.numerator;
    denominator += other.denominator;
  }
};

/// One record (or part of one) counted in a gap figure's numerator, so an auditor can open it.
struct Gap {
  Location where;
  std::string record;   // the session's id
  std::string pointer;  // JSON Pointer inside the record: /trainees/4
  std::string detail;   // what is missing, in the pack's language
};

/// A figure for one course (all its sessions) or one session.
struct FigureRow {
  std::string id;       // course or session id
  std::string course;   // for a session: its course
  Ratio value;
};

struct Figure {
  /// Rate: a share (shown as a percentage). Mean: an average (satisfaction out of 5).
  /// Gap: a count of shortfalls that should be zero; any makes its indicators' status a shortfall.
  enum class Kind { Rate, Mean, Gap };
  std::string id;                       // stable English slug: completion-rate, ...
  Kind kind = Kind::Rate;
  std::vector<int> indicators;          // Qualiopi indicators this figure evidences
  std::string label;                    // in the pack's language
  std::string numerator_label;
  std::string denominator_label;
  std::string definition;               // how it is counted, in one sentence
  Ratio total;                          // over every session of the inputs
  std::vector<FigureRow> courses;       // sorted by course id
  std::vector<FigureRow> sessions;      // sorted by session id
  std::string breakdown_label;           // what the breakdown counts: reasons, delays
  std::vector<std::pair<std::string, std::size_t>> breakdown;  // e.g. drop-out reasons, with counts
  std::vector<Gap> gaps;                // Gap figures: the records behind the numerator
  bool shortfall() const { return kind == Kind::Gap && total.numerator > 0; }
};

/// A finding of a rule, where it points.
struct FindingRef {
  Location where;
  std::string rule;
  std::string severity;  // error, warning, info
  std::string record;    // record id
  std::string kind;      // record kind
  std::string pointer;   // JSON Pointer inside the record
  std::string message;
  bool undecided = false;  // missing data kept the rule from deciding
  std::string waiver;      // set when a waiver in force covers it: its reason (then not a shortfall)
  std::string waiver_approved_by, waiver_expires;
};

/// A rule of the packs that cites an indicator, with how it judged every record of its kind.
struct RuleResult {
  std::string id;
  std::string title;
  std::string pack;
  std::string severity;
  std::string subject;          // the record kind it judges
  std::vector<int> indicators;
  std::size_t judged = 0;       // records it applied to (passed + failed + undecided + noted)
  std::size_t passed = 0;
  std::size_t noted = 0;        // an `info` rule's findings: advice, never a failure
  std::size_t failed = 0;
  std::size_t undecided = 0;
  std::size_t not_applicable = 0;  // records of its kind its `when` left out
  std::size_t waived = 0;          // failed or undecided records whose every finding a waiver covers
  std::vector<FindingRef> findings;
  /// Failed or undecided records at error or warning severity, not waived: a shortfall of its
  /// indicators.
  bool shortfall() const { return severity != "info" && failed + undecided > 0; }
};

/// A requirement the packs declare `unchecked`: documentary evidence the auditor reviews.
struct Documentary {
  std::string id;
  std::string title;
  std::string because;
};

struct IndicatorEvidence {
  int number = 0;
  int criterion = 0;                 // 1 to 7 (décret 2019-565)
  std::string title;                 // from the pack that declares the indicator
  Status status = Status::NotChecked;
  std::string reason;                // why this status, in one sentence
  std::vector<std::string> rules;    // ids of the rules citing it (Evidence::rules)
  std::vector<std::string> figures;  // ids of its figures (Evidence::figures)
  std::vector<Documentary> documentary;
};

/// Who and what the pack covers.
struct Scope {
  std::vector<std::string> universities;  // producing universities of the courses, sorted
  std::size_t courses = 0;
  std::size_t sessions = 0;
  std::size_t trainees = 0;
  std::size_t certificates = 0;
  std::size_t other_records = 0;
  std::string first_day;  // earliest session start, YYYY-MM-DD (empty without sessions)
  std::string last_day;   // latest session end
};

/// Thresholds read from the packs' constants (defaults when a pack does not declare them).
struct Thresholds {
  double low_satisfaction = 3;
  double acknowledgement_days = 2;
  double answer_days = 15;
};

struct PackRef {
  std::string id;
  std::string version;
  std::string title;
};

struct RecordRef {
  Location where;
  std::string kind;
  std::string id;
  std::string status;  // pass, fail, invalid, waived
  /// --provider, a session shared with other universities: only part of it is in the pack,
  /// these trainees (and the session's own items when the provider produces its course).
  std::vector<std::string> trainees;
  bool partial = false;
};

struct Evidence {
  std::string tool_version;
  std::string lang = "fr";
  std::string as_of;         // YYYY-MM-DD
  std::string generated_at;  // empty unless SOURCE_DATE_EPOCH or --timestamp asked for one
  std::string rules;         // the --rules given
  std::string out_dir;       // as given: links to inputs are relative to it
  std::vector<PackRef> packs;
  std::vector<std::string> inputs;  // the record files read, as found from the paths given
  Scope scope;
  Thresholds thresholds;
  std::vector<IndicatorEvidence> indicators;  // sorted by number
  std::vector<RuleResult> rules_run;          // rules citing an indicator, sorted by id
  std::vector<Figure> figures;                // in the order of figures.cpp
  std::vector<RecordRef> records;             // in file order
  /// --provider as given: the pack covers that university only (its courses as producer,
  /// their sessions' own items, the trainees it contracted in any session, its certificates). Empty: every
  /// university of the inputs (scope.universities), which the cover lists.
  std::string provider;
  std::string provider_name;                  // as the records write it
  std::map<std::string, std::string> course_titles;  // course id → title, for every code shown
  std::vector<std::pair<std::string, std::string>> input_hashes;  // record file → SHA-256 (Intégrité), in scope
  std::size_t inputs_out_of_scope = 0;  // --provider: record files read that hold none of its records

  const RuleResult* rule(const std::string& id) const;
  const Figure* figure(const std::string& id) const;
  /// How many indicators have each status, in the order of kStatuses.
  std::array<std::size_t, 4> counts() const;
};

/// A ratio as people read it: "75,0 %" / "75.0%", a mean as "4,27" / "4.27", "—" without a denominator.
std::string format_value(const Figure& f, const Ratio& r, const std::string& lang);
/// A severity id (error, warning, info) as the pack's language writes it: « erreur ».
std::string severity_label(const std::string& severity, const std::string& lang);
/// A record kind (course, session, certificate…) as the pack's language writes it: « formation ».
std::string kind_label(const std::string& kind, const std::string& lang);
/// « UC-LIL-2025-004 Produire des documents… » when the course's title is known, else the code.
std::string course_with_title(const Evidence& e, const std::string& course);
/// The Intégrité appendix's lead sentence: which inputs are listed, and, for a provider's pack,
/// how many were left out and why.
std::string integrity_sentence(const Evidence& e, bool markdown);
/// The pack's scope in one sentence: the provider it is restricted to, or the providers it spans.
std::string scope_sentence(const Evidence& e);
/// A count or a sum: "3", "12,5" / "12.5".
std::string format_number(double x, const std::string& lang);

}  // namespace cadre::audit
