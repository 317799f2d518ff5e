// SPDX-License-Identifier: Apache-2.0
// The version of cadre's JSON outputs (check, stack, cohort lines and summaries, verify),
// documented in docs/json-formats.md. It changes only when a field is removed, renamed or
// changes meaning; new fields keep it. Scripts reading the outputs check it first.
#pragma once

namespace cadre::report {

inline constexpr int kJsonFormatVersion = 1;

}  // namespace cadre::report
