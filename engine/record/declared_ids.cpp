// SPDX-License-Identifier: Apache-2.0
#include "engine/record/declared_ids.hpp"

#include <algorithm>
#include <cstring>

#include "engine/base/sha256.hpp"

namespace cadre::record {

namespace {

void key_of(std::string_view kind, std::string_view id, std::uint32_t (&key)[4]) {
  Sha256 hash;
  hash.update(kind);
  hash.update(std::string_view("\0", 1));  // ("ab", "c") and ("a", "bc") differ
  hash.update(id);
  auto digest = hash.finish();
  std::memcpy(key, digest.data(), sizeof key);
}

}  // namespace

DeclaredIds::Slot* DeclaredIds::find(const std::uint32_t (&key)[4]) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = ((static_cast<std::size_t>(key[0]) << 32) | key[1]) & mask;  // SHA-256 bits are uniform
  for (;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.file == kNoFile || std::equal(std::begin(key), std::end(key), slot.key)) return &slot;
  }
}

void DeclaredIds::grow() {
  std::vector<Slot> old(std::max<std::size_t>(1024, slots_.size() * 2));
  old.swap(slots_);
  for (const Slot& slot : old)
    if (slot.file != kNoFile) *find(slot.key) = slot;
}

std::optional<DeclaredIds::First> DeclaredIds::declare(std::string_view kind, std::string_view id, FileId file,
                                                       Position position) {
  // Up to seven eighths full: linear probing then scans about 32 slots (900 bytes, in
  // order) to place a new id at worst, nothing beside a file's check, and the table takes 32
  // to 64 bytes per record (37 to 75 at three quarters full).
  if ((size_ + 1) * 8 > slots_.size() * 7) grow();
  std::uint32_t key[4];
  key_of(kind, id, key);
  Slot* slot = find(key);
  if (slot->file != kNoFile) return First{slot->file, slot->position};
  std::copy(std::begin(key), std::end(key), slot->key);
  slot->file = file;
  slot->position = position;
  ++size_;
  return std::nullopt;
}

}  // namespace cadre::record
