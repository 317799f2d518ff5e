// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: any bytes given to the .cadre front end get diagnostics, never a crash.
// Build and run with its dictionary and seeds: tests/fuzz/run.sh SECONDS fuzz_dsl (clang,
// ASan and UBSan, in build-fuzz/).
#include <cstdint>
#include <string>

#include "dsl/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cadre::SourceManager sources;
  cadre::Diagnostics diagnostics;
  cadre::ast::NodeId next = 1;
  auto file = sources.add("fuzz.cadre", std::string(reinterpret_cast<const char*>(data), size));
  auto module = cadre::dsl::parse(sources, file, diagnostics, next);
  (void)module;
  return 0;
}
