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

/// For a terminal: control characters (escape sequences, CR, LF, DEL) written as `\x1B`, and
/// C1 controls, line separators and bidirectional overrides as `\u202E`, so text quoted from
/// a file can neither forge a line of the report (a CI log reads `::error` lines as commands),
/// nor drive the terminal, nor reorder what the reader sees.
enum class TerminalKeep {
  nothing,
  tabs,              // source lines quoted under a diagnostic: the caret line repeats them
  tabs_and_newlines  // a whole report written at once, its lines its own
};
std::string terminal_safe(std::string_view text, TerminalKeep keep = TerminalKeep::nothing);

}  // namespace cadre::report
