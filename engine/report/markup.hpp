// SPDX-License-Identifier: Apache-2.0
// Escaping text for the markup cadre writes: HTML pages (jury reports, audit packs) and XML
// (JUnit), and text for a terminal. One place, so every writer escapes the same characters.
#pragma once

#include <string>
#include <string_view>

namespace cadre::report {

/// `&`, `<`, `>`, `"` and `'` as entities: safe in element text and in quoted attributes.
std::string html_escape(std::string_view text);

/// As html_escape, and for XML 1.0: line breaks as `&#10;` (kept in attributes), other
/// control characters dropped (XML 1.0 does not allow them).
std::string xml_escape(std::string_view text);

/// For a terminal: control characters (escape sequences, CR, LF, DEL) written as `\x1B`, so
/// text quoted from a file can neither forge a line of the report nor drive the terminal.
std::string terminal_safe(std::string_view text);

}  // namespace cadre::report
