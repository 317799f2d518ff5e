// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/jcs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include <nlohmann/json.hpp>

namespace cadre::verify {

namespace {

/// `utf8` as UTF-16 code units: RFC 8785 §3.2.3 sorts keys by them, not by bytes (a key with
/// a character above U+FFFF sorts before one with U+E000..U+FFFF).
std::u16string utf16(const std::string& utf8) {
  std::u16string out;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = 0;
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k <= extra && i + static_cast<std::size_t>(k) < utf8.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(extra) + 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

void write_string(std::string& out, const std::string& s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

bool write(std::string& out, const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null: out += "null"; return true;
    case nlohmann::json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return true;
    // I-JSON numbers are IEEE doubles: an integer is written as the double it becomes.
    case nlohmann::json::value_t::number_integer: out += ecmascript_number(static_cast<double>(v.get<std::int64_t>())); return true;
    case nlohmann::json::value_t::number_unsigned: out += ecmascript_number(static_cast<double>(v.get<std::uint64_t>())); return true;
    case nlohmann::json::value_t::number_float: {
      std::string text = ecmascript_number(v.get<double>());
      if (text.empty()) return false;
      out += text;
      return true;
    }
    case nlohmann::json::value_t::string: write_string(out, v.get_ref<const std::string&>()); return true;
    case nlohmann::json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& item : v) {
        if (!first) out += ',';
        first = false;
        if (!write(out, item)) return false;
      }
      out += ']';
      return true;
    }
    case nlohmann::json::value_t::object: {
      std::vector<std::pair<std::u16string, const std::string*>> keys;
      for (auto it = v.begin(); it != v.end(); ++it) keys.emplace_back(utf16(it.key()), &it.key());
      std::sort(keys.begin(), keys.end());
      out += '{';
      bool first = true;
      for (const auto& [sort_key, key] : keys) {
        if (!first) out += ',';
        first = false;
        write_string(out, *key);
        out += ':';
        if (!write(out, v.at(*key))) return false;
      }
      out += '}';
      return true;
    }
    default: return false;  // binary and discarded values do not come from JSON text
  }
}

}  // namespace

std::string ecmascript_number(double value) {
  if (std::isnan(value) || std::isinf(value)) return "";
  if (value == 0) return "0";  // -0 too
  std::string sign = value < 0 ? "-" : "";
  // The shortest digits that read back as the same double (what ECMAScript requires), in
  // scientific form: d.ddde±x.
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value), std::chars_format::scientific);
  std::string text(buffer, end);
  auto e = text.find('e');
  std::string digits = text.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  int exponent = std::stoi(text.substr(e + 1));
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;  // the decimal point sits after n digits
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  } else {
    out = digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += n - 1 >= 0 ? "e+" : "e-";
    out += std::to_string(std::abs(n - 1));
  }
  return sign + out;
}

std::optional<std::string> jcs(const nlohmann::json& value) {
  std::string out;
  if (!write(out, value)) return std::nullopt;
  return out;
}

}  // namespace cadre::verify
