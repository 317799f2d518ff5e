// SPDX-License-Identifier: Apache-2.0
#include "engine/base/fuzzy.hpp"

#include <algorithm>
#include <numeric>

namespace cadre {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  // A typo of a short word changes at most a third of it; never suggest a word that
  // shares nothing with what was written.
  std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  for (const auto& candidate : candidates) {
    std::size_t d = edit_distance(word, candidate);
    // A truncated name (`wrkload` for `workload_hours`) is judged on the part written.
    if (candidate.size() > word.size() + 1 && word.size() >= 4)
      d = std::min(d, edit_distance(word, std::string_view(candidate).substr(0, word.size() + 1)) + 1);
    // A misspelt longer form of a short name (`lenght` for `len`).
    if (candidate.size() >= 3 && word.size() > candidate.size() && word.substr(0, candidate.size()) == candidate)
      d = std::min<std::size_t>(d, 2);
    if (d <= limit && (!best || d < best_distance || (d == best_distance && candidate < *best))) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace cadre
