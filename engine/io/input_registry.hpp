// SPDX-License-Identifier: Apache-2.0
// The files a command reads in one run, by identity (device and inode), so that no output
// is ever written onto one of them: not by the same path, nor through a symbolic link, a
// `..` or a hard link. Every command registers what it reads before it writes anything.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "engine/base/source.hpp"

namespace cadre::io {

class InputRegistry {
 public:
  /// Registers `path` (followed through links) as read in the role `role` ("a record file",
  /// "the waivers file", ...). A path that does not exist is ignored: nothing can be lost.
  void add(const std::string& path, const std::string& role);
  void add_all(const std::vector<std::string>& paths, const std::string& role);
  /// Registers every file a run has read: `.cadre` files as rule files, the others in `role`.
  /// Call it after the roles known better (waivers, cohort...): a file keeps its first role.
  void add_sources(const SourceManager& sources, const std::string& role);

  /// The input that `path` is, when it is one (same device and inode); nullptr otherwise.
  struct Entry {
    dev_t device;
    ino_t inode;
    std::string path;
    std::string role;
  };
  const Entry* find(const std::string& path) const;

 private:
  std::vector<Entry> entries_;
};

}  // namespace cadre::io
