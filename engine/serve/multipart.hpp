// SPDX-License-Identifier: Apache-2.0
// multipart/form-data (RFC 7578) for `cadre serve`'s forms: Boost.Beast reads HTTP but has no
// form parser (docs/adr: Boost.Beast for cadre serve). Small and bounded on purpose: parts
// are views into the body (no copy), their number and header sizes are capped, and anything
// that is not well formed is refused whole rather than guessed at. Fuzzed (tests/fuzz/fuzz_multipart.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadre::serve {

struct Part {
  std::string name;          // the form field
  std::string filename;      // as the browser sent it (never used as a path); empty: a plain field
  bool has_filename = false;
  std::string_view data;     // a view into the body
};

struct MultipartLimits {
  std::size_t max_parts = 256;
  std::size_t max_header_bytes = 8 * 1024;  // one part's headers
};

/// The boundary of a `multipart/form-data; boundary=…` content type, or nullopt.
std::optional<std::string> multipart_boundary(std::string_view content_type);

/// The parts of `body`, or nullopt with `error` saying what is malformed (a missing closing
/// delimiter, i.e. a truncated body, included).
std::optional<std::vector<Part>> parse_multipart(std::string_view content_type, std::string_view body,
                                                 std::string& error, const MultipartLimits& limits = {});

}  // namespace cadre::serve
