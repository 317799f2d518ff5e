// SPDX-License-Identifier: Apache-2.0
// Whether a number read into a double is still the number its text wrote. Records are
// judged in doubles (rules compare and sum them), so a figure with more significant digits
// than a double holds — `6.9999999999999999`, read as 7 — would pass a bound it fails as
// written. Such a figure is refused where it is written instead of silently rounded.
#pragma once

#include <string_view>

namespace cadre {

/// True when `value` (the double parsed from `written`) is exactly the decimal number
/// `written` (digits, an optional sign, point and exponent) says, once both are written
/// with their fewest digits: `7`, `7.50`, `0.1`, `1e3` hold; `6.9999999999999999` (read as
/// 7) and `0.30000000000000001` (read as 0.3) do not.
bool holds_as_written(std::string_view written, double value);

}  // namespace cadre
