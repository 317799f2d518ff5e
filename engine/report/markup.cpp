// SPDX-License-Identifier: Apache-2.0
#include "engine/report/markup.hpp"

#include <cstdint>

namespace cadre::report {

namespace {

std::string escape(std::string_view text, bool xml) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += xml ? "&apos;" : "&#39;"; break;
      case '\n': out += xml ? "&#10;" : "\n"; break;
      default:
        if (xml && c < 0x20 && c != '\t') continue;
        out += ch;
    }
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) { return escape(text, false); }
std::string xml_escape(std::string_view text) { return escape(text, true); }

std::string terminal_safe(std::string_view text, TerminalKeep keep) {
  const bool keep_tabs = keep != TerminalKeep::nothing, keep_newlines = keep == TerminalKeep::tabs_and_newlines;
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && !(keep_tabs && c == '\t') && !(keep_newlines && c == '\n')) || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      continue;
    }
    // C1 controls (U+0080 to U+009F: U+009B is CSI to some terminals), the line and paragraph
    // separators, and the bidirectional embeddings, overrides and isolates (which reorder
    // what a reader sees): written as \uXXXX.
    std::uint32_t cp = 0;
    std::size_t length = 0;
    if (c == 0xC2 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) cp = next, length = 2;
    } else if (c == 0xE2 && i + 2 < text.size()) {
      auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      std::uint32_t point = 0x2000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      bool continuation = (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80;
      if (continuation && ((point >= 0x2028 && point <= 0x202E) || (point >= 0x2066 && point <= 0x2069)))
        cp = point, length = 3;
    }
    if (length) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 15];
      i += length - 1;
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace cadre::report
