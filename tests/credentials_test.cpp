// SPDX-License-Identifier: Apache-2.0
// Open Badges 3.0 and European Learning Model credentials read as certificates
// (engine/credentials/credentials.hpp): the fixtures of fixtures/credentials/ give the expected
// certificate fields, each at the position of what it was read from in the original file,
// and the findings of the certificate rules point there too.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "engine/base/base64url.hpp"
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
                     "expires on 20 March 2028 at 10:00") != std::string::npos);
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

// ---------------------------------------------------------------------------------------
// Envelopes, formats and profiles (issue 13).

namespace {

/// `line:col` of the first occurrence of `needle` in a fixture's text (after `after`).
std::string at(const Loaded& l, const std::string& needle, const std::string& after = "") {
  const std::string& text = l.sources.file(l.file).text();
  std::size_t from = after.empty() ? 0 : text.find(after);
  std::size_t i = text.find(needle, from == std::string::npos ? 0 : from);
  return i == std::string::npos ? "absent" : l.where(static_cast<std::uint32_t>(i));
}

}  // namespace

TEST_CASE("credentials: a JAdES-sealed EDC is read from its payload, positioned in the file, its seal kept",
          "[credentials]") {
  auto l = load_fixture("edc-sealed.jsonld");
  CHECK(l->codes() == Lines{});
  REQUIRE(l->records.size() == 1);
  const auto& r = l->records[0];
  CHECK(r.kind == "certificate");
  CHECK(r.id == "urn:credential:6f1d2c8e-3b7a-4e59-9a41-0c2d7e5b8f13");
  // Every value is shown where it is written in the payload string: the escaped quote that
  // opens it (`\"urn:credential:…\"` begins with a backslash).
  CHECK(l->value("/id") == at(*l, "\\\"urn:credential:6f1d") + " \"urn:credential:6f1d2c8e-3b7a-4e59-9a41-0c2d7e5b8f13\"");
  CHECK(l->key("/id") == at(*l, "\\\"id\\\":\\\"urn:credential:6f1d"));
  CHECK(l->value("/workload_hours") == at(*l, "\\\"PT14H") + " 14");
  CHECK(l->value("/participation") == at(*l, "\\\"http://data.europa.eu/snb/learning-assessment/920fbb3cbe") +
                                          " \"online\"");
  // The seal: the x5c certificate's holder, subject and the JAdES signing time.
  CHECK(l->value("/signature/signer").find("\"Cachet électronique Université de Bordeaux\"") != std::string::npos);
  CHECK(l->find("/signature/method")->text == "jades ES256");
  CHECK(l->find("/signature/certificate_subject")->text ==
        "CN=Cachet électronique Université de Bordeaux,O=Université de Bordeaux,C=FR");
  CHECK(l->find("/signature/signed_at")->text == "2025-05-26T09:00:05Z");
  const std::string& text = l->sources.file(l->file).text();
  CHECK(l->find("/signature")->offset == text.find("\"", text.find("\"signature\":") + 12));
}

TEST_CASE("credentials: a VC-JWT is read from its `vc` claim, positions fall on the base64url payload", "[credentials]") {
  auto l = load_fixture("ob3-vc-jwt.jwt");
  CHECK(l->codes() == Lines{});
  REQUIRE(l->records.size() == 1);
  CHECK(l->records[0].kind == "certificate");
  CHECK(l->records[0].id == "https://microcertifications.u-bordeaux.fr/credentials/CERT-BDX-2025-000123");
  const std::string& text = l->sources.file(l->file).text();
  std::size_t payload = text.find('.') + 1;
  auto decoded = base64url_decode(std::string_view(text).substr(payload, text.find('.', payload) - payload));
  REQUIRE(decoded);
  // The course's value starts at byte i of the payload: it is shown at character 4i/3 of the part.
  std::size_t i = decoded->find("\"UC-BDX-2024-017\"");
  CHECK(l->find("/course")->offset == payload + i * 4 / 3);
  CHECK(l->find("/course")->text == "UC-BDX-2024-017");
  CHECK(l->find("/signature/method")->text == "eddsa-rdfc-2022");  // the credential's own proof comes first
}

TEST_CASE("credentials: a broken envelope is an error at its place", "[credentials]") {
  auto l = load("bad.jsonld", R"({"payload":"{}","signatures":[{"protected":"e30","signature":"@@"}]})");
  CHECK(l->codes() == Lines{"E0301 1:62"});
  auto jwt = load("bad.jwt", "eyJhbGciOiJFUzI1NiJ9.eyJmb28iOjF9.AA\n");
  CHECK(jwt->codes() == Lines{"E0320 1:22"});  // a JWT whose payload is no credential
}

TEST_CASE("credentials: the edubadges EU micro-credential profile and typed alignments", "[credentials]") {
  auto l = load_fixture("ob3-edubadges.json");
  CHECK(l->codes() == Lines{"W0321 56:5"});  // the second subject names no achievement
  REQUIRE(l->records.size() == 1);
  CHECK(l->value("/ects") == "53:17 3.0");
  CHECK(l->value("/level/value") == "32:27 6");
  CHECK(l->key("/level") == "28:11");
  CHECK(l->value("/quality_assurance") == "24:27 \"Certification Qualiopi (2022-BDX-0311)\"");
  // Only the competency is a competence: not the EQF level, the QA decision or the credential.
  REQUIRE(l->find("/competences")->children.size() == 1);
  CHECK(l->value("/competences/0/label") == "38:27 \"Concevoir une situation d'évaluation authentique\"");
  CHECK(l->value("/participation") == "49:30 \"blended\"");
  CHECK(l->value("/assessment_type") == "50:27 \"testing\"");
  CHECK(l->value("/supervision") == "52:28 \"supervised_no_id\"");  // identityChecked: false
  // An issuer given as a string: an issuer without university, at the `issuer` property.
  CHECK(l->key("/issuer") == "9:3");
  CHECK(l->find("/issuer/university") == nullptr);
}

TEST_CASE("credentials: an issuer given as a string is reported at `issuer`", "[credentials]") {
  auto run = run_cadre("check --as-of 2025-06-01 --lang en fixtures/credentials/ob3-edubadges.json");
  // The rule that reads the missing university reports it there, with the schema error linked under it.
  CHECK(run.out.find("fixtures/credentials/ob3-edubadges.json:9:3: error[DFCU-6.2-producer-issues]: the certificate does "
                     "not say which university issues it") != std::string::npos);
  CHECK(run.out.find("= error[E0302] 9:3: required field `issuer.university` is missing") != std::string::npos);
}

TEST_CASE("credentials: ELM claims, evidence accreditation, modes and supervision by concept URI or label",
          "[credentials]") {
  auto l = load_fixture("elm-claims.jsonld");
  // The entitlement claim is not a certificate: W0321 at its opening brace.
  const std::string& text = l->sources.file(l->file).text();
  auto entitlement = static_cast<std::uint32_t>(text.rfind('{', text.find("urn:epass:entitlement:1")));
  CHECK(l->codes() == Lines{"W0321 " + l->where(entitlement)});
  REQUIRE(l->records.size() == 2);
  CHECK(l->records[0].id == "urn:credential:elm-claims");
  CHECK(l->records[1].id == "urn:credential:elm-claims#2");
  CHECK(l->value("/course", 0) == at(*l, "\"UC-LIL-2025-004\"") + " \"UC-LIL-2025-004\"");
  CHECK(l->value("/course", 1) == at(*l, "\"UC-LIL-2025-005\"") + " \"UC-LIL-2025-005\"");
  // Presential by its label in Spanish, Supervised with ID verification by its concept URI.
  CHECK(l->value("/participation", 0) == at(*l, "\"Presencial\"") + " \"onsite\"");
  CHECK(l->value("/supervision", 0) ==
        at(*l, "\"http://data.europa.eu/snb/supervision-verification/70be69aaf9\"") + " \"supervised_onsite\"");
  CHECK(l->value("/participation", 1) == at(*l, "\"http://data.europa.eu/snb/learning-assessment/e92d221e4d\"") +
                                             " \"blended\"");
  CHECK(l->value("/quality_assurance", 0) == at(*l, "\"Certification Qualiopi n° 2022-LIL-0417\"") +
                                                 " \"Certification Qualiopi n° 2022-LIL-0417\"");
}

TEST_CASE("credentials: an Open Badges 2.0 assertion is a certificate, a hashed recipient names no one",
          "[credentials]") {
  auto l = load_fixture("ob2-assertion.json");
  CHECK(l->codes() == Lines{"W0321 7:15"});  // `hashed: true`
  REQUIRE(l->records.size() == 1);
  CHECK(l->value("/id") == "4:9 \"https://badges.u-bordeaux.fr/assertions/CERT-BDX-2025-000412\"");
  CHECK(l->value("/course") == "14:11 \"https://badges.u-bordeaux.fr/badges/UC-BDX-2024-017\"");
  CHECK(l->value("/title") == "15:13 \"Concevoir une évaluation par compétences\"");
  CHECK(l->value("/issuer/university") == "21:15 \"Université de Bordeaux\"");
  CHECK(l->value("/issuer/header") == "22:16 \"https://badges.u-bordeaux.fr/en-tete.png\"");
  CHECK(l->value("/holder/id") == "9:17 \"sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5\"");
  CHECK(l->find("/holder/given_names") == nullptr);
  CHECK(l->value("/competences/0/id") == "25:140 \"C1\"");
  CHECK(l->value("/level/value") == "26:51 6");
  CHECK(l->value("/issued") == "11:15 \"2025-03-20T10:00:00Z\"");
  CHECK(l->find("/signature") == nullptr);  // a hosted assertion is not signed
  CHECK(l->value("/further_information") == "16:20 \"Micro-certification de l'Université de Bordeaux.\"");
}

TEST_CASE("credentials: a CLR is a transcript of its embedded achievement credentials", "[credentials]") {
  auto l = load("clr-awa.json", read_file(source_dir() + "/fixtures/stack/clr-awa.json"));
  CHECK(l->codes() == Lines{});
  REQUIRE(l->records.size() == 1);
  CHECK(l->records[0].kind == "transcript");
  CHECK(l->value("/holder/id") == at(*l, "\"0123456789A\"", "\"ClrSubject\"") + " \"0123456789A\"");
  CHECK(l->value("/holder/given_names") == at(*l, "\"Awa\"") + " \"Awa\"");
  REQUIRE(l->find("/credentials")->children.size() == 2);
  CHECK(l->find("/credentials/0/kind")->text == "certificate");
  CHECK(l->value("/credentials/1/course") == at(*l, "\"UC-LIL-2025-004\"") + " \"UC-LIL-2025-004\"");
}

TEST_CASE("credentials: files cadre does not read are named, not reported as a missing `kind`", "[credentials]") {
  auto xml = load_fixture("edci.xml");
  CHECK(xml->codes() == Lines{"E0320 2:1"});
  CHECK(xml->diagnostics.items()[0].message.find("Europass (EDCI) XML credential") != std::string::npos);
  auto other_xml = load("pom.xml", "<?xml version=\"1.0\"?>\n<project/>\n");
  CHECK(other_xml->diagnostics.items().at(0).message.find("XML document (root element <project>)") != std::string::npos);
  auto badge_class = load("badge.json", R"({"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "x"})");
  CHECK(badge_class->codes() == Lines{"E0320 1:1"});
  CHECK(badge_class->diagnostics.items()[0].message.find("Open Badges 2.0 BadgeClass") != std::string::npos);
  auto package = load("package.json", R"({"name": "x", "version": "1.0.0", "dependencies": {}})");
  CHECK(package->diagnostics.items().at(0).message.find("npm package manifest") != std::string::npos);
  auto plain_vc = load("vc.json", R"({"type": "VerifiableCredential", "id": "x"})");
  CHECK(plain_vc->diagnostics.items().at(0).message.find("of type VerifiableCredential,") != std::string::npos);
}

TEST_CASE("credentials: a missing course is reported where the credential should have stated it", "[credentials]") {
  // ELM: at the claim without a specification; OB 3.0: at the subject without an achievement.
  auto elm = load("elm.jsonld", R"({"id": "urn:x", "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
 "credentialSubject": {"id": "did:x", "hasClaim": {"id": "urn:claim", "type": "LearningAchievement", "title": "T"}}})");
  REQUIRE(elm->records.size() == 1);
  CHECK(elm->where(elm->records[0].root->anchor()) == "2:51");  // where the schema reports `course` missing
  auto ob3 = load("ob3.json", R"({"id": "urn:y", "type": ["VerifiableCredential", "OpenBadgeCredential"],
 "credentialSubject": {"id": "did:y"}})");
  REQUIRE(ob3->records.size() == 1);
  CHECK(ob3->where(ob3->records[0].root->anchor()) == "2:23");
}
