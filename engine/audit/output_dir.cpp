// SPDX-License-Identifier: Apache-2.0
#include "engine/audit/output_dir.hpp"

#include "engine/audit/manifest.hpp"
#include "engine/io/owned_folder.hpp"

namespace cadre::audit {

bool write_pack(const std::string& dir, const std::vector<OutputFile>& files, const io::InputRegistry& inputs,
                std::string& error) {
  io::FolderPolicy policy;
  policy.command = "cadre audit";
  policy.manifest_name = kManifestName;
  policy.listed = [](const std::string& text) -> std::optional<std::vector<std::string>> {
    Manifest m;
    std::string ignored;
    if (!read_manifest(text, m, ignored)) return std::nullopt;
    std::vector<std::string> names;
    for (const auto& f : m.outputs) names.push_back(f.path);
    return names;
  };
  std::vector<io::FolderFile> folder;
  for (const auto& f : files) folder.push_back({f.name, f.bytes});
  return io::write_owned_folder(dir, policy, folder, inputs, error);
}

}  // namespace cadre::audit
