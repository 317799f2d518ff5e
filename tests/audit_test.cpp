// SPDX-License-Identifier: Apache-2.0
// `cadre audit`: the figures of fixtures/audit against values computed by hand, the status of
// the 32 indicators on the examples, byte-identical runs, `audit verify` on an untouched and
// on an altered pack, and what the command refuses to do.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <map>

#include "engine/audit/audit.hpp"
#include "engine/audit/manifest.hpp"
#include "engine/base/sha256.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre;
using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

fs::path temp(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("cadre-audit-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(p);
  return p;
}

audit::AuditRun audit_of(const std::vector<std::string>& paths, const std::string& as_of, const std::string& lang = "en") {
  audit::AuditOptions o;
  for (const auto& p : paths) o.paths.push_back(source_dir() + "/" + p);
  o.as_of = *parse_date(as_of);
  o.lang = lang;
  o.out_dir = "audit";
  o.tool_version = "test";
  o.threads = 1;
  return audit::run_audit(o);
}

const audit::Figure& figure(const audit::Evidence& e, const std::string& id) {
  const audit::Figure* f = e.figure(id);
  INFO(id);
  REQUIRE(f != nullptr);
  return *f;
}

// numerator / denominator of a figure: over all sessions, or one course or session.
std::pair<double, double> total(const audit::Evidence& e, const std::string& id) {
  const auto& f = figure(e, id);
  return {f.total.numerator, f.total.denominator};
}
std::pair<double, double> row(const std::vector<audit::FigureRow>& rows, const std::string& id) {
  for (const auto& r : rows)
    if (r.id == id) return {r.value.numerator, r.value.denominator};
  FAIL("no row " << id);
  return {};
}
using P = std::pair<double, double>;

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file.string());
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write_file(file.string(), text);
}

}  // namespace

TEST_CASE("audit: figures of fixtures/audit match the hand count", "[audit]") {
  // Three sessions as of 2025-07-15: S1 and S2 of UC-AUD-2025-001 (8 and 2 trainees), S3 of
  // UC-AUD-2025-002 (3 trainees). The comments in fixtures/audit/sessions/*.yaml say who is who.
  auto run = audit_of({"fixtures/audit"}, "2025-07-15");
  REQUIRE(run.complete);
  const auto& e = run.evidence;
  const std::string S1 = "UC-AUD-2025-001-S1", S2 = "UC-AUD-2025-001-S2", S3 = "UC-AUD-2025-002-S1";

  CHECK(e.scope.courses == 2);
  CHECK(e.scope.sessions == 3);
  CHECK(e.scope.trainees == 13);  // 8 + 2 + 3
  CHECK(e.scope.certificates == 2);
  CHECK(e.scope.universities == std::vector<std::string>{"Université Clermont-Auvergne", "Université de Lille"});
  CHECK(e.scope.first_day == "2025-03-03");
  CHECK(e.scope.last_day == "2025-06-20");

  // Completion: T2 and T3 dropped out of S1: (8 - 2) + 2 + 3 = 11 of 13.
  CHECK(total(e, "completion-rate") == P{11, 13});
  CHECK(row(figure(e, "completion-rate").sessions, S1) == P{6, 8});
  CHECK(row(figure(e, "completion-rate").courses, "UC-AUD-2025-001") == P{8, 10});  // 6 + 2 of 8 + 2
  CHECK(row(figure(e, "completion-rate").courses, "UC-AUD-2025-002") == P{3, 3});
  // Drop-outs: 2 of 13, one with a reason (T2), one without (T3).
  CHECK(total(e, "dropout-rate") == P{2, 13});
  CHECK(figure(e, "dropout-rate").breakdown ==
        std::vector<std::pair<std::string, std::size_t>>{{"(no reason recorded)", 1}, {"Raisons de santé", 1}});
  CHECK(total(e, "dropout-without-reason") == P{1, 2});
  const auto& no_reason = figure(e, "dropout-without-reason").gaps;
  REQUIRE(no_reason.size() == 1);
  CHECK(no_reason[0].record == S1);
  CHECK(no_reason[0].pointer == "/trainees/2/dropped_out");
  CHECK(no_reason[0].where.line == 29);
  CHECK(no_reason[0].where.file.ends_with("fixtures/audit/sessions/s1.yaml"));
  CHECK(no_reason[0].detail == "T3: drop-out without a recorded reason");

  // Satisfaction, weighted by responses: S1 2.5 × 6 + 4.0 × 6 = 39 over 12; S2 2.0 × 1 = 2
  // over 1; S3 4.5 × 3 = 13.5 over 3. Total 54.5 over 16 = 3.40625. Impact surveys do not count.
  CHECK(total(e, "satisfaction-mean") == P{54.5, 16});
  CHECK(row(figure(e, "satisfaction-mean").sessions, S1) == P{39, 12});
  CHECK(audit::format_value(figure(e, "satisfaction-mean"), figure(e, "satisfaction-mean").total, "en") == "3.41");
  // Response rate, every survey: S1 (6 + 6 + 3) / (8 + 6 + 6) = 15/20; S2 1/2; S3 (3 + 2) / (3 + 3) = 5/6.
  CHECK(total(e, "response-rate") == P{21, 28});
  CHECK(row(figure(e, "response-rate").sessions, S3) == P{5, 6});

  // Certification success, obtained over presented. S1: T1, T4 (fail, resit fail), T5, T6 and
  // T8 (absent, then resit pass) were presented; T7 has no result, T2 and T3 dropped out;
  // T1, T5, T6 and T8 passed: 4/5. S2: 2/2. S3: V3 failed: 2/3. Total 8/10.
  CHECK(total(e, "success-rate") == P{8, 10});
  CHECK(row(figure(e, "success-rate").sessions, S1) == P{4, 5});
  CHECK(row(figure(e, "success-rate").sessions, S3) == P{2, 3});
  CHECK(row(figure(e, "success-rate").courses, "UC-AUD-2025-001") == P{6, 7});

  // Needs analysis after the start (T6, 2025-03-05 > 2025-03-03) and no positioning (T3): 1 of 13 each.
  CHECK(total(e, "needs-analysis-missing") == P{1, 13});
  CHECK(total(e, "positioning-missing") == P{1, 13});

  // Assessed without a recorded result: T7, among the 6 + 2 + 3 trainees with an assessment.
  CHECK(total(e, "assessed-without-result") == P{1, 11});
  CHECK(figure(e, "assessed-without-result").gaps.at(0).pointer == "/trainees/6/assessment");
  CHECK(figure(e, "assessed-without-result").gaps.at(0).where.line == 55);
  // Passes without a delivered certificate: T5, of the 4 + 2 + 2 who passed.
  CHECK(total(e, "pass-without-certificate") == P{1, 8});
  CHECK(figure(e, "pass-without-certificate").gaps.at(0).pointer == "/trainees/4");
  CHECK(figure(e, "pass-without-certificate").gaps.at(0).where.line == 37);
  // Sat without an identity check: T6, of the 5 + 2 + 3 presented.
  CHECK(total(e, "sat-without-identity-check") == P{1, 10});
  // Declared disabilities: T5 without accommodation, T8 with one.
  CHECK(total(e, "disability-without-accommodation") == P{1, 2});
  CHECK(figure(e, "disability-without-accommodation").gaps.at(0).where.line == 41);
  // Jury minutes: S1 has none; the three sessions presented candidates.
  CHECK(total(e, "session-without-jury-minutes") == P{1, 3});
  CHECK(figure(e, "session-without-jury-minutes").gaps.at(0).where.line == 75);

  // Surveys left incomplete without a reminder: S1's first (6 of 8, 0 reminders) and S3's
  // impact survey (2 of 3, no reminders recorded). Complete surveys need none. 2 of 6.
  CHECK(total(e, "survey-without-reminder") == P{2, 6});

  // Complaints (2 days to acknowledge, 15 to answer): S1 R1 acknowledged in 1 day, answered in
  // 35 (late); S1 R2 acknowledged in 6 days (late), answered in 9; S2 R1 received 20 days
  // before the audit, neither acknowledged (late) nor answered (late); S3 R1 received 5 days
  // before, not acknowledged (late), not answered (not late yet).
  CHECK(e.thresholds.acknowledgement_days == 2);
  CHECK(e.thresholds.answer_days == 15);
  CHECK(total(e, "complaint-acknowledged-late") == P{3, 4});
  CHECK(total(e, "complaint-answered-late") == P{2, 4});
  const auto& late = figure(e, "complaint-answered-late").gaps;
  REQUIRE(late.size() == 2);
  CHECK(late[0].detail == "complaint R1: answered 35 days after receipt (allowed: 15 days)");
  CHECK(late[0].where.line == 70);
  CHECK(late[1].record == S2);
  CHECK(late[1].detail == "complaint R1: not answered yet 20 days after receipt (allowed: 15 days)");
  // Outcome and improvement action are due for S1 R1, S1 R2 and S2 R1 (S3 R1 is not due):
  // R2 and S2 R1 have neither. S1 R1's action A1 is in the register.
  CHECK(total(e, "complaint-without-outcome") == P{2, 3});
  CHECK(total(e, "complaint-without-improvement-action") == P{2, 3});
  CHECK(figure(e, "complaint-without-improvement-action").gaps.at(0).where.line == 72);
  // Low satisfaction (a survey mean below 3/5): S1 (2.5, has action A1) and S2 (2.0, none).
  CHECK(total(e, "low-satisfaction-without-action") == P{1, 2});
  CHECK(figure(e, "low-satisfaction-without-action").gaps.at(0).record == S2);

  // Gap figures make their indicators' status a shortfall, with the reason.
  std::map<int, audit::Status> status;
  for (const auto& i : e.indicators) status[i.number] = i.status;
  for (int n : {2, 4, 8, 11, 12, 16, 26, 30, 31, 32}) {
    INFO("indicator " << n);
    CHECK(status[n] == audit::Status::Shortfall);
  }
  CHECK(status[3] == audit::Status::Evidenced);  // 8 of 10 is a rate, not a gap
}

TEST_CASE("audit: status of the 32 indicators on the examples", "[audit]") {
  auto run = audit_of({"examples/courses", "examples/sessions", "examples/certificates"}, "2025-06-01");
  REQUIRE(run.complete);
  using S = audit::Status;
  const S E = S::Evidenced, X = S::Shortfall, N = S::NotApplicable, C = S::NotChecked;
  // 1, 6: DFCU-8.1-duration (Bordeaux, 32 h); 1, 9: DFCU-8.3-calendar (CY); 11: DFCU-6.1-mandatory
  // (Rennes) and three certificates; 16: DFCU-6.1-mandatory, DFCU-6.2-identity, -proctoring (CY).
  // 7: its rules judge pathways, not among these inputs. 13, 14, 15, 20, 29: apprenticeship.
  const std::vector<S> expected = {
      X, E, E, E, E, X, C, E, X, C,  // 1-10
      X, E, N, N, N, X, E, E, E, N,  // 11-20
      E, C, C, E, C, E, C, C, N, E,  // 21-30
      E, E};                         // 31-32
  const auto& indicators = run.evidence.indicators;
  REQUIRE(indicators.size() == 32);
  for (std::size_t k = 0; k < 32; ++k) {
    INFO("indicator " << indicators[k].number << ": " << indicators[k].reason);
    CHECK(indicators[k].number == static_cast<int>(k) + 1);
    CHECK(indicators[k].status == expected[k]);
  }
  CHECK(indicators[13].reason == "concerns apprentice training centres (CFA) only; micro-credentials are not prepared "
                                 "through apprenticeship");
  CHECK(indicators[6].reason == "its rules judge `pathway` records, none of which is in this pack");
  // Documentary requirements the packs declare unchecked are listed, never counted as passed.
  CHECK(indicators[18].documentary.size() == 1);
  CHECK(indicators[18].documentary[0].id == "DFCU-7.1-ccf-review");
  auto counts = run.evidence.counts();
  CHECK(counts == std::array<std::size_t, 4>{15, 5, 5, 7});
}

TEST_CASE("audit: two runs give byte-identical packs, with no clock time unless asked", "[audit]") {
  fs::path a = temp("run-a"), b = temp("run-b");
  const std::string inputs = " examples/courses examples/sessions examples/certificates";
  auto first = run_cadre("audit --as-of 2025-06-01 --out '" + a.string() + "'" + inputs);
  auto second = run_cadre("audit --as-of 2025-06-01 --out '" + b.string() + "'" + inputs);
  REQUIRE(first.exit_code == 0);
  REQUIRE(second.exit_code == 0);
  for (const char* name : audit::kPackFiles) {
    INFO(name);
    std::string x = read_file((a / name).string());
    CHECK(!x.empty());
    CHECK(x == read_file((b / name).string()));
  }
  std::string manifest = read_file((a / "manifest.json").string());
  CHECK(manifest.find("generated_at") == std::string::npos);
  CHECK(manifest.find(source_dir()) == std::string::npos);  // no absolute path
  CHECK(manifest.find("\"path\": \"examples/sessions/lille-documents-accessibles-s1.yaml\"") != std::string::npos);
  CHECK(manifest.find(sha256_hex(read_file(source_dir() + "/examples/sessions/lille-documents-accessibles-s1.yaml"))) !=
        std::string::npos);
  CHECK(manifest.find(sha256_hex(read_file((a / "index.html").string()))) != std::string::npos);
  // A run again into a previous pack overwrites it, with the same bytes.
  CHECK(run_cadre("audit --as-of 2025-06-01 --out '" + a.string() + "'" + inputs).exit_code == 0);
  CHECK(read_file((a / "manifest.json").string()) == manifest);
  fs::remove_all(a);
  fs::remove_all(b);

  // SOURCE_DATE_EPOCH (or --timestamp) puts a time in the pack; the same time gives the same bytes.
  CHECK(audit::utc_timestamp("1750000000") == "2025-06-15T15:06:40Z");
  CHECK(audit::utc_timestamp("0") == "1970-01-01T00:00:00Z");
  CHECK(audit::utc_timestamp("soon") == "");
  audit::AuditOptions o;
  o.paths = {source_dir() + "/fixtures/audit"};
  o.as_of = *parse_date("2025-07-15");
  o.generated_at = "2025-06-15T15:06:40Z";
  auto stamped = audit::run_audit(o), again = audit::run_audit(o);
  REQUIRE(stamped.complete);
  CHECK(stamped.files.back().bytes.find("\"generated_at\": \"2025-06-15T15:06:40Z\"") != std::string::npos);
  for (std::size_t k = 0; k < stamped.files.size(); ++k) CHECK(stamped.files[k].bytes == again.files[k].bytes);
}

TEST_CASE("audit: verify passes on an untouched pack and names what was altered", "[audit]") {
  fs::path root = temp("verify");
  fs::path in = root / "in", pack = root / "pack";
  fs::create_directories(root);
  fs::copy(source_dir() + "/fixtures/audit", in, fs::copy_options::recursive);
  REQUIRE(run_cadre("audit --as-of 2025-07-15 --out '" + pack.string() + "' '" + in.string() + "'").exit_code == 0);
  auto verify = [&] { return run_cadre("audit verify --lang en '" + pack.string() + "'"); };

  auto clean = verify();
  INFO(clean.out << clean.err);
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.find(": identical — 7 inputs, 2 rule packs and 4 pack files") != std::string::npos);

  // Each alteration, then the file restored: verify names the file it concerns.
  struct Case {
    fs::path file;
    std::string from, to;
    std::string named;  // the start of the difference line
  };
  const std::string manifest = (pack / "manifest.json").string();
  std::vector<Case> cases = {
      {in / "sessions/s2.yaml", "mean: 2.0", "mean: 4.0", (in / "sessions/s2.yaml").string() + ": input changed since the audit"},
      {in / "courses/course-002.yaml", "kind: course", "# a comment\nkind: course",
       (in / "courses/course-002.yaml").string() + ": input changed"},
      {pack / "evidence.md", "Qualiopi", "Qualiopl", (pack / "evidence.md").string() + ": changed since the audit"},
      {pack / "index.html", "<h1>", "<h1>Faux ", (pack / "index.html").string() + ": changed since the audit"},
      {pack / "manifest.json", "\"as_of\": \"2025-07-15\"", "\"as_of\": \"2025-07-16\"", manifest + ": no longer describes"},
      {pack / "manifest.json", "\"lang\": \"fr\"", "\"lang\": \"en\"", manifest + ": no longer describes"},
  };
  for (const auto& c : cases) {
    std::string original = read_file(c.file.string());
    replace_in(c.file, c.from, c.to);
    auto r = verify();
    INFO(c.file.string() << "\n" << r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find(c.named) != std::string::npos);
    write_file(c.file.string(), original);
  }
  // A wrong hash in the manifest is the manifest's fault, not the output's.
  std::string original = read_file(manifest);
  replace_in(pack / "manifest.json", sha256_hex(read_file((pack / "evidence.json").string())), std::string(64, '0'));
  auto wrong = verify();
  INFO(wrong.out);
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.out.find(manifest + ": records a wrong SHA-256 for evidence.json") != std::string::npos);
  write_file(manifest, original);
  // A file added under the audited paths, a pack file removed.
  write_file((in / "sessions/s4.yaml").string(), "kind: session\nid: NEW\ncourse: UC-AUD-2025-002\n");
  auto added = verify();
  CHECK(added.exit_code == 1);
  CHECK(added.out.find((in / "sessions/s4.yaml").string() + ": new input") != std::string::npos);
  fs::remove(in / "sessions/s4.yaml");
  fs::rename(pack / "evidence.md", root / "evidence.md");
  auto missing = verify();
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find((pack / "evidence.md").string() + ": missing") != std::string::npos);
  fs::rename(root / "evidence.md", pack / "evidence.md");
  CHECK(verify().exit_code == 0);

  // No manifest: not a pack (exit 2).
  auto none = run_cadre("audit verify '" + in.string() + "'");
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("manifest.json") != std::string::npos);
  fs::remove_all(root);
}

TEST_CASE("audit: --out never destroys files that are not a previous pack", "[audit]") {
  fs::path dir = temp("notes");
  write_file((dir / "notes.txt").string(), "mes notes\n");
  auto r = run_cadre("audit --as-of 2025-06-01 --out '" + dir.string() + "' examples/sessions");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("already holds files and no manifest.json that cadre audit wrote") != std::string::npos);
  CHECK(read_file((dir / "notes.txt").string()) == "mes notes\n");
  CHECK(!fs::exists(dir / "index.html"));
  // A file where the directory should be.
  auto file = run_cadre("audit --as-of 2025-06-01 --out '" + (dir / "notes.txt").string() + "' examples/sessions");
  CHECK(file.exit_code == 2);
  CHECK(file.err.find("is not a directory") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("audit: broken records give positioned diagnostics and no pack", "[audit]") {
  fs::path dir = temp("broken");
  auto r = run_cadre("audit --as-of 2025-06-01 --out '" + dir.string() + "' fixtures/records/broken/syntax.yaml");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("fixtures/records/broken/syntax.yaml:7:11: error[E0301]") != std::string::npos);
  CHECK(r.err.find("no evidence pack written") != std::string::npos);
  CHECK(!fs::exists(dir));
  auto missing = run_cadre("audit --as-of 2025-06-01 --out '" + dir.string() + "' fixtures/audit/nowhere");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("fixtures/audit/nowhere: error[E0501]") != std::string::npos);
}

TEST_CASE("audit: a waived finding is listed with its waiver and is not a shortfall, verify re-runs with the waivers",
          "[audit]") {
  auto without = audit_of({"fixtures/audit"}, "2025-07-15");
  audit::AuditOptions o;
  o.paths = {source_dir() + "/fixtures/audit"};
  o.waiver_files = {source_dir() + "/fixtures/waivers/audit-identity.yaml"};
  o.as_of = *parse_date("2025-07-15");
  o.lang = "en";
  o.out_dir = "audit";
  o.tool_version = "test";
  o.threads = 1;
  auto with = audit::run_audit(o);
  REQUIRE(with.complete);
  const audit::RuleResult* before = without.evidence.rule("DFCU-6.2-identity-session");
  const audit::RuleResult* after = with.evidence.rule("DFCU-6.2-identity-session");
  REQUIRE(before != nullptr);
  REQUIRE(after != nullptr);
  CHECK(before->failed == 1);
  CHECK(before->waived == 0);
  CHECK(before->shortfall());
  CHECK(after->failed == 0);
  CHECK(after->waived == 1);
  CHECK_FALSE(after->shortfall());
  REQUIRE(after->findings.size() == 1);  // still listed, with the waiver
  CHECK(after->findings[0].waiver == "Identité vérifiée lors de la soutenance orale (procès-verbal du 20 juin 2025)");
  // Indicator 16 keeps its figure gaps, but no longer counts the finding.
  const audit::IndicatorEvidence* i16 = nullptr;
  for (const auto& i : with.evidence.indicators)
    if (i.number == 16) i16 = &i;
  REQUIRE(i16 != nullptr);
  CHECK(i16->reason.find("finding") == std::string::npos);

  // The manifest names the waivers file; verify re-runs with it, and sees it change.
  fs::path root = temp("waivers");
  fs::create_directories(root);
  fs::path waivers = root / "waivers.yaml", pack = root / "pack";
  fs::copy_file(source_dir() + "/fixtures/waivers/audit-identity.yaml", waivers);
  REQUIRE(run_cadre("audit --as-of 2025-07-15 --waivers '" + waivers.string() + "' --out '" + pack.string() +
                    "' fixtures/audit").exit_code == 0);
  CHECK(read_file((pack / "manifest.json").string()).find("\"waivers\"") != std::string::npos);
  CHECK(run_cadre("audit verify '" + pack.string() + "'").exit_code == 0);
  replace_in(waivers, "2025-12-31", "2026-12-31");
  auto changed = run_cadre("audit verify --lang en '" + pack.string() + "'");
  CHECK(changed.exit_code == 1);
  CHECK(changed.out.find(waivers.string() + ": input changed") != std::string::npos);
  fs::remove_all(root);
}

TEST_CASE("audit (review): verify refuses a forged pack, a folder with a planted link is refused, --out not among the inputs",
          "[audit]") {
  fs::path root = temp("review");
  fs::path pack = root / "pack";
  fs::create_directories(root);
  REQUIRE(run_cadre("audit --as-of 2025-07-15 --out '" + pack.string() + "' fixtures/audit").exit_code == 0);
  const std::string manifest = (pack / "manifest.json").string();
  const std::string original = read_file(manifest);

  // A pack hash replaced: the rules are the same, so the manifest is what lies.
  std::string forged = original;
  auto at = forged.find("\"sha256\": \"", forged.find("\"packs\""));
  REQUIRE(at != std::string::npos);
  forged.replace(at + 11, 64, std::string(64, '0'));
  write_file(manifest, forged);
  auto pack_hash = run_cadre("audit verify --lang en '" + pack.string() + "'");
  CHECK(pack_hash.exit_code == 1);
  CHECK(pack_hash.out.find(manifest + ": records a wrong SHA-256 for pack") != std::string::npos);
  write_file(manifest, original);

  // An output edited, and its hash and size put in the manifest: the re-run tells.
  std::string html = read_file((pack / "index.html").string());
  replace_in(pack / "index.html", "<h1>", "<h1>Faux ");
  std::string edited = read_file((pack / "index.html").string());
  std::string m = original;
  m.replace(m.find(sha256_hex(html)), 64, sha256_hex(edited));
  m.replace(m.find(std::to_string(html.size())), std::to_string(html.size()).size(), std::to_string(edited.size()));
  write_file(manifest, m);
  auto output = run_cadre("audit verify --lang en '" + pack.string() + "'");
  CHECK(output.exit_code == 1);
  CHECK(output.out.find((pack / "index.html").string() + ": differs from what re-running the audit gives") !=
        std::string::npos);

  // A link planted where the pack writes: the folder is no longer only cadre's, so it is
  // refused (docs/audit.md, "The output directory": anything else is refused, nothing
  // written), and neither the link nor the file it points to is touched.
  write_file((root / "precious.txt").string(), "mine\n");
  fs::remove(pack / "evidence.md");
  fs::create_symlink(root / "precious.txt", pack / "evidence.md");
  auto link = run_cadre("audit --as-of 2025-07-15 --out '" + pack.string() + "' fixtures/audit");
  CHECK(link.exit_code == 2);
  CHECK(link.err.find("holds `evidence.md`, which is not a regular file") != std::string::npos);
  CHECK(read_file((root / "precious.txt").string()) == "mine\n");
  CHECK(fs::is_symlink(pack / "evidence.md"));
  // A link beside the pack's files, where a temporary file could be made: refused the same way.
  fs::remove(pack / "evidence.md");
  write_file((pack / "evidence.md").string(), read_file((pack / "evidence.json").string()));  // any regular file
  fs::create_symlink(root / "precious.txt", pack / "evidence.md.tmp");
  auto beside = run_cadre("audit --as-of 2025-07-15 --out '" + pack.string() + "' fixtures/audit");
  CHECK(beside.exit_code == 2);
  CHECK(beside.err.find("holds `evidence.md.tmp`, which its manifest.json does not list") != std::string::npos);
  CHECK(read_file((root / "precious.txt").string()) == "mine\n");
  CHECK(fs::is_symlink(pack / "evidence.md.tmp"));
  // The links gone, the pack is cadre's again and is rewritten whole.
  fs::remove(pack / "evidence.md.tmp");
  REQUIRE(run_cadre("audit --as-of 2025-07-15 --out '" + pack.string() + "' fixtures/audit").exit_code == 0);
  CHECK(read_file((root / "precious.txt").string()) == "mine\n");
  CHECK_FALSE(fs::is_symlink(pack / "evidence.md"));

  // A pack inside the audited directory could never be reproduced: refused.
  fs::copy(source_dir() + "/fixtures/audit", root / "in", fs::copy_options::recursive);
  auto inside = run_cadre("audit --as-of 2025-07-15 --out '" + (root / "in" / "pack").string() + "' '" +
                          (root / "in").string() + "'");
  CHECK(inside.exit_code == 2);
  CHECK(inside.err.find("is inside the audited directory") != std::string::npos);
  fs::remove_all(root);
}

TEST_CASE("audit: --provider takes its part of shared sessions and only its inputs", "[audit][provider]") {
  // Clermont's session UC-UCA-2025-002-S1 has T01 (Tours), T02 (Perpignan), T03 and T04 (Clermont).
  auto pack = [](const std::string& provider) {
    audit::AuditOptions o;
    for (const auto& p : {"examples/courses", "examples/sessions", "examples/certificates"}) o.paths.push_back(source_dir() + "/" + p);
    o.as_of = *parse_date("2025-06-01");
    o.lang = "fr";
    o.out_dir = "audit";
    o.tool_version = "test";
    o.threads = 1;
    o.provider = provider;
    return audit::run_audit(o);
  };
  auto tours = pack("Université de Tours");
  REQUIRE(tours.complete);
  const auto& e = tours.evidence;
  // Tours produces no course: its trainee T01 of Clermont's session, and the certificate it issued.
  REQUIRE(e.records.size() == 2);
  CHECK(e.records[0].kind == "certificate");
  CHECK(e.records[0].id == "CERT-TOU-2025-000457");
  CHECK(e.records[1].id == "UC-UCA-2025-002-S1");
  CHECK(e.records[1].partial);
  CHECK(e.records[1].trainees == std::vector<std::string>{"T01"});
  CHECK(e.scope.trainees == 1);
  CHECK(e.scope.courses == 0);
  CHECK(figure(e, "completion-rate").total.denominator == 1);
  // The session's own items (surveys, complaints, jury) are Clermont's, not in Tours' pack.
  CHECK(figure(e, "response-rate").total.denominator == 0);
  CHECK(figure(e, "complaint-answered-late").total.denominator == 0);
  // No finding about another trainee of the session.
  for (const auto& rule : e.rules_run)
    for (const auto& f : rule.findings)
      if (f.record == "UC-UCA-2025-002-S1") CHECK(f.pointer.rfind("/trainees/0", 0) == 0);
  // Intégrité: only the two files its records come from.
  REQUIRE(e.input_hashes.size() == 2);
  CHECK(e.input_hashes[0].first.find("clermont-cert-tou-2025-000457.yaml") != std::string::npos);
  CHECK(e.input_hashes[1].first.find("clermont-transition-ecologique-s1.yaml") != std::string::npos);
  CHECK(e.inputs_out_of_scope == e.inputs.size() - 2);
  CHECK(audit::integrity_sentence(e, false).find(std::to_string(e.inputs_out_of_scope) + " autres fichiers ont été lus") !=
        std::string::npos);

  // Clermont: the whole session's own items, but of the trainees only T03 and T04.
  auto clermont = pack("universite clermont-auvergne");
  REQUIRE(clermont.complete);
  CHECK(clermont.evidence.scope.trainees == 2);
  CHECK(figure(clermont.evidence, "response-rate").total.denominator > 0);
  bool session_seen = false;
  for (const auto& r : clermont.evidence.records)
    if (r.id == "UC-UCA-2025-002-S1") {
      session_seen = true;
      CHECK(r.trainees == std::vector<std::string>{"T03", "T04"});
    }
  CHECK(session_seen);
  // Without --provider, every trainee and every input.
  auto all = pack("");
  CHECK(all.evidence.scope.trainees > clermont.evidence.scope.trainees + tours.evidence.scope.trainees);
  CHECK(all.evidence.input_hashes.size() == all.evidence.inputs.size());
  CHECK(all.evidence.inputs_out_of_scope == 0);
}
