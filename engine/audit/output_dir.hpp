// Writing an evidence pack into `--out DIR` without destroying anyone's files: DIR is created
// when missing, used when empty, and reused only when it holds a previous pack (a
// manifest.json written by `cadre audit`), whose own files alone are overwritten.
#pragma once

#include <string>
#include <vector>

#include "engine/audit/audit.hpp"

namespace cadre::audit {

/// Writes `files` into `dir`; false with a message for people in `error` when DIR is not a
/// directory, holds files but no previous pack, or cannot be written.
bool write_pack(const std::string& dir, const std::vector<OutputFile>& files, std::string& error);

}  // namespace cadre::audit
