// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/data_integrity.hpp"

#include <fmt/format.h>

#include "engine/base/sha256.hpp"
#include "engine/verify/binding.hpp"
#include "engine/verify/contexts.hpp"
#include "engine/verify/jcs.hpp"
#include "engine/verify/multibase.hpp"
#include "engine/verify/rdfc_bridge.hpp"

namespace cadre::verify {

namespace {

std::string field(const nlohmann::json& o, const char* name) {
  auto it = o.find(name);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

/// Results from best to worst for a proof set without an invalid proof.
int rank(Status s) {
  switch (s) {
    case Status::verified: return 0;
    case Status::expired_key: return 1;
    case Status::untrusted_issuer: return 2;
    case Status::unsupported: return 3;
    default: return 4;
  }
}

Result verify_proof(const nlohmann::json& document, const nlohmann::json& proof, const VerifyContext& context) {
  Result r;
  r.issuer = issuer_id(document);
  if (!proof.is_object()) {
    r.status = Status::unsupported;
    r.reason = "a proof that is not an object";
    return r;
  }
  std::string type = field(proof, "type"), suite = field(proof, "cryptosuite");
  r.proof = suite.empty() ? type : type + " " + suite;
  r.key = field(proof, "verificationMethod");
  auto unsupported = [&](std::string why) {
    r.status = Status::unsupported;
    r.reason = std::move(why);
    return r;
  };
  if (type != "DataIntegrityProof")
    return unsupported(fmt::format("proof type `{}` (cadre checks DataIntegrityProof with eddsa-jcs-2022 or eddsa-rdfc-2022)",
                                   type.empty() ? "(none)" : type));
  if (suite != "eddsa-jcs-2022" && suite != "eddsa-rdfc-2022")
    return unsupported(fmt::format("cryptosuite `{}` (cadre checks eddsa-jcs-2022 and eddsa-rdfc-2022)", suite));
  if (auto purpose = field(proof, "proofPurpose"); purpose != "assertionMethod")
    return unsupported(fmt::format("proof purpose `{}` (a credential's proof is an assertionMethod)", purpose));

  // The key, before any hashing: did:key resolves locally, anything else through the trust list.
  std::optional<PublicKey> key;
  const TrustEntry* entry = context.trust.by_id(r.key);
  if (entry && entry->key) {
    key = entry->key;
  } else if (r.key.rfind("did:key:", 0) == 0) {
    std::string did = did_of(r.key);
    auto hash = r.key.find('#');
    if (hash != std::string::npos && r.key.substr(hash + 1) != did.substr(8))
      return unsupported(fmt::format("did:key verification method {} names another key in its fragment", r.key));
    if (auto raw = ed25519_multikey(did.substr(8))) key = PublicKey::ed25519(*raw);
    if (!key) return unsupported(fmt::format("did:key {} is not an Ed25519 multikey", r.key));
  } else {
    return unsupported(fmt::format("verification method {} cannot be resolved offline (not did:key, not in the trust list)",
                                   r.key.empty() ? "(none)" : r.key));
  }

  std::string why;
  bool is_unsupported = false;
  auto input = proof_input(document, proof, why, is_unsupported);
  if (!input) {
    if (is_unsupported) return unsupported(why);
    r.status = Status::invalid_signature;
    r.reason = why;
    return r;
  }
  auto signature = multibase_decode(field(proof, "proofValue"));
  if (!signature || field(proof, "proofValue").rfind('z', 0) != 0 || signature->size() != 64) {
    r.status = Status::invalid_signature;
    r.reason = "proofValue is not a 64-byte Ed25519 signature in base58btc (z…)";
    return r;
  }
  if (!key->verifies(Algorithm::EdDSA, input->hash_data, *signature)) {
    r.status = Status::invalid_signature;
    r.reason = fmt::format("the {} signature does not match the content (key {})", suite, r.key);
    return r;
  }
  // A DID issuer signs with its own verification methods: a did:key of someone else proves
  // nothing about the issuer named.
  std::vector<const TrustEntry*> trusted;
  if (entry) trusted.push_back(entry);
  else trusted = context.trust.by_key(*key);
  std::optional<Date> issued = issuance_day(document);
  if (!issued) issued = day_of(field(proof, "created"));
  decide_trust(r, trusted, r.issuer, issued, context.as_of);
  if (r.status == Status::untrusted_issuer && r.issuer.rfind("did:", 0) == 0 && did_of(r.key) != r.issuer)
    r.reason += fmt::format(" (and it is not a method of the issuer {})", r.issuer);
  return r;
}

}  // namespace

std::optional<ProofInput> proof_input(const nlohmann::json& document, const nlohmann::json& proof, std::string& why,
                                      bool& unsupported) {
  unsupported = false;
  std::string suite = field(proof, "cryptosuite");
  nlohmann::json unsecured = document;
  unsecured.erase("proof");
  nlohmann::json config = proof;
  config.erase("proofValue");
  if (auto ctx = config.find("@context"); ctx != config.end()) {
    // The proof's contexts must open the document's (VC DI 1.0 §4.4 step 5), so that the
    // proof cannot be read under other term definitions than the document.
    nlohmann::json doc_ctx = document.contains("@context") ? document["@context"] : nlohmann::json();
    nlohmann::json want = ctx->is_array() ? *ctx : nlohmann::json::array({*ctx});
    nlohmann::json have = doc_ctx.is_array() ? doc_ctx : nlohmann::json::array({doc_ctx});
    bool starts = want.size() <= have.size();
    for (std::size_t i = 0; starts && i < want.size(); ++i) starts = want[i] == have[i];
    if (!starts) {
      why = "the proof's @context does not open the document's @context";
      return std::nullopt;
    }
    unsecured["@context"] = *ctx;
  } else if (suite == "eddsa-rdfc-2022" && document.contains("@context")) {
    config["@context"] = document["@context"];
  }
  if (auto problem = context_problem(unsecured); !problem.empty()) {
    unsupported = true;
    why = problem;
    return std::nullopt;
  }
  ProofInput out;
  if (suite == "eddsa-jcs-2022") {
    auto doc = jcs(unsecured), cfg = jcs(config);
    if (!doc || !cfg) {
      unsupported = true;
      why = "a number JSON cannot carry";
      return std::nullopt;
    }
    out.canonical_document = std::move(*doc);
    out.canonical_proof_config = std::move(*cfg);
  } else {
    auto doc = rdfc_canonical(unsecured, why);
    if (!doc) {
      unsupported = true;
      return std::nullopt;
    }
    auto cfg = rdfc_canonical(config, why);
    if (!cfg) {
      unsupported = true;
      return std::nullopt;
    }
    out.canonical_document = std::move(*doc);
    out.canonical_proof_config = std::move(*cfg);
  }
  out.hash_data = sha256_bytes(out.canonical_proof_config) + sha256_bytes(out.canonical_document);
  return out;
}

Result verify_data_integrity(const nlohmann::json& credential, const VerifyContext& context) {
  Result r;
  r.issuer = issuer_id(credential);
  auto proofs = credential.find("proof");
  if (proofs == credential.end() || proofs->is_null() || (proofs->is_array() && proofs->empty())) {
    r.status = Status::no_proof;
    r.reason = "the credential carries no proof";
    return r;
  }
  // Unknown contexts first: cadre cannot say what a document under them means (fail closed).
  if (auto problem = context_problem(credential); !problem.empty()) {
    r.status = Status::unsupported;
    r.reason = problem;
    const nlohmann::json& first_proof = proofs->is_array() ? proofs->front() : *proofs;
    if (first_proof.is_object())
      r.proof = field(first_proof, "cryptosuite").empty()
                    ? field(first_proof, "type")
                    : field(first_proof, "type") + " " + field(first_proof, "cryptosuite");
    return r;
  }
  std::vector<nlohmann::json> list = proofs->is_array() ? proofs->get<std::vector<nlohmann::json>>()
                                                        : std::vector<nlohmann::json>{*proofs};
  Result best;
  bool first = true;
  for (const auto& proof : list) {
    Result one = verify_proof(credential, proof, context);
    if (one.status == Status::invalid_signature) return one;
    if (first || rank(one.status) < rank(best.status)) {
      best = one;
    } else if (one.status == Status::unsupported && best.status == Status::unsupported) {
      // Several proofs, none checkable: name every reason.
      best.proof += ", " + one.proof;
      best.reason += "; " + one.reason;
    }
    first = false;
  }
  return best;
}

}  // namespace cadre::verify
