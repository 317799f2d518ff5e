// SPDX-License-Identifier: Apache-2.0
// Reads a whole file, refusing one over a size limit before reading it: a file that is too
// large costs a stat, not its size in memory (a sparse 1 GB file was read, then refused).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace cadre {

struct BoundedRead {
  enum class Status { Read, TooLarge, Unreadable };
  Status status = Status::Unreadable;
  std::string text;         // when Read
  std::uintmax_t size = 0;  // when TooLarge: the size stat gave, or max_bytes + 1 for a
                            // file that grew or a stream that had no size
  std::string reason;       // when Unreadable: what the system said
};

/// Reads `path` when it holds at most `max_bytes`: the limit is checked on stat() before
/// the file is opened, and again while reading (a file may grow, a device has no size), so
/// at most max_bytes + 1 bytes are ever read.
BoundedRead read_within(const std::string& path, std::size_t max_bytes);

}  // namespace cadre
