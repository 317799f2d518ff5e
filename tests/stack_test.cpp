// SPDX-License-Identifier: Apache-2.0
// `cadre stack` end to end on the fixtures of fixtures/stack: verdicts and exit codes, the
// JSON a registrar's tools read, exceptions, inline certificates and cohorts.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"

using cadre::testing::run_cadre;
using Json = nlohmann::json;

namespace {

const std::string kBase = "stack --pathway fixtures/stack/pathway.yaml --catalog fixtures/stack/catalog --as-of 2025-06-01 ";

Json stack_json(const std::string& args, int expected_exit) {
  auto r = run_cadre(kBase + "--format json " + args);
  INFO(r.err);
  REQUIRE(r.exit_code == expected_exit);
  return Json::parse(r.out);
}

std::vector<std::string> reasons(const Json& doc) {
  std::vector<std::string> out;
  for (const auto& r : doc["refused"]) out.push_back(r["credential"].get<std::string>() + ":" + r["reason"].get<std::string>());
  return out;
}

/// The verdict of each line of a cohort's results file, in order.
std::vector<std::string> verdicts_in(const std::string& results) {
  std::ifstream in(results);
  std::vector<std::string> verdicts;
  for (std::string line; std::getline(in, line);) verdicts.push_back(Json::parse(line)["verdict"].get<std::string>());
  return verdicts;
}

/// The first trainee of fixtures/stack/cohort.jsonl (eligible), to surround a bad line with.
std::string first_cohort_line() {
  std::string text = cadre::testing::read_file("fixtures/stack/cohort.jsonl");
  return text.substr(0, text.find('\n'));
}

}  // namespace

TEST_CASE("stack: the verdicts of the fixtures, with the exit codes the registrar's scripts read", "[stack]") {
  auto eligible = stack_json("--transcript fixtures/stack/eligible-greedy-fails.yaml", 0);
  CHECK(eligible["verdict"] == "eligible");
  // Greedy would give CERT-A to "1 of [A, B]"; the allocator gives it CERT-B.
  CHECK(eligible["assignments"] == Json::parse(R"([
    {"credential": "CERT-B", "requirement": "/requirement/all_of/0"},
    {"credential": "CERT-A", "requirement": "/requirement/all_of/1"},
    {"credential": "CERT-C", "requirement": "/requirement/all_of/2"}])"));
  auto missing = stack_json("--transcript fixtures/stack/missing-course.yaml", 1);
  CHECK(missing["verdict"] == "not_yet_eligible");
  CHECK(missing["missing"] == Json::array({"UC-STK-C"}));
  auto invalid = stack_json("--transcript fixtures/stack/invalid-certificate.yaml", 1);
  CHECK(invalid["verdict"] == "cannot_be_assessed");
  REQUIRE(invalid["refused"].size() == 1);
  CHECK(invalid["refused"][0]["diagnostics"][0].get<std::string>().find("certificates.yaml:113:9: error[E0304]") != std::string::npos);
  // The completion (UC-STK-B) moves CERT-A to "course UC-STK-A": the plan is shown where it differs.
  CHECK(invalid["missing"] == Json::array({"UC-STK-B"}));
  CHECK(invalid["requirements"][1]["with_completion"] == Json::array({"+UC-STK-B"}));
  CHECK(invalid["requirements"][2]["with_completion"] == Json::array({"CERT-A"}));
  CHECK_FALSE(invalid["requirements"][3].contains("with_completion"));
  auto refused = stack_json("--transcript fixtures/stack/refused-credentials.yaml", 1);
  CHECK(reasons(refused) == std::vector<std::string>{"CERT-D:course-not-declaring", "CERT-OTHER:not-a-brick",
                                                      "CERT-A-BOB:other-holder", "CERT-A:duplicate",
                                                      "CERT-C-EXP:fails-rules"});
  CHECK(refused["refused"][4]["findings"][0]["rule"] == "DFCU-8.4-validity");
  for (const auto* doc : {&eligible, &missing, &invalid, &refused})
    CHECK((*doc)["notice"].get<std::string>().find("§11") != std::string::npos);
  auto unreadable = run_cadre(kBase + "--transcript fixtures/stack/no-such-file.yaml");
  CHECK(unreadable.exit_code == 2);
}

TEST_CASE("stack: registrar exceptions substitute a course and satisfy a requirement, and are shown", "[stack]") {
  auto without = stack_json("--transcript fixtures/stack/exception-applied.yaml", 1);
  CHECK(without["verdict"] == "not_yet_eligible");
  auto with = stack_json("--exceptions fixtures/stack/exceptions.yaml --transcript fixtures/stack/exception-applied.yaml", 0);
  CHECK(with["verdict"] == "eligible");
  REQUIRE(with["exceptions"].size() == 2);  // Bob's exception concerns another trainee
  CHECK(with["exceptions"][0]["satisfy"] == "Volume minimal");
  CHECK(with["exceptions"][0]["approved_by"] == "Jury du DIU, séance du 22 mai 2025");
  CHECK(with["exceptions"][0]["line"] == 12);
  CHECK(with["exceptions"][1]["substitute"]["replaces"] == "UC-STK-B");
  CHECK(with["exceptions"][1]["applied"] == true);
  CHECK(with["requirements"][1]["credentials"] == Json::array({"CERT-OTHER"}));
  // CERT-OTHER brings the hours to 63 of 60: the VAE exception changed nothing and must not
  // read as applied (issue 16).
  CHECK(with["exceptions"][0]["applied"] == false);
  CHECK(with["requirements"][4]["satisfied"] == true);
  CHECK(!with["requirements"][4].contains("granted_by_exception"));
  // Where the credentials fall short (42 h of 60), the same exception does change the state.
  auto needed = stack_json("--exceptions fixtures/stack/exceptions.yaml --transcript fixtures/stack/refused-credentials.yaml", 1);
  REQUIRE(needed["exceptions"].size() >= 1);
  CHECK(needed["exceptions"][0]["satisfy"] == "Volume minimal");
  CHECK(needed["exceptions"][0]["applied"] == true);
  CHECK(needed["requirements"][4]["granted_by_exception"] == true);
  // A malformed exceptions file stops the run: decisions are not taken on a broken file.
  auto malformed = run_cadre(kBase + "--exceptions fixtures/stack/exceptions-malformed.yaml "
                                     "--transcript fixtures/stack/exception-applied.yaml");
  CHECK(malformed.exit_code == 2);
  CHECK(malformed.err.find("exceptions-malformed.yaml:5:5: error[E0302]") != std::string::npos);
}

TEST_CASE("stack: certificates written inline in a transcript are checked with positions and count", "[stack]") {
  auto doc = stack_json("--transcript fixtures/stack/inline-certificates.yaml", 1);
  CHECK(doc["counted"] == Json::array({"CERT-A", "CERT-B"}));
  REQUIRE(doc["refused"].size() == 1);
  CHECK(doc["refused"][0]["credential"] == "CERT-C-INLINE");
  CHECK(doc["refused"][0]["reason"] == "fails-rules");
  for (const auto& f : doc["refused"][0]["findings"]) {
    CHECK(f["file"] == "fixtures/stack/inline-certificates.yaml");
    CHECK(f["line"] == 24);
  }
}

TEST_CASE("stack: a cohort gives one JSON line per trainee, in order, and a summary", "[stack]") {
  auto dir = std::filesystem::temp_directory_path() / "cadre-stack-cohort-test";
  std::filesystem::create_directories(dir);
  auto results = (dir / "results.jsonl").string(), summary = (dir / "summary.json").string();
  std::vector<std::string> outputs;  // the same bytes whatever the number of workers
  for (const char* threads : {"1", "2"}) {
    auto r = run_cadre(kBase + "--transcripts fixtures/stack/cohort.jsonl --threads " + threads + " --output " + results +
                       " --summary " + summary);
    CHECK(r.exit_code == 2);  // lines 4 and 5 hold no transcript
    std::ifstream in(results);
    std::vector<int> lines;
    std::vector<std::string> verdicts;
    for (std::string line; std::getline(in, line);) {
      auto j = Json::parse(line);
      lines.push_back(j["line"].get<int>());
      verdicts.push_back(j["verdict"].get<std::string>());
    }
    // Line 4 is broken JSON and line 5 a course: no trainee, each reported where it is; line 6 is blank.
    CHECK(lines == std::vector<int>{1, 2, 3, 7});
    CHECK(verdicts == std::vector<std::string>{"eligible", "not_yet_eligible", "not_yet_eligible", "cannot_be_assessed"});
    CHECK(r.err.find("fixtures/stack/cohort.jsonl:4:87: error[E0326]: the line is not a record cadre can read") != std::string::npos);
    CHECK(r.err.find("fixtures/stack/cohort.jsonl:5:2: error[E0326]: the line holds a `course` record (`UC-NOT-A-TRANSCRIPT`), not a transcript") != std::string::npos);
    // Every transcript is Awa Diallo's: lines 2, 3 and 7 repeat the holder of line 1.
    CHECK(r.err.find("fixtures/stack/cohort.jsonl:7:34: warning[W0328]: holder INE-0123456789A (Awa Diallo) is also on line 1") != std::string::npos);
    outputs.push_back(cadre::testing::read_file(results));
    auto s = Json::parse(cadre::testing::read_file(summary));
    CHECK(s["trainees"] == 4);
    CHECK(s["lines_without_transcript"] == 2);
    CHECK(s["comment_lines"] == 0);
    CHECK(s["repeated_holders"] == 3);
    CHECK(s["verdicts"] == Json::parse(R"({"eligible": 1, "not_yet_eligible": 2, "cannot_be_assessed": 1})"));
  }
  CHECK(outputs[0] == outputs[1]);
  std::filesystem::remove_all(dir);
}

TEST_CASE("stack: a cohort longer than the workers' queue comes out in line order, the same bytes on 1 to 4 and 7 threads", "[stack]") {
  // 700 lines, 400 trainees (the 7 lines of cohort.jsonl, its blank line included, 100 times): more
  // than the reader queues (64 lines per worker), so workers finish out of order and the
  // writer's reorder window has to put results back in line order.
  auto dir = std::filesystem::temp_directory_path() / "cadre-stack-cohort-order-test";
  std::filesystem::create_directories(dir);
  auto cohort = (dir / "cohort.jsonl").string(), results = (dir / "results.jsonl").string(),
       summary = (dir / "summary.json").string();
  std::string one = cadre::testing::read_file("fixtures/stack/cohort.jsonl");
  REQUIRE(!one.empty());
  if (one.back() != '\n') one += '\n';
  std::string many;
  for (int i = 0; i < 100; ++i) many += one;
  cadre::testing::write_file(cohort, many);
  std::vector<std::string> outputs, summaries, errors;
  for (const char* threads : {"1", "2", "3", "4", "7"}) {
    auto r = run_cadre(kBase + "--transcripts " + cohort + " --threads " + threads + " --output " + results +
                       " --summary " + summary);
    CHECK(r.exit_code == 2);
    outputs.push_back(cadre::testing::read_file(results));
    summaries.push_back(cadre::testing::read_file(summary));
    errors.push_back(r.err);
  }
  std::istringstream in(outputs[0]);
  std::vector<int> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line)["line"].get<int>());
  REQUIRE(lines.size() == 400);
  CHECK(std::is_sorted(lines.begin(), lines.end()));
  CHECK(Json::parse(summaries[0])["trainees"] == 400);
  CHECK(Json::parse(summaries[0])["lines_without_transcript"] == 200);
  CHECK(Json::parse(summaries[0])["repeated_holders"] == 399);
  for (std::size_t i = 1; i < outputs.size(); ++i) {
    CHECK(outputs[i] == outputs[0]);
    CHECK(summaries[i] == summaries[0]);
    CHECK(errors[i] == errors[0]);  // diagnostics in line order, whatever the threads
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("stack: a cohort line too long to read is reported, and the lines around it are assessed", "[stack]") {
  auto dir = std::filesystem::temp_directory_path() / "cadre-stack-hostile-test";
  std::filesystem::create_directories(dir);
  auto cohort = (dir / "hostile.jsonl").string(), results = (dir / "results.jsonl").string();
  std::string good = first_cohort_line();
  {
    std::ofstream out(cohort, std::ios::binary);
    out << good << '\n' << std::string(17u << 20, 'x') << '\n' << good;  // the last line has no line break
  }
  auto r = run_cadre(kBase + "--transcripts " + cohort + " --output " + results);
  CHECK(r.exit_code == 2);
  CHECK(verdicts_in(results) == std::vector<std::string>{"eligible", "eligible"});
  CHECK(r.err.find(cohort + ":2:1: error[E0326]: the line is longer than") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("stack: waivers cover the findings of a cohort's inline certificates too", "[stack]") {
  auto dir = std::filesystem::temp_directory_path() / "cadre-stack-cohort-waivers-test";
  std::filesystem::create_directories(dir);
  auto waivers = (dir / "waivers.yaml").string(), results = (dir / "results.jsonl").string();
  {
    std::ofstream out(waivers, std::ios::binary);
    out << "kind: waivers\nwaivers:\n  - rule: DFCU-10.2-certificate\n    record: CERT-B-INLINE\n"
           "    reason: \"Certificat papier vérifié par le service de scolarité\"\n    approved_by: \"Jury du DIU\"\n"
           "    expires: 2025-12-31\n";
  }
  auto verdict_of_line_3 = [&](const std::string& extra) {
    auto r = run_cadre(kBase + "--transcripts fixtures/stack/cohort.jsonl --output " + results + extra);
    std::ifstream in(results);
    for (std::string line; std::getline(in, line);) {
      auto j = Json::parse(line);
      if (j["line"] == 3) return j;
    }
    return Json{};
  };
  CHECK(verdict_of_line_3("")["verdict"] == "not_yet_eligible");
  auto waived = verdict_of_line_3(" --waivers " + waivers);
  CHECK(waived["verdict"] == "eligible");
  CHECK(waived["waived"].size() == 6);
  CHECK(waived["waived"][0]["waiver_reason"] == "Certificat papier vérifié par le service de scolarité");
  std::filesystem::remove_all(dir);
}

TEST_CASE("stack: a cohort line that is not UTF-8 or not JSON is reported, and the others are assessed", "[stack]") {
  auto dir = std::filesystem::temp_directory_path() / "cadre-stack-utf8-test";
  std::filesystem::create_directories(dir);
  auto cohort = (dir / "cohort.jsonl").string(), results = (dir / "results.jsonl").string();
  std::string good = first_cohort_line();
  {
    std::ofstream out(cohort, std::ios::binary);
    out << good << "\n\xE9\n" << "é\n" << good << '\n';
  }
  for (const char* threads : {"1", "2"}) {
    auto r = run_cadre(kBase + "--transcripts " + cohort + " --threads " + threads + " --output " + results);
    CHECK(r.exit_code == 2);
    CHECK(verdicts_in(results) == std::vector<std::string>{"eligible", "eligible"});
    CHECK(r.err.find(cohort + ":2:1: error[E0326]") != std::string::npos);
    CHECK(r.err.find(cohort + ":3:1: error[E0326]") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("stack: review cases — a holder without id, two substitutions of one course, an aliased list", "[stack]") {
  auto no_id = stack_json("--transcript fixtures/stack/holder-without-id.yaml", 1);
  CHECK(reasons(no_id) == std::vector<std::string>{"CERT-A-BOB:other-holder"});
  auto two = stack_json("--exceptions fixtures/stack/exceptions-two-substitutes.yaml "
                        "--transcript fixtures/stack/exception-applied.yaml", 0);
  REQUIRE(two["exceptions"].size() == 2);
  CHECK(two["exceptions"][0]["reason"] == "Specific for Awa: OTHER for B");
  CHECK(two["exceptions"][1]["effect"].get<std::string>().rfind("non appliquée", 0) == 0);
  CHECK(two["requirements"][1]["credentials"] == Json::array({"CERT-OTHER"}));
  auto alias = stack_json("--transcript fixtures/stack/inline-alias.yaml", 0);
  CHECK(alias["counted"] == Json::array({"CERT-A", "CERT-B-IN", "CERT-C-IN"}));
}

TEST_CASE("records inside records are read one level deep", "[stack]") {
  // A transcript inside a transcript: the inner one is a record of its own, the certificate
  // inside it stays a value (a copy per level would let nesting multiply a file's values).
  auto dir = std::filesystem::temp_directory_path() / "cadre-nested-records-test";
  std::filesystem::create_directories(dir);
  auto file = (dir / "nested.json").string();
  {
    std::ofstream out(file, std::ios::binary);
    out << R"({"kind": "transcript", "holder": {"id": "1"}, "credentials": [)"
        << R"({"kind": "transcript", "holder": {"id": "2"}, "credentials": [{"kind": "certificate", "id": "C"}]}]})";
  }
  auto r = run_cadre("check --format json --fail-on none --as-of 2025-06-01 " + file);
  auto doc = Json::parse(r.out);
  std::vector<std::string> kinds;
  for (const auto& rec : doc["records"]) kinds.push_back(rec["kind"].get<std::string>());
  CHECK(kinds == std::vector<std::string>{"transcript", "transcript"});
  std::filesystem::remove_all(dir);
}

TEST_CASE("stack: a cohort is JSON Lines whatever its file is called", "[stack]") {
  auto dir = std::filesystem::temp_directory_path() / "cadre-stack-ndjson-test";
  std::filesystem::create_directories(dir);
  auto cohort = (dir / "cohort.ndjson").string();
  std::filesystem::copy_file("fixtures/stack/cohort.jsonl", cohort, std::filesystem::copy_options::overwrite_existing);
  auto renamed = run_cadre(kBase + "--transcripts " + cohort);
  auto original = run_cadre(kBase + "--transcripts fixtures/stack/cohort.jsonl");
  std::string expected = original.out, actual = renamed.out;
  for (auto at = expected.find("fixtures/stack/cohort.jsonl"); at != std::string::npos;
       at = expected.find("fixtures/stack/cohort.jsonl", at + cohort.size()))
    expected.replace(at, std::string("fixtures/stack/cohort.jsonl").size(), cohort);
  CHECK(actual == expected);
  std::filesystem::remove_all(dir);
}

TEST_CASE("stack: §6.2 compares the issuer and the producer as the packs do and not by spelling", "[stack]") {
  // CERT-B: Bordeaux in capitals, without accents, with its UAI, counts; CERT-C-INLINE is issued
  // by a participating university (Lille): the rules fail it and the stack refuses it.
  auto doc = stack_json("--transcript fixtures/stack/issuer-spellings.yaml", 1);
  CHECK(reasons(doc) == std::vector<std::string>{"CERT-C-INLINE:fails-rules"});
  bool b_counts = false;
  for (const auto& r : doc["requirements"]) {
    std::string dumped = r.dump();
    if (dumped.find("CERT-B") != std::string::npos) b_counts = true;
  }
  CHECK(b_counts);
}

TEST_CASE("stack: a cohort line holding a record without kind says so, not a `?` record", "[stack]") {
  auto dir = std::filesystem::temp_directory_path() / "cadre-stack-no-kind-test";
  std::filesystem::create_directories(dir);
  auto cohort = (dir / "cohort.jsonl").string(), results = (dir / "results.jsonl").string();
  {
    std::ofstream out(cohort, std::ios::binary);
    out << first_cohort_line() << "\n{}\n{\"id\": \"T-7\"}\n";
  }
  auto r = run_cadre(kBase + "--transcripts " + cohort + " --output " + results);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(cohort + ":2:1: error[E0326]: the line holds a record without `kind: transcript`; no trainee") !=
        std::string::npos);
  CHECK(r.err.find(cohort + ":3:1: error[E0326]: the line holds a record (`T-7`) without `kind: transcript`") !=
        std::string::npos);
  CHECK(r.err.find("`?`") == std::string::npos);
  std::filesystem::remove_all(dir);
}
