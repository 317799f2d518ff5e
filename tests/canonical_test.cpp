// SPDX-License-Identifier: Apache-2.0
// canonicalize_jsonld, the API `cadre verify` calls for eddsa-rdfc-2022: the W3C vc-di-eddsa
// vectors step by step, real Open Badges 3.0 credentials, the pinned contexts, fail-closed results.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "engine/base/sha256.hpp"
#include "engine/verify/canonical.hpp"
#include "engine/verify/jsonld.hpp"
#include "engine/verify/rdfc.hpp"
#include "engine/verify/pinned_contexts.hpp"
#include "tests/canon_support.hpp"

using cadre::sha256_hex;
using cadre::test::fixture_text;
using cadre::verify::canonicalize_jsonld;
using nlohmann::json;

namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// The two inputs of an eddsa-rdfc-2022 proof (vc-di-eddsa §3.3.2): the document without its
// proof, and the proof configuration (the proof without proofValue, with the document's context).
json unsecured(json signed_document) {
  signed_document.erase("proof");
  return signed_document;
}
json proof_configuration(const json& signed_document, const json& proof) {
  json config = proof;
  config.erase("proofValue");
  config["@context"] = signed_document["@context"];
  return config;
}

}  // namespace

TEST_CASE("canonical: the W3C eddsa-rdfc-2022 test vector, step by step", "[canonical]") {
  const std::string dir = "verify/vc-di-eddsa/eddsa-rdfc-2022/";
  const json signed_document = json::parse(fixture_text(dir + "signedDataInt.json"));

  const auto document = canonicalize_jsonld(unsecured(signed_document));
  REQUIRE(document.nquads);
  CHECK(*document.nquads == fixture_text(dir + "canonDocDataInt.txt"));
  CHECK(sha256_hex(*document.nquads) == trimmed(fixture_text(dir + "docHashDataInt.txt")));

  const json config = proof_configuration(signed_document, signed_document["proof"]);
  CHECK(config == json::parse(fixture_text(dir + "proofConfigDataInt.json")));
  const auto proof = canonicalize_jsonld(config);
  REQUIRE(proof.nquads);
  CHECK(*proof.nquads == fixture_text(dir + "proofCanonDataInt.txt"));
  CHECK(sha256_hex(*proof.nquads) == trimmed(fixture_text(dir + "proofHashDataInt.txt")));
  CHECK(sha256_hex(*proof.nquads) + sha256_hex(*document.nquads) ==
        trimmed(fixture_text(dir + "combinedHashDataInt.txt")));
}

TEST_CASE("canonical: real Open Badges 3.0 credentials signed with eddsa-rdfc-2022", "[canonical]") {
  for (const std::string name : {"ob3-dcv-simple-eddsa-2022", "ob3-dcv-simple-multiple-proofs"}) {
    INFO(name);
    const json signed_document = json::parse(fixture_text("canonical/" + name + ".json"));
    const auto document = canonicalize_jsonld(unsecured(signed_document));
    REQUIRE(document.nquads);
    CHECK(*document.nquads == fixture_text("canonical/" + name + ".document.nq"));
    // No blank node needs N-degree hashing (docs/canonicalization.md, "Bounds").
    const auto rdfc = cadre::verify::canonicalize_rdf(cadre::verify::jsonld::to_rdf(
        cadre::verify::jsonld::expand(unsecured(signed_document))));
    CHECK(rdfc.work == 0);
    for (const json& proof : signed_document["proof"]) {
      if (proof["type"] != "DataIntegrityProof") continue;
      const auto config = canonicalize_jsonld(proof_configuration(signed_document, proof));
      REQUIRE(config.nquads);
      CHECK(*config.nquads == fixture_text("canonical/" + name + ".proof.nq"));
    }
  }
}

TEST_CASE("canonical: one changed value changes the canonical form, key order does not", "[canonical]") {
  const json original = unsecured(json::parse(fixture_text("verify/vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json")));
  const std::string reference = *canonicalize_jsonld(original).nquads;
  json tampered = original;
  tampered["credentialSubject"]["alumniOf"] = "The School of Exampler";
  CHECK(*canonicalize_jsonld(tampered).nquads != reference);
  json reordered = json::parse(original.dump());  // same content, rebuilt
  CHECK(*canonicalize_jsonld(reordered).nquads == reference);
}

TEST_CASE("canonical: what cannot be canonicalized exactly gives a reason and no text", "[canonical]") {
  json unknown = unsecured(json::parse(fixture_text("verify/vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json")));
  unknown["@context"][1] = "https://example.org/attacker-context";
  auto result = canonicalize_jsonld(unknown);
  CHECK_FALSE(result.nquads);
  CHECK(result.unsupported == "unsupported context: https://example.org/attacker-context");

  result = canonicalize_jsonld(json::parse(R"({"@context": {"@vocab": "urn:v#"}, "@id": 3})"));
  CHECK_FALSE(result.nquads);
  CHECK(result.unsupported == "invalid JSON-LD: invalid @id value");

  // A 10-clique of blank nodes (the W3C suite's poison graph) as JSON-LD.
  json graph = json::array();
  for (int i = 0; i < 10; ++i) {
    json links = json::array();
    for (int j = 0; j < 10; ++j) {
      if (i != j) links.push_back({{"@id", "_:n" + std::to_string(j)}});
    }
    graph.push_back({{"@id", "_:n" + std::to_string(i)}, {"urn:v#p", links}});
  }
  result = canonicalize_jsonld({{"@graph", graph}});
  CHECK_FALSE(result.nquads);
  CHECK(result.unsupported.starts_with("too complex: "));

  json deep = "leaf";
  for (int i = 0; i < 500; ++i) deep = json{{"urn:v#p", deep}};
  result = canonicalize_jsonld(deep);
  CHECK(result.unsupported.starts_with("too complex: JSON nesting"));
}

TEST_CASE("canonical: each pinned context is embedded and matches its hash and the README", "[canonical]") {
  const std::string readme = fixture_text("../engine/verify/contexts/README.md");
  for (const cadre::verify::PinnedContext& pin : cadre::verify::pinned_contexts()) {
    INFO(pin.url);
    const auto bytes = cadre::verify::pinned_context_document(pin.url);
    REQUIRE(bytes);
    CHECK(sha256_hex(*bytes) == pin.sha256);
    CHECK(*bytes == fixture_text("../engine/verify/contexts/" + std::string(pin.file)));
    CHECK(readme.find(std::string(pin.url)) != std::string::npos);
    CHECK(readme.find(std::string(pin.sha256)) != std::string::npos);
    CHECK(json::parse(*bytes).contains("@context"));
  }
  CHECK(cadre::verify::pinned_contexts().size() == 8);
  CHECK_FALSE(cadre::verify::pinned_context_document("https://w3id.org/security/data-integrity/v2"));
}

TEST_CASE("canonical: the suite counts quoted in docs/canonicalization.md are the fixtures'", "[canonical][docs]") {
  const std::string doc = fixture_text("../docs/canonicalization.md");
  for (const std::string suite : {"rdf-canon", "json-ld-api"}) {
    const json manifest = json::parse(fixture_text(suite + "/manifest.json"));
    const std::size_t carried = manifest["carried"].size();
    const std::size_t all = carried + manifest["left_out"].size();
    // Every carried case passes (rdfc_test.cpp, jsonld_test.cpp), so "passing" is "carried".
    const std::string row = "| " + std::to_string(carried) + " | " + std::to_string(all) + " | " + std::to_string(carried) + " |";
    INFO(suite << ": " << row);
    CHECK(doc.find(row) != std::string::npos);
  }
}
