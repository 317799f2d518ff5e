// The figures of an evidence pack, per course and per session, each with its numerator and
// denominator: completion, drop-outs and their reasons, satisfaction, certification success,
// assessment and certificate gaps, exam conditions, feedback, complaints, improvement actions.
//
// This is the one place where the audit knows the session record (dfcu-2023's
// `record session`, records.md "kind: session"): field names are read here and nowhere else.
// docs/audit.md defines every figure; tests/audit_test.cpp checks them by hand.
#pragma once

#include <vector>

#include "engine/audit/evidence.hpp"
#include "engine/base/calendar.hpp"
#include "engine/base/source.hpp"
#include <functional>

#include "engine/record/value.hpp"

namespace cadre::audit {

struct FigureSet {
  Scope scope;
  std::vector<Figure> figures;
};

/// Computes every figure over the valid `course`, `session` and `certificate` records of
/// `records` (other kinds only count in the scope). `as_of` decides which complaints are
/// overdue; positions of gaps come from `sources`.
/// `in_scope` (when given) says which records the pack covers (--provider).
FigureSet compute_figures(const std::vector<record::Record>& records, const SourceManager& sources,
                          const Date& as_of, const Thresholds& thresholds, const std::string& lang,
                          const std::function<bool(const record::Record&)>& in_scope = {});

}  // namespace cadre::audit
