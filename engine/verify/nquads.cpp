// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/nquads.hpp"

#include "engine/base/utf8.hpp"

#include <cctype>
#include <cstdint>

namespace cadre::verify {

namespace {

// Canonical N-Quads (RDF 1.2 §canonical N-Triples, as RDFC-1.0 requires): ECHAR for the seven
// characters that have one, UCHAR (upper-case hex) for the other controls, the rest as is.
void append_escaped_literal(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : text) {
    switch (c) {
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default: {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 0xF];
        } else {
          out += c;
        }
      }
    }
  }
}

class LineParser {
 public:
  explicit LineParser(std::string_view line) : s_(line) {}

  bool parse(RdfQuad& quad, std::string& error) {
    if (!term(quad.subject, error) || !term(quad.predicate, error) || !term(quad.object, error)) return false;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] != '.') {
      if (!term(quad.graph, error)) return false;
      skip_ws();
    }
    if (pos_ >= s_.size() || s_[pos_] != '.') return fail(error, "expected '.' at the end of the quad");
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] != '#') return fail(error, "unexpected text after '.'");
    if (quad.subject.kind == RdfTerm::Kind::literal || quad.predicate.kind != RdfTerm::Kind::iri ||
        quad.graph.kind == RdfTerm::Kind::literal) {
      return fail(error, "a literal or blank node where N-Quads forbids it");
    }
    return true;
  }

 private:
  bool fail(std::string& error, std::string message) {
    error = "column " + std::to_string(pos_ + 1) + ": " + std::move(message);
    return false;
  }
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  bool hex_escape(std::string& out, std::size_t digits, std::string& error) {
    if (pos_ + digits > s_.size()) return fail(error, "truncated \\u escape");
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      const char h = s_[pos_ + i];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= static_cast<std::uint32_t>(h - 'A' + 10);
      else return fail(error, "bad hex digit in escape");
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return fail(error, "escape is not a Unicode scalar value");
    pos_ += digits;
    append_utf8(out, cp);
    return true;
  }
  bool uchar(std::string& out, std::string& error) {  // after the backslash
    const char k = s_[pos_++];
    if (k == 'u') return hex_escape(out, 4, error);
    if (k == 'U') return hex_escape(out, 8, error);
    return fail(error, "bad escape");
  }
  bool iri(std::string& out, std::string& error) {  // after '<'
    while (pos_ < s_.size() && s_[pos_] != '>') {
      const char c = s_[pos_];
      if (c == '\\') {
        ++pos_;
        if (pos_ >= s_.size() || !uchar(out, error)) return error.empty() ? fail(error, "bad IRI escape") : false;
        continue;
      }
      if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' ||
          c == '^' || c == '`') {
        return fail(error, "character not allowed in an IRI");
      }
      out += c;
      ++pos_;
    }
    if (pos_ >= s_.size()) return fail(error, "unterminated IRI");
    ++pos_;
    return true;
  }
  bool term(RdfTerm& t, std::string& error) {
    skip_ws();
    if (pos_ >= s_.size()) return fail(error, "expected a term");
    const char c = s_[pos_];
    if (c == '<') {
      ++pos_;
      t.kind = RdfTerm::Kind::iri;
      return iri(t.value, error);
    }
    if (c == '_') {
      if (pos_ + 1 >= s_.size() || s_[pos_ + 1] != ':') return fail(error, "expected '_:'");
      pos_ += 2;
      t.kind = RdfTerm::Kind::blank;
      while (pos_ < s_.size() && s_[pos_] != ' ' && s_[pos_] != '\t') t.value += s_[pos_++];
      while (!t.value.empty() && t.value.back() == '.') {  // "_:b0." ends the statement
        t.value.pop_back();
        --pos_;
      }
      if (t.value.empty()) return fail(error, "empty blank node label");
      return true;
    }
    if (c == '"') {
      ++pos_;
      t.kind = RdfTerm::Kind::literal;
      while (pos_ < s_.size() && s_[pos_] != '"') {
        if (s_[pos_] == '\\') {
          ++pos_;
          if (pos_ >= s_.size()) return fail(error, "unterminated escape");
          const char k = s_[pos_];
          const char* echar = "tbnrf\"'\\";
          const char* value = "\t\b\n\r\f\"'\\";
          bool done = false;
          for (int i = 0; echar[i] != 0; ++i) {
            if (k == echar[i]) {
              t.value += value[i];
              ++pos_;
              done = true;
              break;
            }
          }
          if (!done && !uchar(t.value, error)) return false;
          continue;
        }
        if (s_[pos_] == '\n' || s_[pos_] == '\r') return fail(error, "raw line break in a literal");
        t.value += s_[pos_++];
      }
      if (pos_ >= s_.size()) return fail(error, "unterminated literal");
      ++pos_;
      if (pos_ < s_.size() && s_[pos_] == '@') {
        ++pos_;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-')) {
          t.language += s_[pos_++];
        }
        if (t.language.empty()) return fail(error, "empty language tag");
        t.datatype = kRdfLangString;
      } else if (pos_ + 1 < s_.size() && s_[pos_] == '^' && s_[pos_ + 1] == '^') {
        pos_ += 2;
        if (pos_ >= s_.size() || s_[pos_] != '<') return fail(error, "expected a datatype IRI");
        ++pos_;
        if (!iri(t.datatype, error)) return false;
      } else {
        t.datatype = kXsdString;
      }
      return true;
    }
    return fail(error, "expected a term");
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string nquads_term(const RdfTerm& term) {
  std::string out;
  switch (term.kind) {
    case RdfTerm::Kind::none: break;
    case RdfTerm::Kind::iri: out = "<" + term.value + ">"; break;
    case RdfTerm::Kind::blank: out = "_:" + term.value; break;
    case RdfTerm::Kind::literal:
      out = "\"";
      append_escaped_literal(out, term.value);
      out += '"';
      if (!term.language.empty()) {
        out += "@" + term.language;
      } else if (!term.datatype.empty() && term.datatype != kXsdString) {
        out += "^^<" + term.datatype + ">";
      }
      break;
  }
  return out;
}

std::string nquads_line(const RdfQuad& quad) {
  std::string line = nquads_term(quad.subject) + " " + nquads_term(quad.predicate) + " " + nquads_term(quad.object);
  if (quad.graph.kind != RdfTerm::Kind::none) line += " " + nquads_term(quad.graph);
  line += " .\n";
  return line;
}

NQuadsParse parse_nquads(std::string_view text) {
  RdfDataset dataset;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    RdfQuad quad;
    std::string error;
    if (!LineParser(line).parse(quad, error)) return {std::nullopt, "line " + std::to_string(line_number) + ", " + error};
    dataset.push_back(std::move(quad));
  }
  return {std::move(dataset), {}};
}

}  // namespace cadre::verify
