// SPDX-License-Identifier: Apache-2.0
// A schema error invalidates its field, not its record: every rule that does not read the
// field still runs, and a rule that reads it says so, citing its article (issue 12).
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "engine/base/calendar.hpp"
#include "engine/base/exact_decimal.hpp"
#include "engine/engine.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/snippets.hpp"
#include "tests/support/temp_dir.hpp"

using namespace cadre;
using testing::run_snippet;
using testing::source_dir;

namespace {

/// What a test reads of a finding (findings point into the Engine's rules, which do not
/// outlive check()).
struct Seen {
  std::string rule, pointer, message;
  bool undecided = false;
  Severity severity = Severity::Error;
  std::optional<DiagCode> schema_error;
};

struct Checked {
  std::set<std::string> findings;        // `RULE /pointer`
  std::vector<Seen> all;
  std::vector<std::string> codes;        // diagnostic codes
  std::vector<report::RecordStatus> records;
};

Checked check(const std::string& path, const std::string& lang = "en") {
  CheckOptions options;
  options.inputs = {path.rfind('/', 0) == 0 ? path : source_dir() + "/" + path};
  options.lang = lang;
  options.as_of = *parse_date("2025-06-01");
  Engine engine;
  auto result = engine.check(options);
  Checked out;
  for (const auto& f : result.findings) out.findings.insert(fmt::format("{} {}", f.rule->id, f.pointer));
  for (const auto& f : result.findings)
    out.all.push_back({f.rule->id, f.pointer, f.message, f.undecided, f.severity,
                       f.schema_error ? std::optional<DiagCode>(f.schema_error->code) : std::nullopt});
  for (const auto& d : result.diagnostics.items()) out.codes.push_back(diag_info(d.code).code);
  out.records = result.records;
  return out;
}

bool below(const std::string& pointer, const std::string& field) {
  return pointer == field || pointer.rfind(field + "/", 0) == 0;
}

}  // namespace

TEST_CASE("partial records: one bad field never hides the other findings", "[partial]") {
  const auto base = check("fixtures/records/partial/base.yaml");
  REQUIRE(base.codes.empty());
  // The base record's own flaws, so that "all present" below means something.
  for (const char* f : {"DFCU-6.1-mandatory /assessment/resit_policy", "DFCU-13.2-team /team/tutors",
                        "DFCU-7.5-surveys /quality/surveys", "DFCU-13-approval /approval/date"})
    CHECK(base.findings.count(f));
  REQUIRE(base.findings.size() >= 5);

  struct Case {
    const char* file;
    const char* code;
    std::vector<std::string> fields;  // what the schema error is about
    std::string article_finding;      // a rule that reads it, and says so
  };
  const std::vector<Case> cases = {
      {"workload-text", "E0303", {"/workload_hours"}, "DFCU-8.1-duration /workload_hours"},
      {"brand-unknown", "E0310", {"/brand"}, "DFCU-13.3-brand /brand"},
      {"bad-date", "E0304", {"/calendar/start"}, "DFCU-8.3-calendar /calendar/start"},
      {"missing-required", "E0302", {"/workload_hours", "/modality"}, "DFCU-8.1-duration /workload_hours"},
      {"nested-shape", "E0303", {"/producer/expert"}, "DFCU-3-producer /producer/expert"},
      {"bad-duration", "E0309", {"/assessment/duration"}, ""},
      {"duplicate-key", "E0305", {"/modality"}, "DFCU-6.2-proctoring /modality"},
  };
  for (const auto& c : cases) {
    SECTION(c.file) {
      const auto run = check(fmt::format("fixtures/records/partial/{}.yaml", c.file));
      CHECK(std::count(run.codes.begin(), run.codes.end(), std::string(c.code)) >= 1);
      // Judged, not `invalid`, and listed as checked with these fields unreadable.
      REQUIRE(run.records.size() == 1);
      CHECK(run.records[0].status != report::RecordStatus::Status::Invalid);
      CHECK(run.records[0].unreadable == c.fields);
      // Every finding of the base record about another field is still there.
      for (const auto& f : base.findings) {
        auto pointer = f.substr(f.find(' ') + 1);
        bool about_field = std::any_of(c.fields.begin(), c.fields.end(), [&](const std::string& field) {
          return below(pointer, field) || below(field, pointer);
        });
        if (!about_field) CHECK(run.findings.count(f));
      }
      if (!c.article_finding.empty()) CHECK(run.findings.count(c.article_finding));
      // A rule that reads the field never passes silently, and says it once.
      std::set<std::string> seen;
      for (const auto& f : run.all)
        CHECK(seen.insert(f.rule + " " + f.pointer + " " + f.message).second);
    }
  }
}

TEST_CASE("partial records: the workload in words is one §8.1 finding with its reason", "[partial]") {
  const auto run = check("fixtures/records/partial/workload-text.yaml");
  std::vector<const Seen*> about;
  for (const auto& f : run.all)
    if (f.pointer == "/workload_hours") about.push_back(&f);
  REQUIRE_FALSE(about.empty());
  const Seen* duration = nullptr;
  for (const auto* f : about)
    if (f->rule == "DFCU-8.1-duration") duration = f;
  REQUIRE(duration);
  CHECK(duration->undecided);
  CHECK(duration->severity == Severity::Error);
  CHECK(duration->message.find("`course.workload_hours` could not be read: `quatorze heures` is not a number (E0303)") !=
        std::string::npos);
  // The E0303 is linked to it.
  REQUIRE(duration->schema_error);
  CHECK(*duration->schema_error == DiagCode::E0303);
  // In French too.
  const auto fr = check("fixtures/records/partial/workload-text.yaml", "fr");
  bool said = std::any_of(fr.all.begin(), fr.all.end(), [](const Seen& f) {
    return f.message.find("est illisible : `quatorze heures` n'est pas un nombre (E0303)") != std::string::npos;
  });
  CHECK(said);
}

TEST_CASE("partial records: a transcribed catalogue page gets its articles, not only E0302", "[partial]") {
  const auto run = check("fixtures/records/partial/catalogue-transcription.yaml");
  CHECK(std::count(run.codes.begin(), run.codes.end(), std::string("E0302")) == 2);
  CHECK(run.findings.count("DFCU-8.1-duration /workload_hours"));
  // Articles about what the page does state, or lacks, beyond the two required fields.
  std::set<std::string> articles;
  for (const auto& f : run.all)
    if (f.pointer != "/workload_hours" && f.pointer != "/modality") articles.insert(f.rule);
  CHECK(articles.size() >= 5);
  CHECK(articles.count("DFCU-6.1-mandatory"));
  CHECK(articles.count("DFCU-13.2-team"));
}

TEST_CASE("partial records: a credential without its achievement is still checked", "[partial]") {
  const auto run = check("fixtures/credentials/ob3-no-achievement.json");
  CHECK(std::count(run.codes.begin(), run.codes.end(), std::string("E0302")) == 1);  // `course`
  REQUIRE(run.records.size() == 1);
  CHECK(run.records[0].status == report::RecordStatus::Status::Fail);
  CHECK(run.records[0].unreadable == std::vector<std::string>{"/course"});
  CHECK(run.findings.count("DFCU-8.4-validity /expires"));  // the 2024 expiry is reported
}

TEST_CASE("partial records: unknown fields get a synonym, the closest field or the list", "[partial]") {
  const char* rule = R"(rule R on course
  title fr "t" en "t"
  severity error
  require present(course.title)
  message fr "m" en "m"
)";
  auto run = run_snippet(rule, R"(kind: course
id: C1
title: "t"
producer: { university: "U" }
workload_hours: 10
modality: distance
duree: 10
worklaod_hours: 10
zzqx: 1
resit_policy: "en avril"
)");
  CHECK(run.text.find("help: did you mean `assessment.resit_policy`? (a field of `assessment`)") != std::string::npos);
  CHECK(run.text.find("did you mean `workload_hours`? (`duree` is a synonym the schema declares for it)") !=
        std::string::npos);
  CHECK(run.text.find("`worklaod_hours` is not a field of record course\n") != std::string::npos);
  CHECK(run.text.find("help: did you mean `workload_hours`?\n") != std::string::npos);
  CHECK(run.text.find("help: the fields of record course are `id`, `title`,") != std::string::npos);
  auto cert = run_snippet(rule, "kind: certificate\nid: X\ncourse: C\nvalid_until: 2030-01-01\nExpiry: 2030-01-01\n");
  CHECK(cert.text.find("did you mean `expires`? (`valid_until` is a synonym") != std::string::npos);
  CHECK(cert.text.find("did you mean `expires`? (`Expiry` is a synonym") != std::string::npos);
}

TEST_CASE("partial records: present() of an unreadable field is undecided, said once per rule", "[partial]") {
  const char* rule = R"(rule R on course
  title fr "t" en "Brand"
  severity warning
  require present(course.brand)
  require course.brand == "MC"
  message fr "m" en "m"
)";
  auto run = run_snippet(rule, R"(kind: course
id: C1
title: "t"
producer: { university: "U" }
workload_hours: 10
modality: distance
brand: Microcertif
)");
  CHECK(run.findings == std::vector<std::string>{"R 7:8 /brand undecided"});
  REQUIRE(run.messages.size() == 1);
  CHECK(run.messages[0] ==
        "Brand — cannot be decided: `course.brand` could not be read: `Microcertif` is not one of the allowed values (E0310)");
  CHECK(run.result.records[0].status == report::RecordStatus::Status::Fail);
}

TEST_CASE("numbers: a figure a double holds as written is read, one it would round is refused", "[records][numbers]") {
  for (const char* exact : {"7", "7.5", "30.0", "30", "0.1", "1e3", "-0.0", "007.50", "2.5E-1"}) {
    INFO(exact);
    double value = std::stod(exact);
    CHECK(holds_as_written(exact, value));
  }
  // More significant digits than a double holds: read as another value.
  CHECK_FALSE(holds_as_written("6.9999999999999999", 7.0));
  CHECK_FALSE(holds_as_written("30.000000000000001", 30.0));
  CHECK_FALSE(holds_as_written("0.30000000000000001", 0.3));
  CHECK_FALSE(holds_as_written("9007199254740993", 9007199254740992.0));
}

TEST_CASE("numbers: workload_hours 6.9999999999999999 is refused where it is written, not read as 7 (§8.1)",
          "[records][numbers]") {
  // The valid 10-hour brick, with only its workload changed.
  std::string course = cadre::testing::read_file(source_dir() + "/fixtures/courses/valid/ut3-brick-10h.yaml");
  REQUIRE(course.find("workload_hours: 10\n") != std::string::npos);
  cadre::testing::TempDir dir("cadre-numbers");
  auto with = [&](const std::string& hours) {
    std::string text = course;
    text.replace(text.find("workload_hours: 10\n"), 19, "workload_hours: " + hours + "\n");
    dir.write(hours + ".yaml", text);
    return check((dir.path / (hours + ".yaml")).string());
  };
  auto duration = [](const Checked& c) {
    return std::find_if(c.all.begin(), c.all.end(), [](const Seen& s) { return s.rule == "DFCU-8.1-duration"; });
  };
  for (const char* within : {"7", "7.5", "30.0", "30"}) {
    INFO(within);
    auto c = with(within);
    CHECK(std::count(c.codes.begin(), c.codes.end(), "E0319") == 0);
    CHECK(duration(c) == c.all.end());  // within 7 to 30 hours: no finding
  }
  for (const char* outside : {"6.99", "30.01"}) {
    INFO(outside);
    auto c = with(outside);
    REQUIRE(duration(c) != c.all.end());
    CHECK_FALSE(duration(c)->undecided);
  }
  // Read as 7 by a double, 6.9999999999999999 would meet the minimum it misses as written.
  for (const char* inexact : {"6.9999999999999999", "30.000000000000001"}) {
    INFO(inexact);
    auto c = with(inexact);
    CHECK(std::count(c.codes.begin(), c.codes.end(), "E0319") == 1);
    REQUIRE(duration(c) != c.all.end());
    CHECK(duration(c)->undecided);
    CHECK(duration(c)->schema_error == DiagCode::E0319);
  }
  // A duration's figures too.
  std::string text = course;
  text.replace(text.find("duration: PT3H"), 14, "duration: PT2.99999999999999999H");
  dir.write("assessment.yaml", text);
  auto c = check((dir.path / "assessment.yaml").string());
  CHECK(std::count(c.codes.begin(), c.codes.end(), "E0319") == 1);
}
