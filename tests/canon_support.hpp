// SPDX-License-Identifier: Apache-2.0
// Shared by the canonicalization tests: fixture files read from the source tree.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace cadre::test {

inline std::string fixture_text(const std::string& relative) {
  std::ifstream in(std::string(CADRE_SOURCE_DIR) + "/fixtures/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace cadre::test
