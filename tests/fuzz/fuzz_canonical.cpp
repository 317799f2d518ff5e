// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: any bytes given to the eddsa-rdfc-2022 canonicalizer get canonical N-Quads
// or a reason, never a crash or a hang. The first byte picks the entry point: the JSON-LD
// document path (canonicalize_jsonld) or the N-Quads + RDFC-1.0 path.
// Build as fuzz_dsl.cpp says, target fuzz_canonical.
// Run:   build-fuzz/tests/fuzz/fuzz_canonical -max_total_time=60 fixtures/verify/vc-di-eddsa/eddsa-rdfc-2022 fixtures/canonical
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/verify/canonical.hpp"
#include "engine/verify/nquads.hpp"
#include "engine/verify/rdfc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] % 2 == 0) {
    const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
    if (document.is_discarded()) return 0;
    const cadre::verify::CanonicalResult result = cadre::verify::canonicalize_jsonld(document);
    if (result.nquads.has_value() == !result.unsupported.empty()) __builtin_trap();  // exactly one of the two
  } else {
    const cadre::verify::NQuadsParse parsed = cadre::verify::parse_nquads(text);
    if (parsed.dataset) {
      cadre::verify::RdfcOptions options;
      options.max_work = 20000;  // keeps each run short; the bound itself is what is tested
      (void)cadre::verify::canonicalize_rdf(*parsed.dataset, options);
    }
  }
  return 0;
}
