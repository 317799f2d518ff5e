// Open Badges 3.0 and European Learning Model credentials read as certificates
// (engine/credentials/credentials.hpp): the fixtures of fixtures/credentials/ give the expected
// certificate fields, each at the position of what it was read from in the original file,
// and the findings of the certificate rules point there too.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "engine/base/calendar.hpp"
#include "engine/engine.hpp"
#include "engine/record/loader.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre;
using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

/// A file read by the record loader, and what it gave.
struct Loaded {
  SourceManager sources;
  Diagnostics diagnostics;
  FileId file = kNoFile;
  std::vector<record::Record> records;

  std::string where(std::uint32_t offset) const {
    auto p = sources.file(file).position(offset);
    return fmt::format("{}:{}", p.line, p.column);
  }

  /// The value at a JSON Pointer of the first record (`/holder/given_names`, `/competences/0/id`).
  const record::Value* find(const std::string& pointer, std::size_t index = 0) const {
    const record::Value* v = records.at(index).root.get();
    std::size_t start = 1;
    while (v && start <= pointer.size()) {
      std::size_t end = pointer.find('/', start);
      if (end == std::string::npos) end = pointer.size();
      std::string token = pointer.substr(start, end - start);
      if (v->kind == record::Value::Kind::List) {
        std::size_t i = std::stoul(token);
        v = i < v->children.size() ? &v->children[i] : nullptr;
      } else {
        v = v->get(token);
      }
      start = end + 1;
    }
    return v;
  }

  /// `line:col text` of a scalar (its text quoted when it is a string), `line:col` of a
  /// map or list, `absent` when there is no such field.
  std::string value(const std::string& pointer, std::size_t index = 0) const {
    const record::Value* v = find(pointer, index);
    if (!v) return "absent";
    if (v->kind != record::Value::Kind::Scalar) return where(v->offset);
    return v->quoted ? fmt::format("{} \"{}\"", where(v->offset), v->text)
                     : fmt::format("{} {}", where(v->offset), v->text);
  }

  /// `line:col` of the key a field was read from.
  std::string key(const std::string& pointer, std::size_t index = 0) const {
    const record::Value* v = find(pointer, index);
    return v ? where(v->key_offset) : "absent";
  }

  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics.items())
      out.push_back(fmt::format("{} {}", diag_info(d.code).code, where(d.span.begin)));
    return out;
  }
};

std::unique_ptr<Loaded> load(const std::string& path, const std::string& text) {
  auto loaded = std::make_unique<Loaded>();
  loaded->file = loaded->sources.add(path, text);
  loaded->records = record::load_records(loaded->sources, loaded->file, loaded->diagnostics);
  return loaded;
}

std::string fixture(const std::string& name) { return source_dir() + "/fixtures/credentials/" + name; }

std::unique_ptr<Loaded> load_fixture(const std::string& name) { return load(name, read_file(fixture(name))); }

/// Checks files with a bundled pack as of 2025-06-01: `RULE line:col /pointer` for each
/// finding in `file` (default: the first input), `CODE line:col` for each diagnostic.
std::vector<std::string> check(const std::string& rules, const std::vector<std::string>& inputs) {
  CheckOptions options;
  options.rules = rules;
  options.inputs = inputs;
  options.lang = "en";
  options.as_of = *parse_date("2025-06-01");
  Engine engine;
  auto result = engine.check(options);
  std::vector<std::string> out;
  const auto& sources = engine.sources();
  for (const auto& f : result.findings) {
    if (sources.file(f.file).path() != inputs.front()) continue;
    auto p = sources.file(f.file).position(f.offset);
    out.push_back(fmt::format("{} {}:{} {}", f.rule->id, p.line, p.column, f.pointer));
  }
  for (const auto& d : result.diagnostics.items()) {
    auto p = d.span.valid() ? sources.file(d.span.file).position(d.span.begin) : Position{};
    out.push_back(fmt::format("{} {}:{}", diag_info(d.code).code, p.line, p.column));
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("credentials: an Open Badges 3.0 credential is a certificate, positioned in its own file", "[credentials]") {
  auto l = load_fixture("ob3-valid.json");
  CHECK(l->codes() == Lines{});
  REQUIRE(l->records.size() == 1);
  const auto& r = l->records[0];
  CHECK(r.kind == "certificate");
  CHECK(r.valid);
  CHECK(r.id == "https://microcertifications.u-bordeaux.fr/credentials/CERT-BDX-2025-000123");
  CHECK(l->where(r.offset) == "8:3");  // `type`, which stands for `kind`
  CHECK(l->find("/type") == nullptr);  // nothing of the credential but the mapped fields

  CHECK(l->value("/id") == "7:9 \"https://microcertifications.u-bordeaux.fr/credentials/CERT-BDX-2025-000123\"");
  CHECK(l->value("/course") == "69:20 \"UC-BDX-2024-017\"");  // achievement.humanCode
  CHECK(l->key("/course") == "69:7");
  CHECK(l->value("/title") == "70:15 \"Concevoir une situation d'apprentissage et d'évaluation\"");  // its name
  CHECK(l->key("/issuer") == "10:3");
  CHECK(l->value("/issuer/university") == "13:13 \"Université de Bordeaux\"");
  CHECK(l->value("/issuer/country") == "23:29 \"FR\"");
  CHECK(l->value("/issuer/region") == "24:24 \"Nouvelle-Aquitaine\"");
  CHECK(l->value("/issuer/header") == "19:18 \"Université de Bordeaux — Formation continue\"");  // image.caption
  CHECK(l->key("/issuer/header") == "16:5");                                                     // `image`
  CHECK(l->value("/expert") == "79:17 \"Jeanne Martin\"");  // achievement.creator, a person
  CHECK(l->key("/holder") == "52:3");
  CHECK(l->value("/holder/id") == "59:25 \"0123456789A\"");  // identifier[].identityHash
  CHECK(l->value("/holder/given_names") == "62:18 \"Awa\"");
  CHECK(l->value("/holder/family_name") == "63:19 \"Diallo\"");
  CHECK(l->value("/holder/birth_date") == "64:20 \"1990-05-02\"");
  CHECK(l->find("/competences")->children.size() == 1);  // the EQF alignment is the level
  CHECK(l->value("/competences/0") == "84:9");
  CHECK(l->value("/competences/0/id") == "87:25 \"C1\"");
  CHECK(l->value("/competences/0/label") == "86:25 \"Concevoir une SAE alignée\"");
  CHECK(l->value("/issued") == "51:16 \"2025-03-20T10:00:00+01:00\"");
  CHECK(l->value("/ects") == "75:27 1");  // a number, unquoted
  CHECK(l->value("/level/framework") == "92:9 \"EQF\"");
  CHECK(l->value("/level/value") == "95:25 6");
  CHECK(l->value("/assessment_type") == "107:29 \"Étude de cas\"");  // Assessment extension
  CHECK(l->value("/quality_assurance") ==
        "46:33 \"Organisme certificateur accrédité Cofrac: Certifiée Qualiopi au titre des actions de formation "
        "(certificat n° 2023-BDX-0158)\"");
  CHECK(l->key("/quality_assurance") == "28:5");  // issuer.endorsement
  CHECK(l->key("/signature") == "129:3");
  CHECK(l->value("/signature/signer") == "27:17 \"Marc Lefèvre, président de l'Université de Bordeaux\"");
  CHECK(l->value("/signature/role") == "27:17 \"legal_representative\"");  // issuer.official is named
  CHECK(l->value("/signature/method") == "132:22 \"eddsa-rdfc-2022\"");
  CHECK(l->value("/verification_url") ==
        "7:9 \"https://microcertifications.u-bordeaux.fr/credentials/CERT-BDX-2025-000123\"");
  CHECK(l->value("/grade") == "115:18 \"Acquis\"");
  CHECK(l->value("/further_information").rfind("71:22 \"Micro-certification Digital FCU", 0) == 0);
  // What Open Badges 3.0 cannot say stays absent, for the rules to report.
  for (const char* field : {"/participation", "/supervision", "/prerequisites", "/stackability", "/workload_hours",
                            "/learning_outcomes", "/expires"})
    CHECK(l->value(field) == "absent");
}

TEST_CASE("credentials: an Open Badges 3.0 credential passes the certificate rules it can answer", "[credentials]") {
  CHECK(check("dfcu-2023", {fixture("ob3-valid.json")}) == Lines{});
  // Open Badges 3.0 has no property for the form of participation nor for the optional elements.
  CHECK(check("eu-2022", {fixture("ob3-valid.json")}) == Lines{
                                                             "EU-I.10-participation 8:3 /participation",
                                                             "EU-I.opt-prerequisites 8:3 /prerequisites",
                                                             "EU-I.opt-stackability 8:3 /stackability",
                                                             "EU-I.opt-supervision 8:3 /supervision",
                                                         });
}

TEST_CASE("credentials: validUntil is an expiry, reported where the credential states it", "[credentials]") {
  auto l = load_fixture("ob3-expiring.json");
  CHECK(l->value("/expires") == "52:17 \"2028-03-20T10:00:00+01:00\"");
  CHECK(check("dfcu-2023", {fixture("ob3-expiring.json")}) == Lines{"DFCU-8.4-validity 52:17 /expires"});
  auto run = run_cadre("check --as-of 2025-06-01 --lang en fixtures/credentials/ob3-expiring.json");
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("fixtures/credentials/ob3-expiring.json:52:17: error[DFCU-8.4-validity]: the certificate "
                     "expires on 2028-03-20T10:00") != std::string::npos);
  CHECK(run.out.find("   52 |   \"validUntil\": \"2028-03-20T10:00:00+01:00\",") != std::string::npos);
}

TEST_CASE("credentials: the course is looked up by the achievement's code", "[credentials]") {
  fs::path course = fs::temp_directory_path() / fmt::format("cadre-credentials-{}.yaml", ::getpid());
  write_file(course.string(), R"(kind: course
id: UC-BDX-2024-017
title: "Concevoir une situation d'apprentissage et d'évaluation"
producer:
  university: "Université de Bordeaux"
  expert: { name: "Paul Durand", role: "Maître de conférences" }
workload_hours: 21
modality: distance
)");
  auto findings = check("dfcu-2023", {fixture("ob3-valid.json"), course.string()});
  fs::remove(course);
  CHECK(findings == Lines{"DFCU-10.2-certificate 79:17 /expert"});  // the course names another expert
}

TEST_CASE("credentials: a European Learning Model credential is a certificate, positioned in its own file",
          "[credentials]") {
  auto l = load_fixture("elm-valid.jsonld");
  CHECK(l->codes() == Lines{});
  REQUIRE(l->records.size() == 1);
  const auto& r = l->records[0];
  CHECK(r.kind == "certificate");
  CHECK(r.id == "urn:credential:6f1d2c8e-3b7a-4e59-9a41-0c2d7e5b8f13");
  CHECK(l->where(r.offset) == "7:3");
  CHECK(l->value("/course") == "146:25 \"UC-LIL-2025-004\"");  // specifiedBy.identifier[].notation
  CHECK(l->value("/title") == "83:24 \"Produire des documents numériques accessibles\"");  // fr before en
  CHECK(l->key("/title") == "83:7");
  CHECK(l->key("/issuer") == "87:9");  // the awarding body
  CHECK(l->value("/issuer/university") == "91:34 \"Université de Lille\"");
  CHECK(l->value("/issuer/country") == "35:17 \"FR\"");  // .../country/FRA, from the issuer's location
  CHECK(l->key("/issuer/country") == "34:9");
  CHECK(l->value("/issuer/region") == "43:30 \"Hauts-de-France\"");
  CHECK(l->value("/issuer/header") == "49:21 \"https://microcertifications.univ-lille.fr/en-tete.png\"");
  CHECK(l->value("/expert") == "106:35 \"Claire Vandamme\"");  // influencedBy.directedBy, a person
  CHECK(l->value("/holder/id") == "73:19 \"1234567890A\"");    // nationalID.notation
  CHECK(l->value("/holder/given_names") == "67:26 \"Awa\"");
  CHECK(l->value("/holder/family_name") == "68:27 \"Diallo\"");
  CHECK(l->value("/holder/birth_date") == "69:20 \"1990-05-02\"");
  CHECK(l->key("/competences") == "188:9");  // learningOutcome
  CHECK(l->find("/competences")->children.size() == 2);
  CHECK(l->value("/competences/1/id") ==
        "206:21 \"https://microcertifications.univ-lille.fr/referentiel/UC-LIL-2025-004#C2\"");
  CHECK(l->value("/competences/1/label") ==
        "208:36 \"Contrôler l'accessibilité d'un support et en corriger les défauts\"");
  CHECK(l->value("/learning_outcomes/0") == "192:30 \"Structurer un document pour les technologies d'assistance\"");
  CHECK(l->value("/learning_outcomes/1") ==
        "204:30 \"Vérifier un PDF avec un outil de contrôle et hiérarchiser les corrections\"");
  CHECK(l->value("/issued") == "18:19 \"2025-05-26T09:00:00Z\"");  // issuanceDate before validFrom
  CHECK(l->value("/workload_hours") == "150:29 14");               // PT14H
  CHECK(l->value("/ects") == "160:22 0.5");
  CHECK(l->value("/level/framework") == "163:21 \"EQF\"");
  CHECK(l->value("/level/value") == "164:17 5");  // http://data.europa.eu/snb/eqf/5
  CHECK(l->value("/assessment_type") == "133:36 \"Production d'un artefact et contrôle écrit\"");  // dcType
  CHECK(l->value("/participation") == "170:19 \"online\"");  // the concept URI decides                                        // mode "Online"
  CHECK(l->key("/participation") == "168:9");
  CHECK(l->value("/quality_assurance") ==
        "55:26 \"Certification Qualiopi (actions de formation), certificat n° 2022-LIL-0417; "
        "Établissement accrédité par le MESR et évalué par le Hcéres\"");
  CHECK(l->value("/verification_url") == "21:11 \"https://microcertifications.univ-lille.fr/status/2025#188\"");
  CHECK(l->value("/prerequisites").rfind("178:34 \"Pratique courante", 0) == 0);
  CHECK(l->value("/supervision") == "124:34 \"proctored_online\"");  // "Supervised online with ID verification"
  CHECK(l->value("/grade") == "119:36 \"Acquis\"");
  CHECK(l->value("/stackability") == "180:35 \"stackable\"");  // isPartialQualification: true
  CHECK(l->value("/further_information").rfind("185:36 \"Micro-certification Digital FCU", 0) == 0);
  // An EDC is sealed by the institution (JAdES, outside the JSON-LD): no signatory is named.
  CHECK(l->value("/signature") == "absent");
  CHECK(l->value("/expires") == "absent");
}

TEST_CASE("credentials: a European Learning Model credential passes what the format can answer", "[credentials]") {
  CHECK(check("dfcu-2023", {fixture("elm-valid.jsonld")}) == Lines{"DFCU-10.2-certificate 7:3 /signature"});
  CHECK(check("eu-2022", {fixture("elm-valid.jsonld")}) == Lines{"DFCU-10.2-certificate 7:3 /signature"});
}

TEST_CASE("credentials: learning outcomes missing from an ELM credential are reported", "[credentials]") {
  CHECK(check("eu-2022", {fixture("elm-missing-outcomes.jsonld")}) ==
        Lines{
            "DFCU-10.2-certificate 7:3 /competences",
            "DFCU-10.2-certificate 7:3 /signature",
            "EU-I.6-learning-outcomes 7:3 /learning_outcomes",
        });
  // A .jsonld file named on the command line is read (directories are searched for .json only).
  auto run =
      run_cadre("check --as-of 2025-06-01 --lang en --rules eu-2022 fixtures/credentials/elm-missing-outcomes.jsonld");
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("fixtures/credentials/elm-missing-outcomes.jsonld:7:3: error[EU-I.6-learning-outcomes]: the "
                     "certificate states neither learning outcomes nor certified competences") != std::string::npos);
}

TEST_CASE("credentials: other JSON files are left to the loader", "[credentials]") {
  // No kind and no credential type: E0307, as before.
  auto plain = load("plain.json", "{\"id\": \"X\", \"title\": \"t\"}");
  CHECK(plain->codes() == Lines{"E0307 1:1"});
  REQUIRE(plain->records.size() == 1);
  CHECK_FALSE(plain->records[0].valid);
  // A verifiable credential of another type: E0320, which names it.
  auto other = load("vc.json", "{\"type\": [\"VerifiableCredential\", \"EndorsementCredential\"], \"id\": \"X\"}");
  CHECK(other->codes() == Lines{"E0320 1:1"});
  CHECK(other->diagnostics.items()[0].message.find("of type VerifiableCredential, EndorsementCredential") !=
        std::string::npos);
  // A record that states its kind is never rewritten, whatever its `type`.
  auto course = load("course.json", "{\"kind\": \"course\", \"id\": \"C\", \"type\": \"OpenBadgeCredential\"}");
  CHECK(course->codes() == Lines{});
  REQUIRE(course->records.size() == 1);
  CHECK(course->records[0].kind == "course");
  CHECK(course->value("/type") == "1:39 \"OpenBadgeCredential\"");
}

TEST_CASE("credentials: JSON-LD spellings, JSON Lines and values that cannot be converted", "[credentials]") {
  // `@type` and `@id`, a single type, value objects tagged by language, a numeric code.
  auto ob = load("ob.json", R"({"@id": "urn:uuid:1", "@type": "OpenBadgeCredential",
 "credentialSubject": {"achievement": {"humanCode": 101,
   "name": [{"@value": "Assess by competences", "@language": "en"}, {"@value": "Évaluer par compétences", "@language": "fr"}]}}})");
  REQUIRE(ob->records.size() == 1);
  CHECK(ob->records[0].kind == "certificate");
  CHECK(ob->value("/id") == "1:9 \"urn:uuid:1\"");
  CHECK(ob->value("/course") == "2:53 \"101\"");  // a string, quoted although written as a number
  CHECK(ob->value("/title") == "3:80 \"Évaluer par compétences\"");

  // Expanded type IRIs; a workload in days, a credit that is not a number, a level without
  // a number and an unknown country: diagnostics (or the value as written), never a guess.
  auto elm = load("elm.jsonld", R"({
  "id": "urn:credential:2",
  "type": ["https://www.w3.org/2018/credentials#VerifiableCredential", "http://data.europa.eu/snb/model/elm/EuropeanDigitalCredential"],
  "issuer": {"legalName": {"de": "Universität Z"}, "location": {"address": {"countryCode": {"id": "http://publications.europa.eu/resource/authority/country/XYZ"}}}},
  "credentialSubject": {"hasClaim": {"specifiedBy": {
    "volumeOfLearning": "P2D",
    "creditPoint": {"point": "deux"},
    "eqfLevel": {"id": "http://data.europa.eu/snb/eqf/"},
    "mode": {"prefLabel": {"en": "Work-based"}}
  }}}
})");
  REQUIRE(elm->records.size() == 1);
  CHECK(elm->records[0].kind == "certificate");
  CHECK(elm->records[0].valid);  // the rules still run on what could be read
  CHECK(elm->codes() == Lines{"E0309 6:25", "E0303 7:30", "E0303 8:24"});
  CHECK(elm->value("/issuer/university") == "4:34 \"Universität Z\"");  // neither fr nor en: the first
  CHECK(elm->value("/issuer/country") == "4:99 \"http://publications.europa.eu/resource/authority/country/XYZ\"");
  for (const char* field : {"/workload_hours", "/ects", "/level", "/participation"})
    CHECK(elm->value(field) == "absent");

  // One credential per line: positions are those of the line in the file.
  auto lines = load("badges.jsonl",
                    "{\"id\": \"urn:a\", \"type\": \"AchievementCredential\", \"validFrom\": \"2025-01-01\"}\n"
                    "{\"id\": \"urn:b\", \"type\": \"AchievementCredential\", \"validUntil\": \"2026-01-01\"}\n");
  REQUIRE(lines->records.size() == 2);
  CHECK(lines->value("/issued", 0) == "1:63 \"2025-01-01\"");
  CHECK(lines->value("/expires", 1) == "2:64 \"2026-01-01\"");
  CHECK(lines->where(lines->records[1].offset) == "2:17");
}
