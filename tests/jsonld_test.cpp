// SPDX-License-Identifier: Apache-2.0
// JSON-LD expansion and toRdf: the W3C json-ld-api toRdf tests for the features cadre supports
// (fixtures/json-ld-api/, manifest.json names the ones left out and why), then cadre's own
// fail-closed rules: safe mode and named unsupported features.
#include <catch2/catch.hpp>

#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/verify/jsonld.hpp"
#include "engine/verify/nquads.hpp"
#include "engine/verify/rdfc.hpp"
#include "tests/canon_support.hpp"

using namespace cadre::verify;
using cadre::test::fixture_text;
using nlohmann::json;

namespace {

// The suite's remote contexts, from the fixture copy (a test URL or a name relative to toRdf/).
const json* suite_context(std::string_view url) {
  static std::map<std::string, json, std::less<>> cache;
  std::string name(url);
  const std::string base = "https://w3c.github.io/json-ld-api/tests/";
  if (name.starts_with(base)) name = name.substr(base.size());
  else if (name.find(':') != std::string::npos) return nullptr;
  else name = "toRdf/" + name;
  if (auto it = cache.find(name); it != cache.end()) return &it->second;
  try {
    return &(cache[name] = json::parse(fixture_text("json-ld-api/" + name)));
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::string canonical(const RdfDataset& dataset) { return *canonicalize_rdf(dataset).nquads; }

std::string canonical_document(const json& document) {
  return canonical(jsonld::to_rdf(jsonld::expand(document)));
}

std::string refusal(const json& document) {
  try {
    canonical_document(document);
  } catch (const jsonld::Error& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("jsonld: the W3C toRdf tests carried, every one passes", "[jsonld]") {
  const json manifest = json::parse(fixture_text("json-ld-api/manifest.json"));
  jsonld::Options options;
  options.safe_mode = false;  // the suite checks what JSON-LD drops
  options.load_context = &suite_context;
  std::size_t passed = 0;
  for (const json& test : manifest["carried"]) {
    const std::string kind = test["kind"];
    INFO(test["id"].get<std::string>() << " " << test["name"].get<std::string>());
    const json input = json::parse(fixture_text("json-ld-api/" + test["input"].get<std::string>()));
    std::string produced, error;
    try {
      produced = canonical(jsonld::to_rdf(jsonld::expand(input, options), options));
    } catch (const jsonld::Error& e) {
      error = e.what();
    }
    if (kind == "negative") {
      INFO("expected error: " << test["error"].get<std::string>());
      const bool ok = error.starts_with("invalid JSON-LD: ") || error.starts_with("unsupported context: ");
      CHECK(ok);
      passed += ok ? 1 : 0;
    } else if (kind == "syntax") {
      CHECK(error.empty());
      passed += error.empty() ? 1 : 0;
    } else {
      REQUIRE(error.empty());
      const NQuadsParse expected = parse_nquads(fixture_text("json-ld-api/" + test["expect"].get<std::string>()));
      REQUIRE(expected.dataset);
      CHECK(produced == canonical(*expected.dataset));
      passed += produced == canonical(*expected.dataset) ? 1 : 0;
    }
  }
  CHECK(passed == 278);  // quoted in docs/canonicalization.md
  CHECK(manifest["carried"].size() == 278);
}

TEST_CASE("jsonld: safe mode refuses content that toRdf would silently drop", "[jsonld]") {
  const json context = json::array({"https://www.w3.org/ns/credentials/v2"});
  json credential = {{"@context", context},
                     {"id", "urn:uuid:1"},
                     {"type", json::array({"VerifiableCredential"})},
                     {"issuer", "did:example:issuer"},
                     {"credentialSubject", {{"id", "did:example:subject"}}}};
  CHECK_NOTHROW(canonical_document(credential));

  json undefined = credential;  // VC 2.0 has no @vocab: an undefined term would vanish from the signed data
  undefined["credentialSubject"]["grade"] = "A";
  CHECK(refusal(undefined) == "safe mode: property \"grade\" is not defined by the context and would be dropped");

  json relative = credential;
  relative["issuer"] = "issuers/12";
  CHECK(refusal(relative) == "safe mode: node id \"issuers/12\" is not an absolute IRI and would be dropped");

  json bad_language = credential;
  bad_language["name"] = {{"@value", "Diplôme"}, {"@language", "fr_FR"}};
  CHECK(refusal(bad_language) == "safe mode: language tag \"fr_fr\" is not well-formed and would be dropped");
}

TEST_CASE("jsonld: every unsupported feature is refused by name", "[jsonld]") {
  const json vocab = {{"@vocab", "https://example.org/#"}};
  CHECK(refusal({{"@context", "https://example.org/my-context.jsonld"}, {"name", "x"}}) ==
        "unsupported context: https://example.org/my-context.jsonld");
  CHECK(refusal({{"@context", {vocab, {{"knows", {{"@reverse", "https://example.org/#knownBy"}}}}}}, {"knows", "x"}}) ==
        "unsupported JSON-LD feature: @reverse (term \"knows\")");
  CHECK(refusal({{"@context", {vocab, {{"m", {{"@container", "@index"}}}}}}, {"m", {{"a", "x"}}}}) ==
        "unsupported JSON-LD feature: @index container (term \"m\")");
  CHECK(refusal({{"@context", {{"@vocab", "https://example.org/#"}, {"@base", "https://example.org/"}}}, {"name", "x"}}) ==
        "unsupported JSON-LD feature: @base");
  CHECK(refusal({{"@context", {{"@import", "https://example.org/ctx"}}}, {"name", "x"}}) ==
        "unsupported JSON-LD feature: @import");
  // A scoped context naming an unknown URL is refused even where no node uses that type.
  CHECK(refusal({{"@context", {vocab, {{"T", {{"@context", "https://example.org/scoped"}}}}}}, {"name", "x"}}) ==
        "unsupported context: https://example.org/scoped");
}

TEST_CASE("jsonld: native values and @json take the toRdf lexical forms", "[jsonld]") {
  const json document = {
      {"@context", {{"@vocab", "https://example.org/#"}, {"data", {{"@type", "@json"}}}}},
      {"@id", "urn:x"},
      {"count", 3},
      {"ratio", 1.5},
      {"whole", 2.0},
      {"ok", true},
      {"data", {{"b", 1e21}, {"a", json::array({0.5, "é"})}}}};
  CHECK(canonical_document(document) ==
        "<urn:x> <https://example.org/#count> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
        "<urn:x> <https://example.org/#data> \"{\\\"a\\\":[0.5,\\\"é\\\"],\\\"b\\\":1e+21}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .\n"
        "<urn:x> <https://example.org/#ok> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"
        "<urn:x> <https://example.org/#ratio> \"1.5E0\"^^<http://www.w3.org/2001/XMLSchema#double> .\n"
        "<urn:x> <https://example.org/#whole> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
}

TEST_CASE("jsonld: odd documents are refused with a reason, never a crash", "[jsonld]") {
  // Found while fuzzing: values outside any node, keyword-like identifiers, out-of-range numbers.
  CHECK(refusal(json::parse(R"({"@set": [{"@value": 1}]})")) == "safe mode: a free-floating value would be dropped");
  CHECK(refusal(json::parse(R"({"@context": {"@vocab": "urn:v#"}, "@id": "@foo", "p": 1})")) ==
        "safe mode: \"@foo\" has the form of a keyword and would be dropped");
  CHECK(refusal(json::parse(R"({"@context": {"@vocab": "urn:v#"}, "@type": ["@bar"], "p": 1})")) ==
        "safe mode: \"@bar\" has the form of a keyword and would be dropped");
  json infinite = json::parse(R"({"@context": {"@vocab": "urn:v#"}, "@id": "urn:x"})");
  infinite["p"] = std::numeric_limits<double>::infinity();  // no JSON text parses to this; the API allows it
  CHECK(refusal(infinite) == "invalid JSON-LD: number out of range (null)");
}

TEST_CASE("jsonld: @language on a node object makes no triple, and safe mode refuses it", "[jsonld]") {
  // Found by fuzz_canonical (fixtures/fuzz/fuzz_canonical/language-on-node-object.json): a map
  // with @language and a property is a node object to expansion; node map generation walked the
  // "en" as a node, and a string iterates as itself, so the walk recursed until the stack ended.
  const json document = json::parse(R"({"@context": {"@vocab": "urn:v#"}, "@id": "urn:x",
                                        "label": [{"Pvalue": "The king", "@language": "en"}]})");
  CHECK(refusal(document) == "safe mode: @language on a node object would be dropped");
  jsonld::Options lenient;
  lenient.safe_mode = false;  // as the reference implementation: the keyword is ignored
  CHECK(canonical(jsonld::to_rdf(jsonld::expand(document, lenient), lenient)) ==
        "<urn:x> <urn:v#label> _:c14n0 .\n"
        "_:c14n0 <urn:v#Pvalue> \"The king\" .\n");
}
