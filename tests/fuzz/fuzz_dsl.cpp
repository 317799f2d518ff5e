// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: any bytes given to the .cadre front end get diagnostics, never a crash.
// Build: cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCADRE_FUZZ=ON
//        -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined,fuzzer-no-link" && ninja -C build-fuzz fuzz_dsl
// Run:   build-fuzz/tests/fuzz/fuzz_dsl -max_total_time=60 rules/dfcu-2023
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
