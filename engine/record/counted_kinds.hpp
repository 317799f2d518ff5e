// SPDX-License-Identifier: Apache-2.0
// Which record kinds a report counts as records checked. Waivers, registrar exceptions and
// trust lists are read and checked like records, but they are the committee's instruments,
// not proposals or certificates: counting them would let a waivers file pass as one more
// "conforming record" (issue 15). The project configuration is not a record kind at all.
#pragma once

#include <string_view>

namespace cadre::record {

inline bool counted_as_checked(std::string_view kind) {
  return kind != "waivers" && kind != "exceptions" && kind != "trust";
}

}  // namespace cadre::record
