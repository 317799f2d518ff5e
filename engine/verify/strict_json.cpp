// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/strict_json.hpp"

#include <algorithm>
#include <set>
#include <vector>

namespace cadre::verify {

namespace {
constexpr int kMaxDepth = 64;  // the record loader's nesting bound

/// The byte offset of the `index`-th object key (0-based, in document order) of `text`, whose
/// JSON is well formed at least up to that key: the parser's callback saw it there, but the
/// library gives no position with its events.
std::optional<std::size_t> offset_of_key(std::string_view text, std::size_t index) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    std::size_t start = i;
    for (++i; i < text.size() && text[i] != '"'; ++i)
      if (text[i] == '\\') ++i;  // an escaped quote does not end the string
    std::size_t after = i + 1;
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t' || text[after] == '\n' || text[after] == '\r'))
      ++after;
    if (after < text.size() && text[after] == ':' && seen++ == index) return start;
  }
  return std::nullopt;
}
}  // namespace

std::optional<nlohmann::json> parse_strict_json(std::string_view text, std::string& error,
                                                std::optional<std::size_t>* error_at) {
  std::vector<std::set<std::string>> keys;  // one set per open object
  std::string problem;
  std::size_t keys_seen = 0;
  std::optional<std::size_t> duplicate_key;  // its index among the keys, in document order
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
        if (!keys.empty() && !keys.back().insert(parsed.get<std::string>()).second) {
          problem = "duplicate key \"" + parsed.get<std::string>() + "\"";
          duplicate_key = keys_seen;
        }
        ++keys_seen;
        break;
      default: break;
    }
    return true;
  };
  try {
    auto value = nlohmann::json::parse(text.begin(), text.end(), callback);
    if (!problem.empty()) {
      error = problem;
      if (duplicate_key && error_at) *error_at = offset_of_key(text, *duplicate_key);
      return std::nullopt;
    }
    return value;
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number out of range
    error = problem.empty() ? json_error_text(e) : problem;
    if (!problem.empty() && duplicate_key && error_at) *error_at = offset_of_key(text, *duplicate_key);
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
