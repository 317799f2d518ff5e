// SPDX-License-Identifier: Apache-2.0
// A folder that a cadre command fills and may fill again (`audit --out`, `rules doc --out`):
// written into when new or empty, or when it holds only what the command wrote there last
// time, as its manifest lists. Nothing else in it is ever touched, and replacing its files is
// all-or-nothing: on any failure every file is put back as it was.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/io/input_registry.hpp"

namespace cadre::io {

struct FolderFile {
  std::string name;  // a plain file name, in the folder itself
  std::string bytes;
};

struct FolderPolicy {
  std::string command;        // "cadre audit", for messages
  std::string manifest_name;  // the file that lists what the command wrote, itself among the files written
  /// The file names a previous manifest lists (besides itself), or nullopt when `text` is not
  /// a manifest this command wrote.
  std::function<std::optional<std::vector<std::string>>(const std::string& text)> listed;
};

/// The `listed` of a command whose manifest is `{"tool": TOOL, "files": [NAME, ...]}` (rules
/// doc, schema): the plain file names it lists, or nullopt when `text` is not such a manifest
/// of `tool`, or names anything but a plain file of the folder.
std::optional<std::vector<std::string>> files_of_tool_manifest(const std::string& text, const std::string& tool);

/// Writes `files` into `dir` under `policy`; false with a message for people in `error` when
/// DIR is not a folder cadre may write into, a file would overwrite an input, or a write fails
/// (the folder is then as it was).
bool write_owned_folder(const std::string& dir, const FolderPolicy& policy, const std::vector<FolderFile>& files,
                        const InputRegistry& inputs, std::string& error);

}  // namespace cadre::io
