// Checks a record against its schema and types its scalars in place.
#pragma once

#include "engine/base/diagnostic.hpp"
#include "engine/record/value.hpp"
#include "engine/schema/schema.hpp"

namespace cadre::record {

/// Missing required field (E0302), wrong type (E0303), bad date (E0304), bad duration
/// (E0309), value outside its enumeration (E0310) are errors; an undeclared field is a
/// warning with the closest declared name (W0306). Returns false on any error.
bool conform(Record& record, const schema::Type& type, Diagnostics& diagnostics);

}  // namespace cadre::record
