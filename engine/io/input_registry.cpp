// SPDX-License-Identifier: Apache-2.0
#include "engine/io/input_registry.hpp"

#include <algorithm>

#include <sys/stat.h>

namespace cadre::io {

void InputRegistry::add(const std::string& path, const std::string& role) {
  if (watching_ && watched_.empty()) return;  // no output to protect: no stat per record file
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  if (watching_ && std::find(watched_.begin(), watched_.end(), Identity{st.st_dev, st.st_ino}) == watched_.end()) return;
  // The first role a file was read in is the one named.
  entries_.try_emplace(Identity{st.st_dev, st.st_ino}, Entry{st.st_dev, st.st_ino, path, role});
}

void InputRegistry::watch_only(const std::vector<std::string>& paths) {
  watching_ = true;
  for (const auto& p : paths) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0) watched_.emplace_back(st.st_dev, st.st_ino);
  }
}

void InputRegistry::add_all(const std::vector<std::string>& paths, const std::string& role) {
  for (const auto& p : paths) add(p, role);
}

void InputRegistry::add_sources(const SourceManager& sources, const std::string& role) {
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const std::string& path = sources.file(static_cast<FileId>(i)).path();
    bool rules = path.size() > 6 && path.compare(path.size() - 6, 6, ".cadre") == 0;
    add(path, rules ? "a rule file" : role);
  }
}

const InputRegistry::Entry* InputRegistry::find(const std::string& path) const {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return nullptr;
  auto it = entries_.find(Identity{st.st_dev, st.st_ino});
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace cadre::io
