// SPDX-License-Identifier: Apache-2.0
// Internal. Instantiates the file grammar for the one iterator/context pair.
#include "dsl/x3/module_def.hpp"

namespace cadre::dsl::x3 {

BOOST_SPIRIT_INSTANTIATE(module_type, iterator_type, context_type)

module_type const& get_module() { return module; }

namespace {
bool starts_declaration(const char* p, const char* end) {
  static constexpr std::string_view kKeywords[] = {"pack", "use", "const", "override", "disable", "indicator",
                                                    "record", "type", "rule", "unchecked"};
  std::string_view rest(p, static_cast<std::size_t>(end - p));
  for (auto k : kKeywords) {
    if (rest.substr(0, k.size()) == k &&
        (rest.size() == k.size() || !(std::isalnum(static_cast<unsigned char>(rest[k.size()])) ||
                                      rest[k.size()] == '_')))
      return true;
  }
  return false;
}
}  // namespace

const char* resync_point(const char* from, const char* end) {
  // Move at least one character, then to the start of the next line that begins (at
  // column 1) with a declaration keyword, skipping strings and comments on the way.
  const char* p = from < end ? from + 1 : end;
  bool at_line_start = false;
  while (p < end) {
    char c = *p;
    if (at_line_start && starts_declaration(p, end)) return p;
    at_line_start = false;
    if (c == '"') {
      ++p;
      while (p < end && *p != '"' && *p != '\n') p += (*p == '\\' && p + 1 < end) ? 2 : 1;
      if (p < end && *p == '"') ++p;
      continue;
    }
    if (c == '#') {
      while (p < end && *p != '\n') ++p;
      continue;
    }
    if (c == '\n') at_line_start = true;
    ++p;
  }
  return end;
}

}  // namespace cadre::dsl::x3
