// SPDX-License-Identifier: Apache-2.0
#include "engine/report/markup.hpp"

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

std::string terminal_safe(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace cadre::report
