// SPDX-License-Identifier: Apache-2.0
// manifest.json: what an evidence pack was made from and with, so that anyone can re-run it
// and see if anything changed — the tool version, each rule pack (id, version, SHA-256 of
// its files), the options (as-of date, language, paths as given), and the SHA-256 of every
// input and output file. It holds no clock time unless the audit was asked for one, and not
// the pack's own directory: two runs into two directories give the same bytes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cadre::audit {

inline constexpr const char* kManifestName = "manifest.json";
inline constexpr const char* kManifestFormat = "cadre-audit-manifest/1";

struct HashedFile {
  std::string path;  // inputs: as read; pack files: relative to the pack; outputs: in the pack directory
  std::size_t bytes = 0;
  std::string sha256;
};

/// A pack's hash is the SHA-256 of its file list in `sha256sum` format, one
/// "<sha256>  <path>\n" line per file in path order: any change to any file changes it.
struct PackHash {
  std::string id;
  std::string version;
  std::string sha256;
  std::vector<HashedFile> files;
};

struct Manifest {
  std::string tool_version;
  std::string rules;                // --rules as given
  std::string lang;
  std::string as_of;
  std::vector<std::string> paths;   // PATH... as given
  std::vector<std::string> waivers; // --waivers files as given (hashed among the inputs)
  std::string provider;             // --provider as given; empty: every provider of the inputs
  std::string generated_at;         // empty: none
  std::vector<PackHash> packs;
  std::vector<HashedFile> inputs;   // every record file read, sorted as the audit read them
  std::vector<HashedFile> outputs;  // the other files of the pack
};

HashedFile hash_bytes(const std::string& path, const std::string& bytes);
PackHash hash_pack(const std::string& id, const std::string& version, std::vector<HashedFile> files);

std::string write_manifest(const Manifest& manifest);
/// Reads a manifest written by write_manifest; false with `error` when it is not one.
bool read_manifest(const std::string& text, Manifest& out, std::string& error);

}  // namespace cadre::audit
