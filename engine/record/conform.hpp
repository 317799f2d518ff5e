// SPDX-License-Identifier: Apache-2.0
// Checks a record against its schema and types its scalars in place.
#pragma once

#include <vector>

#include "engine/base/diagnostic.hpp"
#include "engine/record/value.hpp"
#include "engine/schema/schema.hpp"

namespace cadre::record {

/// Missing required field (E0302), wrong type (E0303), bad date (E0304), bad duration
/// (E0309), value outside its enumeration (E0310) are errors about one field: the value is
/// marked Unreadable and listed in `record.problems`, and the rest of the record stays
/// readable. An undeclared field is a warning (W0306) with the field a declared synonym
/// stands for, the closest declared name, or the list of fields. Returns false when a field
/// breaks the schema.
/// `embedded`, when given, collects the mappings that carry a `kind` where the schema
/// accepts any value: records written inside another one (see embedded_records()).
bool conform(Record& record, const schema::Type& type, Diagnostics& diagnostics,
             std::vector<const Value*>* embedded = nullptr);

/// A copy of an inline mapping as a record of its own, with positions in the same file and
/// JSON Pointers from its own root. Only records of a file's own documents get embedded ones:
/// a mapping inside an embedded record stays a value.
Record embedded_record(FileId file, const Value& map);

}  // namespace cadre::record
