// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/contexts.hpp"

#include <nlohmann/json.hpp>

#include "engine/verify/pinned_contexts.hpp"

namespace cadre::verify {

bool is_pinned_context(std::string_view url) {
  // One table for every proof format: the contexts eddsa-rdfc-2022 embeds, pinned by hash.
  for (const auto& pinned : pinned_contexts())
    if (pinned.url == url) return true;
  return false;
}

std::string context_problem(const nlohmann::json& document) {
  if (!document.is_object()) return "";
  auto it = document.find("@context");
  if (it == document.end()) return "";
  auto one = [](const nlohmann::json& c) -> std::string {
    if (c.is_string()) {
      const auto& url = c.get_ref<const std::string&>();
      return is_pinned_context(url) ? "" : "context " + url + " is not one cadre ships";
    }
    return "an inline (embedded) JSON-LD context";
  };
  if (it->is_array()) {
    for (const auto& c : *it)
      if (auto problem = one(c); !problem.empty()) return problem;
    return "";
  }
  return one(*it);
}

}  // namespace cadre::verify
