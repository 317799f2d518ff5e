// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the bytes of a credential file through cadre verify's parsers — strict
// JSON, JWS (compact and JSON serializations, JAdES headers), JCS canonicalization, base58 and
// multikey decoding, and the whole verification with an empty trust list. Nothing may crash,
// hang or call a mutated input `verified` (no key is trusted).
// Build as fuzz_dsl.cpp says, target fuzz_verify.
// Run:   build-fuzz/tests/fuzz/fuzz_verify -max_total_time=60 fixtures/verify/signed fixtures/verify/official
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/verify/jcs.hpp"
#include "engine/verify/jose.hpp"
#include "engine/verify/multibase.hpp"
#include "engine/verify/strict_json.hpp"
#include "engine/verify/verifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  cadre::verify::parse_compact_jws(text, error);
  cadre::verify::base58btc_decode(text);
  if (auto json = cadre::verify::parse_strict_json(text, error)) {
    cadre::verify::jcs(*json);
    cadre::verify::parse_json_jws(*json, error);
  }
  cadre::verify::TrustList no_trust;
  auto result = cadre::verify::verify_credential(text, cadre::verify::VerifyContext{no_trust}, error);
  if (result && result->verified()) std::abort();  // verified without a trust list: a bug
  return 0;
}
