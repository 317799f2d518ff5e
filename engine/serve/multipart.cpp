// SPDX-License-Identifier: Apache-2.0
#include "engine/serve/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace cadre::serve {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// `; key=value; key="quoted \" value"` parameters of a header value, after its first token.
/// False when a quoted string is not closed.
bool parameters(std::string_view text, std::vector<std::pair<std::string, std::string>>& out) {
  std::size_t i = text.find(';');
  while (i != std::string_view::npos && i < text.size()) {
    ++i;  // past ';'
    std::size_t eq = text.find('=', i);
    if (eq == std::string_view::npos) return true;
    std::string key = lower(trim(text.substr(i, eq - i)));
    std::size_t v = eq + 1;
    while (v < text.size() && (text[v] == ' ' || text[v] == '\t')) ++v;
    std::string value;
    if (v < text.size() && text[v] == '"') {
      std::size_t j = v + 1;
      bool closed = false;
      for (; j < text.size(); ++j) {
        if (text[j] == '\\' && j + 1 < text.size()) {
          value += text[++j];
        } else if (text[j] == '"') {
          closed = true;
          break;
        } else {
          value += text[j];
        }
      }
      if (!closed) return false;
      i = text.find(';', j);
    } else {
      std::size_t end = text.find(';', v);
      value = std::string(trim(text.substr(v, end == std::string_view::npos ? std::string_view::npos : end - v)));
      i = end;
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return true;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  auto semicolon = content_type.find(';');
  if (lower(trim(content_type.substr(0, semicolon))) != "multipart/form-data") return std::nullopt;
  std::vector<std::pair<std::string, std::string>> params;
  if (!parameters(content_type, params)) return std::nullopt;
  for (const auto& [key, value] : params)
    if (key == "boundary") {
      // RFC 2046 §5.1.1: 1 to 70 characters, not ending in a space.
      if (value.empty() || value.size() > 70 || value.back() == ' ') return std::nullopt;
      return value;
    }
  return std::nullopt;
}

std::optional<std::vector<Part>> parse_multipart(std::string_view content_type, std::string_view body,
                                                 std::string& error, const MultipartLimits& limits) {
  auto boundary = multipart_boundary(content_type);
  if (!boundary) {
    error = "the request is not multipart/form-data with a boundary";
    return std::nullopt;
  }
  const std::string delimiter = "--" + *boundary;
  const std::string next_delimiter = "\r\n" + delimiter;
  // The first delimiter opens the body, or ends a preamble on a line of its own.
  std::size_t pos;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {
    pos = body.find(next_delimiter);
    if (pos == std::string_view::npos) {
      error = "the form data has no part (no boundary found)";
      return std::nullopt;
    }
    pos += next_delimiter.size();
  }
  std::vector<Part> parts;
  while (true) {
    // After a delimiter: `--` closes the body, CRLF opens a part (transport padding allowed).
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) == "--") return parts;
    if (body.substr(pos, 2) != "\r\n") {
      error = pos >= body.size() ? "the form data is truncated (no closing boundary)"
                                 : "the form data has a boundary not followed by a line break";
      return std::nullopt;
    }
    pos += 2;
    if (parts.size() == limits.max_parts) {
      error = "the form data has more than " + std::to_string(limits.max_parts) + " parts";
      return std::nullopt;
    }
    std::size_t headers_end = body.substr(pos, 2) == "\r\n" ? std::string_view::npos - 1  // no header at all
                                                            : body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos - 1) {
      error = "a part has no Content-Disposition with a field name";
      return std::nullopt;
    }
    if (headers_end == std::string_view::npos || headers_end - pos > limits.max_header_bytes) {
      error = headers_end == std::string_view::npos ? "the form data is truncated (a part's headers do not end)"
                                                    : "a part's headers are too long";
      return std::nullopt;
    }
    Part part;
    bool disposition = false;
    std::string_view headers = body.substr(pos, headers_end - pos);
    while (!headers.empty()) {
      std::size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) {
        error = "a part has a header line without a colon";
        return std::nullopt;
      }
      if (lower(trim(line.substr(0, colon))) != "content-disposition") continue;
      std::string_view value = trim(line.substr(colon + 1));
      if (lower(trim(value.substr(0, value.find(';')))) != "form-data") {
        error = "a part is not form-data";
        return std::nullopt;
      }
      std::vector<std::pair<std::string, std::string>> params;
      if (!parameters(value, params)) {
        error = "a part's Content-Disposition has an unclosed quoted string";
        return std::nullopt;
      }
      for (auto& [key, v] : params) {
        if (key == "name") part.name = std::move(v);
        else if (key == "filename") {
          part.filename = std::move(v);
          part.has_filename = true;
        }
      }
      disposition = true;
    }
    if (!disposition || part.name.empty()) {
      error = "a part has no Content-Disposition with a field name";
      return std::nullopt;
    }
    pos = headers_end + 4;
    std::size_t end = body.find(next_delimiter, pos);
    if (end == std::string_view::npos) {
      error = "the form data is truncated (no closing boundary)";
      return std::nullopt;
    }
    part.data = body.substr(pos, end - pos);
    parts.push_back(std::move(part));
    pos = end + next_delimiter.size();
  }
}

}  // namespace cadre::serve
