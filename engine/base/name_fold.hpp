// SPDX-License-Identifier: Apache-2.0
// Names as people write them: « Université Littoral Côte d’Opale » and "Universite du
// littoral cote d'opale" are the same university. Unicode work (NFC, accents, case) is
// done by ICU (docs/adr/0011-icu-for-name-normalisation.md), not by hand.
#pragma once

#include <string>
#include <string_view>

namespace cadre {

/// The comparison key of a name: Unicode-normalised, accents removed, case folded, every
/// apostrophe (’ ' ʼ ‘ ` ´) one kind, every run of dashes and spaces (no-break ones included)
/// one space, none at either end. Invalid UTF-8 is returned unchanged. Two names
/// are the same name when their keys are equal. Never shown to a reader.
std::string name_key(std::string_view name);

}  // namespace cadre
