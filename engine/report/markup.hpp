// Escaping text for the markup cadre writes: HTML pages (jury reports, audit packs) and XML
// (JUnit). One place, so every writer escapes the same characters.
#pragma once

#include <string>
#include <string_view>

namespace cadre::report {

/// `&`, `<`, `>`, `"` and `'` as entities: safe in element text and in quoted attributes.
std::string html_escape(std::string_view text);

/// As html_escape, and for XML 1.0: line breaks as `&#10;` (kept in attributes), other
/// control characters dropped (XML 1.0 does not allow them).
std::string xml_escape(std::string_view text);

}  // namespace cadre::report
