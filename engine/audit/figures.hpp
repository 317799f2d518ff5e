// SPDX-License-Identifier: Apache-2.0
// The figures of an evidence pack, per course and per session, each with its numerator and
// denominator: completion, drop-outs and their reasons, satisfaction, certification success,
// assessment and certificate gaps, exam conditions, feedback, complaints, improvement actions.
//
// This is the one place where the audit knows the session record (dfcu-2023's
// `record session`, records.md "kind: session"): field names are read here and nowhere else.
// docs/audit.md defines every figure; tests/audit_test.cpp checks them by hand.
#pragma once

#include <algorithm>
#include <vector>

#include "engine/audit/evidence.hpp"
#include "engine/base/calendar.hpp"
#include "engine/base/source.hpp"
#include <functional>

#include "engine/record/value.hpp"

namespace cadre::audit {

/// Which part of a record a pack covers (--provider). A session is shared: its own items
/// (surveys, complaints, jury) belong to the course's producer, each trainee to the university
/// that contracted them (§3), so a provider's pack takes only its part of another's session.
struct RecordPart {
  bool any = true;            // some of the record is in the pack
  bool session_items = true;  // a session's surveys, complaints, jury and improvement actions
  std::vector<bool> trainees; // per trainee of a session; empty: every trainee
  bool trainee(std::size_t i) const { return trainees.empty() || (i < trainees.size() && trainees[i]); }
  bool whole() const {
    return any && session_items && std::all_of(trainees.begin(), trainees.end(), [](bool b) { return b; });
  }
};
using PartOf = std::function<RecordPart(const record::Record&)>;

struct FigureSet {
  Scope scope;
  std::vector<Figure> figures;
};

/// Computes every figure over the valid `course`, `session` and `certificate` records of
/// `records` (other kinds only count in the scope). `as_of` decides which complaints are
/// overdue; positions of gaps come from `sources`.
/// `part_of` (when given) says which part of each record the pack covers (--provider).
FigureSet compute_figures(const std::vector<record::Record>& records, const SourceManager& sources,
                          const Date& as_of, const Thresholds& thresholds, const std::string& lang,
                          const PartOf& part_of = {});

}  // namespace cadre::audit
