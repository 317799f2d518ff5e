// SPDX-License-Identifier: Apache-2.0
// `--exclude GLOB` and the configuration's `exclude:`/`include:` globs, matched as a shell
// matches file names (fnmatch): a glob without `/` matches any one component of the path
// (`drafts`, `*.draft.yaml`); a glob with `/` matches the path from the folder walked or
// from the current directory, and everything under it (`proposals/old`, `*/archive/*`).
#pragma once

#include <string>
#include <vector>

namespace cadre::walk {

bool glob_matches(const std::string& glob, const std::string& path);
bool any_glob_matches(const std::vector<std::string>& globs, const std::string& path);

}  // namespace cadre::walk
