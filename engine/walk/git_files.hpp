// SPDX-License-Identifier: Apache-2.0
// Which files of a folder git would not ignore (.gitignore, .git/info/exclude, the user's
// global excludes): asked of git itself, so that every rule of gitignore(5) holds as git
// applies it. See docs/adr/0017-cli11-for-the-command-line.md ("walking") for why
// `git ls-files` and not `git check-ignore --stdin`.
#pragma once

#include <optional>
#include <set>
#include <string>

namespace cadre::walk {

/// The files under `dir` that git tracks or would not ignore, as paths relative to `dir`;
/// nothing when `dir` is not in a git work tree or git cannot be run (then nothing is
/// filtered: the walk does what it does outside a repository).
std::optional<std::set<std::string>> git_visible_files(const std::string& dir);

}  // namespace cadre::walk
