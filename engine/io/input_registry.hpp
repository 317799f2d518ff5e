// SPDX-License-Identifier: Apache-2.0
// The files a command reads in one run, by identity (device and inode), so that no output
// is ever written onto one of them: not by the same path, nor through a symbolic link, a
// `..` or a hard link. Every command registers what it reads before it writes anything.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <utility>
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

  /// From now on, keeps only the inputs that are one of `paths` (the outputs a command will
  /// write, known before it reads): a run over 100,000 record files then holds no list of
  /// them, and registering each costs one stat. Paths that do not exist yet cannot be inputs.
  void watch_only(const std::vector<std::string>& paths);
  /// The input that `path` is, when it is one (same device and inode); nullptr otherwise.
  struct Entry {
    dev_t device;
    ino_t inode;
    std::string path;
    std::string role;
  };
  const Entry* find(const std::string& path) const;

 private:
  using Identity = std::pair<dev_t, ino_t>;
  // By identity: a run that registers n inputs costs n log n, not n² (an audit or a cohort
  // can name tens of thousands of files).
  std::map<Identity, Entry> entries_;
  bool watching_ = false;
  std::vector<Identity> watched_;
};

}  // namespace cadre::io
