// SPDX-License-Identifier: Apache-2.0
// Writers for a stacking result (`cadre stack`): text for the terminal, JSON for machines
// (and one compact line per trainee for cohorts), a self-contained HTML page for the jury
// file. Deterministic: the same result gives the same bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/base/source.hpp"
#include "engine/stack/stack.hpp"

namespace cadre::report {

/// Where a finding is, as shown: a cohort's trainees are lines of one file, read one at a
/// time, so the caller says how offsets become positions.
struct Place {
  std::string path;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};
using Locate = std::function<Place(FileId, std::uint32_t offset)>;
Locate locate_in(const SourceManager& sources);

/// A file (or catalogue directory) the assessment read, for the page's reference to its inputs.
struct InputReference {
  std::string role;     // pathway, transcript, catalog, exceptions
  std::string path;     // as given
  std::size_t files = 1;
  /// A file: its SHA-256. A directory: the SHA-256 of its record files' list in `sha256sum`
  /// format ("<sha256>  <path relative to the directory>\n", sorted by path).
  std::string sha256;
};

struct StackReportInfo {
  std::string tool_version;
  std::string as_of;
  std::vector<PackInfo> packs;
  std::string lang = "fr";
  std::vector<InputReference> inputs;
};

/// The references of `paths` (role, path as given) from the files `sources` read: a file's
/// hash, or a directory's list hash over the files read under it.
std::vector<InputReference> reference_inputs(const std::vector<std::pair<std::string, std::string>>& paths,
                                             const SourceManager& sources);

/// One line per requirement, in tree order: « 1 formation parmi A ou B (label) »; with
/// `titles` (course id → title), each code is followed by its title.
std::string describe_requirement(const stack::Requirement& r, bool fr,
                                 const std::map<std::string, std::string>* titles = nullptr);
/// The holder as §10.2 names them: « Awa Diallo — INE 1234567890A — date de naissance 2 mai 1990 ».
std::string holder_identity(const stack::StackResult& s, bool fr);
/// What the smallest completion does at a node: "; to add: C", or, when held credentials
/// move to make room, "; with the completion: CERT-A, B (to add)". Empty otherwise. A course
/// to add for which the trainee holds only refused certificates reads "a valid certificate
/// for C (held: CERT-X refused: reason)": the credential exists, it does not count.
std::string completion_note(const stack::NodeResult& n, bool fr, const std::vector<stack::Refusal>& refused = {},
                            bool with_reasons = true, const std::map<std::string, std::string>* titles = nullptr);
/// A course of the completion: "a valid certificate for C (held: CERT-X refused: reason)"
/// when the trainee holds refused certificates for it, else the course id.
/// `with_reasons` false: the refusals' reasons are shown elsewhere (the jury page's table of refusals).
std::string completion_item(const std::string& course, bool fr, const std::vector<stack::Refusal>& refused,
                            bool with_reasons = true, const std::map<std::string, std::string>* titles = nullptr);
/// « UC-STK-A « Brique A » » / "UC-STK-A “Brique A”" with `titles` (course id → title), else the code.
std::string course_named(const std::string& course, bool fr, const std::map<std::string, std::string>* titles);

/// §10.2 on every output: "Authenticity: 2 of 3 counted credentials verified (§10.2)".
std::string authenticity_line(const stack::StackResult& s, bool fr);
/// " [authenticity not verified]" after a counted credential whose proof is not verified.
std::string unverified_mark(const stack::StackResult& s, const std::string& credential, bool fr);

void write_stack_text(std::ostream& out, const stack::StackResult& s, const Locate& locate, bool fr);
/// The result as JSON: verdict, requirements, assignments, refused credentials with reasons
/// and findings, exceptions applied, what is missing, and the notice.
nlohmann::ordered_json stack_json(const stack::StackResult& s, const Locate& locate);
void write_stack_json(std::ostream& out, const stack::StackResult& s, const Locate& locate, const StackReportInfo& info);
/// A printable A4 page with no external asset (styles inline), for the jury's file.
void write_stack_html(std::ostream& out, const stack::StackResult& s, const Locate& locate, const StackReportInfo& info);

}  // namespace cadre::report
