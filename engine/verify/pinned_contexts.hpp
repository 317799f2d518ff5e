// SPDX-License-Identifier: Apache-2.0
// The JSON-LD contexts cadre supports: embedded at build time, pinned by SHA-256, looked up by
// URL. Never fetched: a URL not in this table is unsupported.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace cadre::verify {

struct PinnedContext {
  std::string_view url;
  std::string_view file;    // in engine/verify/contexts/
  std::string_view sha256;  // of the file's bytes, lowercase hex
};

/// Every URL cadre resolves, with the file and hash it is pinned to.
std::span<const PinnedContext> pinned_contexts();

/// The document for `url`, or nothing when the URL is not pinned or the embedded bytes do not
/// match their pinned hash (then nothing is trusted: fail closed).
std::optional<std::string_view> pinned_context_document(std::string_view url);

}  // namespace cadre::verify
