#include "engine/verify/contexts.hpp"

#include <array>

#include <nlohmann/json.hpp>

namespace cadre::verify {

namespace {
// VC 1.1 and 2.0, Open Badges 3.0.1 to 3.0.3 (and the unversioned URL that 3.0.0 uses), Data
// Integrity v1 and v2, and the VC 2.0 examples context of the W3C test vectors.
constexpr std::array<std::string_view, 10> kPinned = {
    "https://www.w3.org/2018/credentials/v1",
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://w3id.org/security/data-integrity/v1",
    "https://w3id.org/security/data-integrity/v2",
    "https://www.w3.org/ns/credentials/examples/v2",
    "https://www.w3.org/ns/credentials/undefined-terms/v2",
};
}  // namespace

bool is_pinned_context(std::string_view url) {
  for (auto pinned : kPinned)
    if (pinned == url) return true;
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
