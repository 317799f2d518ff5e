// SPDX-License-Identifier: Apache-2.0
#include "engine/base/exact_decimal.hpp"

#include <cctype>
#include <charconv>
#include <string>

namespace cadre {

namespace {

/// A decimal number as its significant digits (no leading or trailing zero) and the power
/// of ten of the last one: `7.50` and `75e-1` are both {"75", -1}; zero is {"", 0}.
struct Decimal {
  std::string digits;
  long exponent = 0;
  bool negative = false;
  bool operator==(const Decimal&) const = default;
};

/// Nothing when `text` is not a plain decimal number (the caller parsed it already).
bool decimal_of(std::string_view text, Decimal& out) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) out.negative = text[i++] == '-';
  long fraction_digits = 0;
  bool point = false, any = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !point) {
      point = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      any = true;
      if (point) ++fraction_digits;
      if (!out.digits.empty() || c != '0') out.digits += c;  // leading zeros say nothing
    } else {
      break;
    }
  }
  if (!any) return false;
  out.exponent = -fraction_digits;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return false;
    long e = 0;
    std::string_view rest = text.substr(i + 1);
    if (!rest.empty() && rest.front() == '+') rest.remove_prefix(1);
    auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), e);
    if (ec != std::errc() || p != rest.data() + rest.size()) return false;
    out.exponent += e;
  }
  while (!out.digits.empty() && out.digits.back() == '0') {
    out.digits.pop_back();
    ++out.exponent;
  }
  if (out.digits.empty()) out = Decimal{};  // every zero, signed or not, is the same zero
  return true;
}

}  // namespace

bool holds_as_written(std::string_view written, double value) {
  // The shortest text that reads back as `value` (std::to_chars' guarantee): if the written
  // number differs from it, the double is not what was written.
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return false;
  Decimal as_written, as_read;
  if (!decimal_of(written, as_written) || !decimal_of(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), as_read))
    return false;
  return as_written == as_read;
}

}  // namespace cadre
