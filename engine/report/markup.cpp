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

}  // namespace cadre::report
