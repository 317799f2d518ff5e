// SPDX-License-Identifier: Apache-2.0
// "Did you mean ...?" suggestions (Levenshtein distance, as Cedar's fuzzy_match).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadre {

std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace cadre
