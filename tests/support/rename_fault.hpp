// SPDX-License-Identifier: Apache-2.0
// Fault injection for rename(2) in the test binary: the test executable defines `rename`,
// so every rename the engine makes (std::rename, std::filesystem::rename) comes here first.
// With no fault set it is the C library's own. This reaches the rollback paths that no real
// file system can be made to take on demand (a rename failing halfway through a replacement).
#pragma once

#include <functional>
#include <string>

namespace cadre::testing {

/// While alive, a rename for which `fails(from, to)` is true fails with EIO and changes nothing.
class RenameFault {
 public:
  explicit RenameFault(std::function<bool(const std::string& from, const std::string& to)> fails);
  ~RenameFault();
  RenameFault(const RenameFault&) = delete;
  RenameFault& operator=(const RenameFault&) = delete;
  int failures() const;
};

}  // namespace cadre::testing
