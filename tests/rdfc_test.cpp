// SPDX-License-Identifier: Apache-2.0
// RDFC-1.0 and N-Quads against the W3C rdf-canon test suite (fixtures/rdf-canon/, the entries
// cadre supports; manifest.json names the ones left out and why).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "engine/verify/nquads.hpp"
#include "engine/verify/rdfc.hpp"
#include "tests/canon_support.hpp"

using namespace cadre::verify;
using cadre::test::fixture_text;

TEST_CASE("rdfc: the W3C rdf-canon suite, every carried entry passes", "[rdfc]") {
  const nlohmann::json manifest = nlohmann::json::parse(fixture_text("rdf-canon/manifest.json"));
  std::size_t passed = 0;
  for (const nlohmann::json& entry : manifest["carried"]) {
    const std::string id = entry["id"], type = entry["type"];
    INFO(id << " " << entry["name"].get<std::string>());
    const NQuadsParse input = parse_nquads(fixture_text("rdf-canon/" + entry["input"].get<std::string>()));
    REQUIRE(input.dataset);
    const RdfcResult result = canonicalize_rdf(*input.dataset);
    if (type == "rdfc:RDFC10NegativeEvalTest") {
      CHECK_FALSE(result.nquads);
      CHECK(result.too_complex.starts_with("too complex: "));
      passed += result.nquads ? 0 : 1;
      continue;
    }
    REQUIRE(result.nquads);
    const std::string expected = fixture_text("rdf-canon/" + entry["expect"].get<std::string>());
    if (id == "test044c") CHECK(result.work == 6156);  // quoted in docs/canonicalization.md, "Bounds"
    if (type == "rdfc:RDFC10EvalTest") {
      CHECK(*result.nquads == expected);
      passed += *result.nquads == expected ? 1 : 0;
    } else {
      REQUIRE(type == "rdfc:RDFC10MapTest");
      std::map<std::string, std::string> expected_map = nlohmann::json::parse(expected);
      CHECK(result.issued == expected_map);
      passed += result.issued == expected_map ? 1 : 0;
    }
  }
  CHECK(passed == 84);  // quoted in docs/canonicalization.md
  CHECK(manifest["carried"].size() == 84);
}

TEST_CASE("rdfc: isomorphic datasets canonicalize alike, different ones do not", "[rdfc]") {
  const auto canon = [](std::string_view text) { return *canonicalize_rdf(*parse_nquads(text).dataset).nquads; };
  const std::string a = canon("_:x <urn:p> _:y .\n_:y <urn:q> \"v\" .\n");
  CHECK(a == canon("_:b9 <urn:q> \"v\" .\n_:zz <urn:p> _:b9 .\n"));
  CHECK(a == "_:c14n0 <urn:q> \"v\" .\n_:c14n1 <urn:p> _:c14n0 .\n");
  CHECK(a != canon("_:x <urn:p> _:y .\n_:y <urn:q> \"w\" .\n"));
  // A dataset is a set: a repeated quad is one quad.
  CHECK(canon("<urn:s> <urn:p> \"o\" .\n<urn:s> <urn:p> \"o\" .\n") == "<urn:s> <urn:p> \"o\" .\n");
}

TEST_CASE("rdfc: a poison graph stops at the work bound with a clear reason", "[rdfc]") {
  std::string clique;  // 6 blank nodes all linked: symmetrical, so every labelling must be tried
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) {
      if (i != j) clique += "_:n" + std::to_string(i) + " <urn:p> _:n" + std::to_string(j) + " .\n";
    }
  }
  const RdfDataset dataset = *parse_nquads(clique).dataset;
  const RdfcResult within = canonicalize_rdf(dataset);
  REQUIRE(within.nquads);
  RdfcOptions tight;
  tight.max_work = within.work - 1;
  const RdfcResult beyond = canonicalize_rdf(dataset, tight);
  CHECK_FALSE(beyond.nquads);
  CHECK(beyond.too_complex.starts_with("too complex: RDF canonicalization needs more than"));
}

TEST_CASE("nquads: canonical escapes, and the parser reports the line of an error", "[rdfc]") {
  const RdfQuad quad{RdfTerm::iri("urn:s"), RdfTerm::iri("urn:p"),
                     RdfTerm::literal("a\"b\\c\nd\re\tf\bg\fh\x01i\x7Fj\xC3\xA9", std::string(kXsdString)),
                     RdfTerm{}};
  CHECK(nquads_line(quad) == "<urn:s> <urn:p> \"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u007Fj\xC3\xA9\" .\n");
  CHECK(nquads_term(RdfTerm::literal("chat", std::string(kRdfLangString), "fr")) == "\"chat\"@fr");
  CHECK(nquads_term(RdfTerm::literal("1", "http://www.w3.org/2001/XMLSchema#integer")) ==
        "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  const NQuadsParse bad = parse_nquads("<urn:s> <urn:p> <urn:o> .\n<urn:s> <urn:p> \"open .\n");
  CHECK_FALSE(bad.dataset);
  CHECK(bad.error.starts_with("line 2, column "));
  CHECK_FALSE(parse_nquads("\"lit\" <urn:p> <urn:o> .\n").dataset);
}
