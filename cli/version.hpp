// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace cadre::cli {
inline constexpr const char* kVersion = CADRE_VERSION;
}  // namespace cadre::cli
