// SPDX-License-Identifier: Apache-2.0
// What a rule says about a field that is present but breaks its schema (record::Unreadable):
// the reason, in the reader's language, and the diagnostic code that reported it.
#pragma once

#include <string>

#include "engine/base/diagnostic.hpp"
#include "engine/record/value.hpp"

namespace cadre::record {

/// The code conform() (or the loader) reported the value with.
DiagCode unreadable_code(Unreadable why);

/// Why `v` could not be read, in `lang`, ending with its code:
/// "`quatorze heures` is not a number (E0303)".
std::string unreadable_reason(const Value& v, const std::string& lang);

/// The loader's E0305 message, which conform() looks for to link a duplicate key to it.
std::string duplicate_key_message(const std::string& key);

}  // namespace cadre::record
