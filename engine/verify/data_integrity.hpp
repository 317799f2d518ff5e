// SPDX-License-Identifier: Apache-2.0
// W3C Data Integrity proofs (VC Data Integrity 1.0, Data Integrity EdDSA Cryptosuites 1.0):
// eddsa-jcs-2022 (RFC 8785 canonical JSON) and eddsa-rdfc-2022 (RDF Dataset Canonicalization).
// Both hash the canonical proof configuration and the canonical document with SHA-256 and
// check the Ed25519 signature over the two hashes. Keys come from did:key, resolved locally,
// or from the trust list.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/verify/result.hpp"
#include "engine/verify/verifier.hpp"

namespace cadre::verify {

/// The bytes a proof signs, step by step (the test vectors check each).
struct ProofInput {
  std::string canonical_document;
  std::string canonical_proof_config;
  std::string hash_data;  // SHA-256(proof config) || SHA-256(document), 64 bytes
};

/// The signing input of `proof` on `document`, or nothing with `why` set (an unsupported
/// cryptosuite or context; a proof @context the document does not start with).
std::optional<ProofInput> proof_input(const nlohmann::json& document, const nlohmann::json& proof, std::string& why,
                                      bool& unsupported);

/// The verdict on a JSON credential: `no_proof` when it has none; with several proofs,
/// any invalid one makes it invalid, else the best of them counts.
Result verify_data_integrity(const nlohmann::json& credential, const VerifyContext& context);

}  // namespace cadre::verify
