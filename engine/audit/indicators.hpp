// SPDX-License-Identifier: Apache-2.0
// The status of each Qualiopi indicator in an evidence pack, from the rules that cite it (and
// how they judged the records), the figures that measure it, and whether it applies at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/audit/evidence.hpp"
#include "engine/catalog/catalog.hpp"

namespace cadre::audit {

/// The criterion (1 to 7) an indicator belongs to, and its title.
int criterion_of(int indicator);
std::string criterion_title(int criterion, const std::string& lang);

/// Why an indicator never applies to micro-credentials, or nothing when it may apply.
std::optional<std::string> not_applicable_because(int indicator, const std::string& lang);

/// One IndicatorEvidence per indicator the packs declare, in number order:
/// - not applicable: see not_applicable_because();
/// - not checked by software: no rule and no figure covers it, or none had a record to judge;
/// - shortfall: a rule citing it failed or could not decide on a record (error or warning
///   severity), or one of its gap figures counts at least one gap;
/// - evidenced: otherwise. Never "passed": the auditor decides.
std::vector<IndicatorEvidence> judge_indicators(const catalog::Catalog& catalog, const std::vector<RuleResult>& rules,
                                                const std::vector<Figure>& figures, const std::string& lang);

}  // namespace cadre::audit
