// SPDX-License-Identifier: Apache-2.0
// A scratch copy of a golden case's `work/` folder, for commands that write files: the
// case's `setup` script (links, FIFOs, hard links git cannot store) runs in it, and a
// snapshot taken before the command proves afterwards that no file a user had was changed.
#pragma once

#include <map>
#include <string>

namespace cadre::testing {

/// Every entry under `root` (relative path -> what it is: a file's bytes, a link's target,
/// "directory" or "special"), without reading FIFOs or devices.
std::map<std::string, std::string> snapshot(const std::string& root);

/// Copies `work` into a new temporary directory and runs the shell script `setup_script`
/// (a path; none when empty) there; returns the directory, or "" when the script failed.
std::string make_workspace(const std::string& work, const std::string& setup_script);

/// Entries of `before` that are gone or differ in `after`, one line each; empty when none.
std::string changed_entries(const std::map<std::string, std::string>& before,
                            const std::map<std::string, std::string>& after);

}  // namespace cadre::testing
