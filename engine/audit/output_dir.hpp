// SPDX-License-Identifier: Apache-2.0
// Writing an evidence pack into `--out DIR` without destroying anyone's files: DIR is created
// when missing, used when empty, and reused only when it holds a previous pack and nothing
// else — a manifest.json written by `cadre audit` that lists every other file there. See
// engine/io/owned_folder.hpp: replacing a pack is all-or-nothing.
#pragma once

#include <string>
#include <vector>

#include "engine/audit/audit.hpp"
#include "engine/io/input_registry.hpp"

namespace cadre::audit {

/// Writes `files` into `dir`; false with a message for people in `error` when DIR is not a
/// directory, holds anything but a previous pack, a file would overwrite an input, or a file
/// cannot be written (DIR is then as it was).
bool write_pack(const std::string& dir, const std::vector<OutputFile>& files, const io::InputRegistry& inputs,
                std::string& error);

}  // namespace cadre::audit
