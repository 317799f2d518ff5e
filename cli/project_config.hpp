// SPDX-License-Identifier: Apache-2.0
// The project configuration: `cadre.yaml` (or `.cadre.yaml`), found by walking up from the
// current directory, as `.spectral.yaml` or `ruff.toml` are. It names what `cadre check`
// checks with no path, and the options a committee would otherwise repeat in every CI step.
// The command line wins over it, key by key. See docs/cli.md, "Project configuration".
#pragma once

#include <optional>
#include <string>

#include "cli/command_line.hpp"

namespace cadre::cli {

inline constexpr const char* kConfigNames[] = {"cadre.yaml", ".cadre.yaml"};
/// apply_project_config's answer when it has printed its own (positioned) diagnostics.
inline constexpr const char* kConfigReported = "\x01reported";

/// The configuration file that applies in `start` (a folder): the first of kConfigNames in
/// it or in a parent. Two of them in one folder is an error (in `error`).
std::optional<std::string> find_project_config(const std::string& start, std::string& error);

/// Fills the options `command` accepts and `parsed` does not give from the configuration
/// (`--config FILE`, else the one found from the current directory; none with --no-config).
/// Paths are relative to the configuration's folder. "" when all is well, else the error
/// (kConfigReported when diagnostics with positions were printed).
std::string apply_project_config(const CommandSpec& command, ParsedArgs& parsed);

/// The starter configuration `cadre init` writes: every key, commented.
std::string starter_config();

}  // namespace cadre::cli
