// SPDX-License-Identifier: Apache-2.0
#include "engine/io/input_registry.hpp"

#include <algorithm>

#include <sys/stat.h>

namespace cadre::io {

void InputRegistry::add(const std::string& path, const std::string& role) {
  if (watching_ && watched_.empty()) return;  // no output to protect: no stat per record file
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return;
  if (watching_ && std::find(watched_.begin(), watched_.end(), std::make_pair(st.st_dev, st.st_ino)) == watched_.end()) return;
  for (const auto& e : entries_)
    if (e.device == st.st_dev && e.inode == st.st_ino) return;  // the first role a file was read in is named
  entries_.push_back({st.st_dev, st.st_ino, path, role});
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
  for (const auto& e : entries_)
    if (e.device == st.st_dev && e.inode == st.st_ino) return &e;
  return nullptr;
}

}  // namespace cadre::io
