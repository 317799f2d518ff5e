// SPDX-License-Identifier: Apache-2.0
// The first record of each kind and id in a run, to report those declared twice.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/base/source.hpp"

namespace cadre::record {

/// A run holds one entry per record it reads, for the whole run: the entries are small and
/// live in one flat array (open addressing, linear probing), not one allocation each, so
/// memory per record stays between 32 and 64 bytes and the heap is not fragmented by them.
/// A kind and id is keyed by 128 bits of the SHA-256 of both: no two pairs of a run share
/// them, so equal keys are equal pairs and no string is kept.
class DeclaredIds {
 public:
  struct First {
    FileId file = kNoFile;
    Position position;
  };
  /// Notes the record `kind` `id` declared at `file`:`position`, unless one came first:
  /// then returns where that one is (and notes nothing).
  std::optional<First> declare(std::string_view kind, std::string_view id, FileId file, Position position);
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint32_t key[4];
    FileId file = kNoFile;  // kNoFile: an empty slot
    Position position;
  };
  Slot* find(const std::uint32_t (&key)[4]);
  void grow();

  std::vector<Slot> slots_;  // a power of two of them, at most seven eighths used
  std::size_t size_ = 0;
};

}  // namespace cadre::record
