// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/strict_json.hpp"

#include <algorithm>
#include <set>
#include <vector>

namespace cadre::verify {

namespace {
constexpr int kMaxDepth = 64;  // the record loader's nesting bound
}

std::optional<nlohmann::json> parse_strict_json(std::string_view text, std::string& error,
                                                std::optional<std::size_t>* error_at) {
  std::vector<std::set<std::string>> keys;  // one set per open object
  std::string problem;
  auto callback = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (!problem.empty()) return false;
    if (depth > kMaxDepth) {
      problem = "nested deeper than 64 levels";
      return false;
    }
    switch (event) {
      case nlohmann::json::parse_event_t::object_start: keys.emplace_back(); break;
      case nlohmann::json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case nlohmann::json::parse_event_t::key:
        if (!keys.empty() && !keys.back().insert(parsed.get<std::string>()).second)
          problem = "duplicate key \"" + parsed.get<std::string>() + "\"";
        break;
      default: break;
    }
    return true;
  };
  try {
    auto value = nlohmann::json::parse(text.begin(), text.end(), callback);
    if (!problem.empty()) {
      error = problem;
      return std::nullopt;
    }
    return value;
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number out of range
    error = problem.empty() ? json_error_text(e) : problem;
    // The library counts the bytes it read, the last one being where it stopped.
    if (const auto* syntax = dynamic_cast<const nlohmann::json::parse_error*>(&e); syntax && problem.empty() && error_at) {
      *error_at = syntax->byte == 0 ? 0 : std::min(syntax->byte - 1, text.size());
      if (error.rfind("parse error at line ", 0) == 0)
        if (auto colon = error.find(": "); colon != std::string::npos) error.erase(0, colon + 2);
    }
    return std::nullopt;
  }
}

}  // namespace cadre::verify
