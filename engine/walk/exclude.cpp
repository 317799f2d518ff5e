// SPDX-License-Identifier: Apache-2.0
#include "engine/walk/exclude.hpp"

#include <fnmatch.h>

#include <filesystem>

namespace cadre::walk {

namespace {

std::string tidy(std::string s) {
  while (s.rfind("./", 0) == 0) s.erase(0, 2);
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

bool glob_matches(const std::string& glob, const std::string& path) {
  std::string g = tidy(glob), p = tidy(std::filesystem::path(path).lexically_normal().generic_string());
  if (g.empty() || p.empty()) return false;
  if (g.find('/') == std::string::npos) {
    for (const auto& part : std::filesystem::path(p))
      if (::fnmatch(g.c_str(), part.c_str(), FNM_PERIOD) == 0) return true;
    return false;
  }
  // `**` is `*` here: without FNM_PATHNAME a `*` already crosses `/`.
  return ::fnmatch(g.c_str(), p.c_str(), 0) == 0 || ::fnmatch((g + "/*").c_str(), p.c_str(), 0) == 0;
}

bool any_glob_matches(const std::vector<std::string>& globs, const std::string& path) {
  for (const auto& g : globs)
    if (glob_matches(g, path)) return true;
  return false;
}

}  // namespace cadre::walk
