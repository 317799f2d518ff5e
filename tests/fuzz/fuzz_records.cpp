// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: any bytes given to the record loader (as YAML, JSON or JSON Lines) get
// diagnostics, never a crash or a hang. See fuzz_dsl.cpp for how to build and run.
#include <cstdint>
#include <string>

#include "engine/record/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the format, as the file extension would.
  static const char* kNames[] = {"fuzz.yaml", "fuzz.json", "fuzz.jsonl"};
  cadre::SourceManager sources;
  cadre::Diagnostics diagnostics;
  auto file = sources.add(kNames[data[0] % 3], std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  auto records = cadre::record::load_records(sources, file, diagnostics);
  for (const auto& r : records) (void)r.root->pointer();
  return 0;
}
