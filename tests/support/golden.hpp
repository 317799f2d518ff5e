// SPDX-License-Identifier: Apache-2.0
// Golden files: compare output with a file kept in the repository. With
// CADRE_UPDATE_GOLDEN=1 the file is (re)written instead, for a reviewer to diff in git.
#pragma once

#include <string>

namespace cadre::testing {

/// The repository root (tests run from it; this is for absolute paths).
std::string source_dir();
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

/// Empty when `actual` equals the golden file (or the file was updated); otherwise a
/// line-by-line account of the first differences, for the failure message.
std::string golden_mismatch(const std::string& golden_path, const std::string& actual);

}  // namespace cadre::testing
