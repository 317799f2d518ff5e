// SPDX-License-Identifier: Apache-2.0
// Outputs never destroy inputs (engine/io), and a folder walk skips nothing in silence.
// The CLI golden cases (fixtures/cli/*/work) cover the commands end to end; these tests cover
// what a golden case cannot set up: an unreadable folder, a replaced folder's rollback, the
// temporary files left behind.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "engine/engine.hpp"
#include "engine/io/output_file.hpp"
#include "engine/io/owned_folder.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/rename_fault.hpp"
#include "tests/support/run_cadre.hpp"

using namespace cadre;
using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / fmt::format("cadre-safety-{}-{}", ::getpid(), name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

io::FolderPolicy policy() {
  return {"cadre test", "manifest.txt", [](const std::string& text) -> std::optional<std::vector<std::string>> {
            if (text.rfind("written by cadre test\n", 0) != 0) return std::nullopt;
            return std::vector<std::string>{"a.txt", "b.txt"};
          }};
}

}  // namespace

TEST_CASE("output file: the target changes only on commit, and no temporary is left", "[io]") {
  auto dir = scratch("commit");
  std::string target = (dir / "report.json").string();
  write_file(target, "previous");
  {
    io::OutputFile out;
    std::string error;
    REQUIRE(out.open(target, error));
    out.stream() << "half";
    CHECK(read_file(target) == "previous");  // an interrupted run leaves the previous file
  }  // destroyed without commit
  CHECK(read_file(target) == "previous");
  CHECK(entries(dir) == 1);
  std::string error;
  REQUIRE(io::write_file_atomically(target, "new", error));
  CHECK(read_file(target) == "new");
  CHECK(entries(dir) == 1);
  fs::remove_all(dir);
}

TEST_CASE("output file: refused onto an input by any path, through a link, or twice", "[io]") {
  auto dir = scratch("refuse");
  std::string record = (dir / "c.yaml").string();
  write_file(record, "kind: course\n");
  fs::create_directories(dir / "sub");
  fs::create_hard_link(record, dir / "hard.yaml");
  fs::create_symlink("c.yaml", dir / "link.json");
  write_file((dir / "elsewhere.txt").string(), "theirs");
  fs::create_symlink("elsewhere.txt", dir / "out.json");
  io::InputRegistry inputs;
  inputs.add(record, "a record file");
  auto refused = [&](const std::string& path) { return io::refuse_outputs({{path, "the `--output`"}}, inputs); };
  CHECK_THAT(refused(record), Catch::Contains("is both a record file read by this run"));
  CHECK_THAT(refused((dir / "sub/../c.yaml").string()), Catch::Contains("a record file"));
  CHECK_THAT(refused((dir / "hard.yaml").string()), Catch::Contains("a record file"));
  CHECK_THAT(refused((dir / "link.json").string()), Catch::Contains("a record file"));
  CHECK_THAT(refused((dir / "out.json").string()), Catch::Contains("symbolic link"));
  CHECK_THAT(refused((dir / "sub").string()), Catch::Contains("not a regular file"));
  CHECK(refused((dir / "new.json").string()).empty());
  CHECK(refused("/dev/null").empty());  // a stream: nothing is replaced
  CHECK_THAT(io::refuse_outputs({{(dir / "r.json").string(), "the json report"},
                                 {(dir / "sub/../r.json").string(), "the sarif report"}},
                                inputs),
             Catch::Contains("given twice"));
  CHECK(read_file(record) == "kind: course\n");
  fs::remove_all(dir);
}

TEST_CASE("owned folder: new, reused only when all its files are listed, replaced all or nothing", "[io]") {
  auto dir = scratch("folder");
  io::InputRegistry none;
  std::string error;
  std::vector<io::FolderFile> files{{"a.txt", "A1"}, {"b.txt", "B1"}, {"manifest.txt", "written by cadre test\n"}};
  REQUIRE(io::write_owned_folder((dir / "out").string(), policy(), files, none, error));
  files[0].bytes = "A2";
  REQUIRE(io::write_owned_folder((dir / "out").string(), policy(), files, none, error));  // its own: replaced
  CHECK(read_file((dir / "out/a.txt").string()) == "A2");
  CHECK(entries(dir / "out") == 3);

  write_file((dir / "out/mine.txt").string(), "a user's file");
  CHECK_FALSE(io::write_owned_folder((dir / "out").string(), policy(), files, none, error));
  CHECK_THAT(error, Catch::Contains("mine.txt"));
  CHECK(read_file((dir / "out/mine.txt").string()) == "a user's file");
  fs::remove(dir / "out/mine.txt");

  // A listed file that became a folder: refused before anything is replaced.
  fs::remove(dir / "out/b.txt");
  fs::create_directories(dir / "out/b.txt");
  files[0].bytes = "A3";
  CHECK_FALSE(io::write_owned_folder((dir / "out").string(), policy(), files, none, error));
  CHECK_THAT(error, Catch::Contains("not a regular file"));
  CHECK(read_file((dir / "out/a.txt").string()) == "A2");
  CHECK(entries(dir / "out") == 3);  // no temporary left

  // A folder that is an input's home: the file it would write is the input.
  fs::remove_all(dir / "out/b.txt");
  write_file((dir / "out/b.txt").string(), "B1");
  io::InputRegistry inputs;
  inputs.add((dir / "out/b.txt").string(), "a record file");
  CHECK_FALSE(io::write_owned_folder((dir / "out").string(), policy(), files, inputs, error));
  CHECK_THAT(error, Catch::Contains("a record file"));
  fs::remove_all(dir);
}

TEST_CASE("owned folder: a replacement that fails halfway puts every previous file back", "[io]") {
  auto dir = scratch("rollback");
  io::InputRegistry none;
  std::string error;
  std::vector<io::FolderFile> files{{"a.txt", "A1"}, {"b.txt", "B1"}, {"manifest.txt", "written by cadre test\n"}};
  REQUIRE(io::write_owned_folder((dir / "out").string(), policy(), files, none, error));
  std::vector<io::FolderFile> next{{"a.txt", "A2"}, {"b.txt", "B2"}, {"manifest.txt", "written by cadre test\nv2\n"}};
  auto unchanged = [&] {
    CHECK(read_file((dir / "out/a.txt").string()) == "A1");
    CHECK(read_file((dir / "out/b.txt").string()) == "B1");
    CHECK(read_file((dir / "out/manifest.txt").string()) == "written by cadre test\n");
    CHECK(entries(dir / "out") == 3);  // no temporary, no file set aside left behind
  };
  auto ends_with = [](const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  SECTION("the second file's new version cannot be renamed into place (a.txt is already replaced)") {
    testing::RenameFault fault([&](const std::string& from, const std::string& to) {
      return ends_with(from, ".tmp") && ends_with(to, "/b.txt");
    });
    CHECK_FALSE(io::write_owned_folder((dir / "out").string(), policy(), next, none, error));
    CHECK(fault.failures() == 1);
    CHECK_THAT(error, Catch::Contains("b.txt") && Catch::Contains("the folder is as it was"));
    unchanged();
  }
  SECTION("the last file's previous version cannot be set aside (two files are already replaced)") {
    testing::RenameFault fault([&](const std::string& from, const std::string& to) {
      return ends_with(from, "/manifest.txt") && ends_with(to, ".old");
    });
    CHECK_FALSE(io::write_owned_folder((dir / "out").string(), policy(), next, none, error));
    CHECK(fault.failures() == 1);
    CHECK_THAT(error, Catch::Contains("cannot replace") && Catch::Contains("manifest.txt"));
    unchanged();
  }
  // And with no fault the same replacement goes through: the faults above were the only cause.
  REQUIRE(io::write_owned_folder((dir / "out").string(), policy(), next, none, error));
  CHECK(read_file((dir / "out/b.txt").string()) == "B2");
  fs::remove_all(dir);
}

TEST_CASE("walk: an unreadable folder is an error with its path, and the rest is checked", "[io]") {
  // As root every folder opens, so the command runs as `nobody` (setpriv); unprivileged, a
  // folder with mode 000 is enough.
  auto dir = scratch("unreadable");
  fs::permissions(dir, fs::perms::all);
  fs::create_directories(dir / "records/locked");
  fs::copy_file(source_dir() + "/examples/courses/rennes-classe-inversee.yaml", dir / "records/course.yaml");
  fs::copy_file(source_dir() + "/examples/courses/rennes-classe-inversee.yaml", dir / "records/locked/hidden.yaml");
  for (const auto& p : {dir / "records", dir / "records/course.yaml"})
    fs::permissions(p, fs::perms::all);
  fs::permissions(dir / "records/locked", fs::perms::none);
  std::string as_user = ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  // `nobody` must be able to run cadre and read the bundled rules from this clone (not so in
  // a clone under a private home folder): then this case cannot be run here, and says so.
  std::string probe = fmt::format("{}sh -c 'test -x \"{}\" && test -r \"{}/rules/dfcu-2023/pack.cadre\"'", as_user,
                                  CADRE_BINARY, source_dir());
  if (!as_user.empty() && std::system(probe.c_str()) != 0) {
    WARN("skipped: user nobody cannot run " << CADRE_BINARY << " from this clone");
    fs::permissions(dir / "records/locked", fs::perms::all);
    fs::remove_all(dir);
    return;
  }
  std::string command = fmt::format("cd '{}' && {}'{}' check --as-of 2025-06-01 --lang en records 2>&1", dir.string(),
                                    as_user, CADRE_BINARY);
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  int status = ::pclose(pipe);
  INFO(out);
  CHECK(WEXITSTATUS(status) == 2);
  CHECK_THAT(out, Catch::Contains("records/locked: error[E0501]: cannot read this directory"));
  CHECK_THAT(out, Catch::Contains("records/course.yaml:42:1: error[DFCU-6.1-mandatory]"));  // the rest is checked
  fs::permissions(dir / "records/locked", fs::perms::all);
  fs::remove_all(dir);
}

TEST_CASE("rules doc: a second run into its own folder replaces its pages and keeps nothing stale", "[io]") {
  auto dir = scratch("rulesdoc");
  auto first = run_cadre("rules doc --out '" + (dir / "docs").string() + "' dfcu-2023 ut3-u360");
  REQUIRE(first.exit_code == 0);
  CHECK(fs::exists(dir / "docs/UT3-producer.md"));
  CHECK(fs::exists(dir / "docs/manifest.json"));
  auto second = run_cadre("rules doc --out '" + (dir / "docs").string() + "' dfcu-2023");
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  for (const auto& e : fs::directory_iterator(dir / "docs"))
    CHECK(e.path().filename().string().rfind("UT3", 0) != 0);  // the other pack's pages were cadre's: gone
  fs::remove_all(dir);
}

TEST_CASE("standard output: a report that cannot be written fails the run", "[io]") {
  // /dev/full takes nothing: exit 0 or 1 would tell a CI job its report was written.
  for (const char* format : {"text", "json", "sarif"}) {
    auto result = run_cadre(fmt::format("check --as-of 2025-06-01 --format {} examples/courses >/dev/full", format));
    INFO(format << ": " << result.err);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("error[E0501]: cannot write standard output"));
  }
  auto explain = run_cadre("explain E0504 >/dev/full");
  CHECK(explain.exit_code == 2);
}

TEST_CASE("check --output dash: the report goes to standard output and no file is named dash", "[io]") {
  auto dir = scratch("dash");
  fs::copy_file(source_dir() + "/examples/courses/rennes-classe-inversee.yaml", dir / "course.yaml");
  auto to_dash = run_cadre_in(dir.string(), "check --as-of 2025-06-01 --format json --output - course.yaml");
  auto plain = run_cadre_in(dir.string(), "check --as-of 2025-06-01 --format json course.yaml");
  INFO(to_dash.err);
  CHECK(to_dash.exit_code == 1);
  CHECK_THAT(to_dash.out, Catch::Contains("\"format_version\""));
  CHECK(to_dash.out == plain.out);
  CHECK_FALSE(fs::exists(dir / "-"));
  auto twice = run_cadre_in(dir.string(), "check --as-of 2025-06-01 --format json --output - --format text course.yaml");
  CHECK(twice.exit_code == 2);
  CHECK_THAT(twice.err, Catch::Contains("only one format can go to standard output"));
  fs::remove_all(dir);
}

namespace {

// A scratch copy of the stack-output-is-cohort workspace, and the stack command run in it.
fs::path stack_workspace(const std::string& name) {
  auto dir = scratch(name);
  fs::copy(fs::path(source_dir()) / "fixtures/cli/stack-output-is-cohort/work", dir, fs::copy_options::recursive);
  return dir;
}
const std::string kStackCohort =
    "stack --pathway DIU-STK --catalog catalog --catalog pathway.yaml --as-of 2025-06-01 --lang en --transcripts cohort.jsonl";

}  // namespace

TEST_CASE("stack --output dash and --summary dash: standard output, never a file named dash", "[io]") {
  auto dir = stack_workspace("stack-dash");
  const std::string cohort = kStackCohort;
  auto plain = run_cadre_in(dir.string(), cohort);
  auto to_dash = run_cadre_in(dir.string(), cohort + " --output -");
  INFO(to_dash.err);
  CHECK(to_dash.exit_code == plain.exit_code);
  CHECK(to_dash.out == plain.out);
  CHECK_FALSE(fs::exists(dir / "-"));

  auto summary = run_cadre_in(dir.string(), cohort + " --output results.jsonl --summary -");
  INFO(summary.err);
  CHECK(summary.exit_code == plain.exit_code);
  CHECK_THAT(summary.out, Catch::Contains("\"verdicts\""));
  CHECK(read_file((dir / "results.jsonl").string()) == plain.out);
  CHECK_FALSE(fs::exists(dir / "-"));

  // The results go to standard output without --output: the summary cannot go there too.
  auto both = run_cadre_in(dir.string(), cohort + " --summary -");
  CHECK(both.exit_code == 2);
  CHECK_THAT(both.err, Catch::Contains("`-` (standard output) is given twice"));
  CHECK_FALSE(fs::exists(dir / "-"));
  fs::remove_all(dir);
}

TEST_CASE("a closed standard output never lands in an output file", "[io]") {
  // Closed by the caller (`>&-`), descriptor 1 was the next file opened: the temporary of
  // --output, so the summary meant for standard output was written into the results file.
  auto dir = stack_workspace("closed-stdout");
  const std::string cohort = kStackCohort;
  auto plain = run_cadre_in(dir.string(), cohort);
  const std::string previous = "the previous results\n";
  std::ofstream(dir / "results.jsonl") << previous;
  auto closed = run_cadre_in(dir.string(), cohort + " --output results.jsonl --summary - >&-");
  INFO(closed.err);
  CHECK(closed.exit_code == 2);
  CHECK_THAT(closed.err, Catch::Contains("cannot write"));
  // Said once: by the command that failed, not again by the front end's last check.
  std::size_t said = 0;
  for (auto at = closed.err.find("E0501"); at != std::string::npos; at = closed.err.find("E0501", at + 1)) ++said;
  CHECK(said == 1);
  // The summary failed, so the run did: the previous results stay, never mixed with the summary.
  CHECK(read_file((dir / "results.jsonl").string()) == previous);

  fs::copy_file(source_dir() + "/examples/courses/rennes-classe-inversee.yaml", dir / "course.yaml");
  auto text = run_cadre_in(dir.string(), "check --as-of 2025-06-01 --format text course.yaml");
  auto check = run_cadre_in(dir.string(),
                            "check --as-of 2025-06-01 --format text --output report.txt --format json course.yaml >&-");
  INFO(check.err);
  CHECK(check.exit_code == 2);
  CHECK_THAT(check.err, Catch::Contains("error[E0501]: cannot write standard output"));
  CHECK(read_file((dir / "report.txt").string()) == text.out);
  fs::remove_all(dir);
}

TEST_CASE("owned folder: a signal during the switch waits for its end and no file is left under its .old name", "[io][signal]") {
  auto dir = scratch("folder-signal");
  io::InputRegistry none;
  std::string error;
  std::vector<io::FolderFile> files{{"a.txt", "A1"}, {"b.txt", "B1"}, {"manifest.txt", "written by cadre test\n"}};
  REQUIRE(io::write_owned_folder((dir / "out").string(), policy(), files, none, error));
  files[0].bytes = "A2";
  files[1].bytes = "B2";
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::signal(SIGTERM, SIG_DFL);
    // SIGTERM comes when b.txt is already moved aside and its replacement not yet in place.
    RenameFault fault([&](const std::string& from, const std::string& to) {
      if (to == (dir / "out/b.txt").string() && from.size() > 4 && from.substr(from.size() - 4) == ".tmp") ::raise(SIGTERM);
      return false;
    });
    std::string child_error;
    io::write_owned_folder((dir / "out").string(), policy(), files, none, child_error);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  // Killed after the switch, not in it: every file is there, all of the new run.
  REQUIRE(fs::exists(dir / "out/b.txt"));
  CHECK(read_file((dir / "out/a.txt").string()) == "A2");
  CHECK(read_file((dir / "out/b.txt").string()) == "B2");
  CHECK(entries(dir / "out") == 3);
  fs::remove_all(dir);
}

TEST_CASE("check killed by a signal: no temporary is left and the previous output is whole", "[io][signal]") {
  auto dir = scratch("signal");
  // Enough records that the run is still writing its report when the signal comes.
  fs::create_directories(dir / "records");
  fs::create_directories(dir / "out");
  const std::string course = read_file(source_dir() + "/examples/courses/rennes-classe-inversee.yaml");
  for (int i = 0; i < 4000; ++i) {
    std::ofstream(dir / "records" / fmt::format("course-{:04}.yaml", i)) << course;
  }
  const std::string previous = "the previous report, which must survive\n";
  std::ofstream(dir / "out" / "report.json") << previous;

  auto temporaries = [&] {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir / "out"))
      if (e.path().extension() == ".tmp") ++n;
    return n;
  };
  for (int signal_number : {SIGTERM, SIGINT, SIGHUP}) {
    INFO("signal " << signal_number);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      if (::chdir(dir.c_str()) != 0) ::_exit(127);
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      // A signal ignored here (a background shell ignores SIGINT, nohup SIGHUP) would stay
      // ignored in cadre, which leaves such a signal alone: the default action again.
      for (int s : {SIGINT, SIGTERM, SIGHUP}) ::signal(s, SIG_DFL);
      ::execl(CADRE_BINARY, CADRE_BINARY, "check", "--as-of", "2025-06-01", "--threads", "1", "--format", "json",
              "--output", "out/report.json", "records", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Killed only once its temporary exists: the test proves the cleanup, not a race.
    bool seen = false;
    int status = 0;
    bool exited = false;
    for (int waited = 0; waited < 60000 && !seen; waited += 5) {
      seen = temporaries() > 0;
      if (!seen && ::waitpid(child, &status, WNOHANG) == child) {
        exited = true;
        break;
      }
      if (!seen) ::usleep(5000);
    }
    REQUIRE_FALSE(exited);
    REQUIRE(seen);
    ::kill(child, signal_number);
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == signal_number);
    CHECK(temporaries() == 0);
    CHECK(read_file((dir / "out" / "report.json").string()) == previous);
  }
  fs::remove_all(dir);
}
