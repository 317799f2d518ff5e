// SPDX-License-Identifier: Apache-2.0
// A committee's repository (issue 15, "Done when"): a git work tree with proposals, a CI
// workflow, package.json, an OpenAPI file, a waivers file, cadre.yaml and a hidden clone of
// cadre, checked by `cadre check` with no argument. Also the project configuration's own
// checks and `cadre init`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "engine/walk/git_files.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"
#include "tests/support/temp_dir.hpp"

using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

/// A scratch repository that can take copies of the project's fixtures.
struct ScratchRepo : cadre::testing::TempDir {
  ScratchRepo() : cadre::testing::TempDir("cadre-project") {}
  void copy(const std::string& from_source, const std::string& relative) const {
    write(relative, read_file(source_dir() + "/" + from_source));
  }
};

bool run_shell(const std::string& command) { return std::system(command.c_str()) == 0; }

/// The repository of docs/ci.md, "A committee's repository".
void make_committee_repository(const ScratchRepo& repo) {
  repo.copy("fixtures/courses/valid/distance-complete.yaml", "courses/UC-1.yaml");
  repo.copy("fixtures/courses/invalid/mandatory-missing-resit.yaml", "courses/UC-2.yaml");
  repo.copy("fixtures/courses/invalid/proctoring-missing.yaml", "courses/UC-3.yaml");  // its findings are waived
  repo.copy("fixtures/courses/invalid/mandatory-missing-resit.yaml", "courses/drafts/UC-4.yaml");  // excluded
  repo.write("courses/notes.yaml", "# notes of the committee's meeting, not a record\n");
  repo.write(".github/workflows/cadre.yml", "name: cadre\non: [pull_request]\njobs:\n  check:\n    runs-on: ubuntu-latest\n");
  repo.write("package.json", "{\"name\": \"committee-site\", \"version\": \"1.0.0\", \"private\": true}\n");
  repo.write("openapi.yaml", "openapi: 3.1.0\ninfo: {title: Catalogue API, version: '1'}\npaths: {}\n");
  repo.write("waivers.yaml",
             "kind: waivers\nwaivers:\n"
             "  - {rule: DFCU-6.2-identity, record: UC-BDX-2024-103, reason: proctoring contract being signed,\n"
             "     approved_by: 'the steering committee, 2025-05-12', expires: 2025-12-31}\n"
             "  - {rule: DFCU-6.2-proctoring, record: UC-BDX-2024-103, reason: proctoring contract being signed,\n"
             "     approved_by: 'the steering committee, 2025-05-12', expires: 2025-12-31}\n");
  repo.copy("fixtures/courses/invalid/mandatory-missing-resit.yaml", ".cadre/fixtures/course.yaml");  // a clone of cadre
  repo.copy("fixtures/courses/invalid/mandatory-missing-resit.yaml", "build/copy.yaml");              // git ignores it
  repo.write(".gitignore", "build/\n");
  repo.write("cadre.yaml",
             "paths: [.]\nexclude: [drafts]\nwaivers: [waivers.yaml]\nas_of: 2025-06-01\nlang: en\n");
  REQUIRE(run_shell(fmt::format("cd '{}' && git init -q . && git add -A >/dev/null 2>&1", repo.path.string())));
}

}  // namespace

TEST_CASE("project: git is asked about a folder only inside a work tree", "[project]") {
  ScratchRepo repo;
  repo.write("courses/UC-1.yaml", "kind: course\n");
  repo.write("build/copy.yaml", "kind: course\n");
  repo.write(".gitignore", "build/\n");
  if (fs::exists(fs::temp_directory_path() / ".git")) return;  // the temporary folder is in a work tree: nothing to see
  // No .git above the folder: nothing is filtered (and no git process is started).
  CHECK_FALSE(cadre::walk::git_visible_files(repo.path.string()).has_value());
  REQUIRE(run_shell(fmt::format("cd '{}' && git init -q .", repo.path.string())));
  auto visible = cadre::walk::git_visible_files((repo.path / "courses").string());
  REQUIRE(visible.has_value());
  CHECK(*visible == std::set<std::string>{"UC-1.yaml"});
  auto from_top = cadre::walk::git_visible_files(repo.path.string());
  REQUIRE(from_top.has_value());
  CHECK(from_top->count("courses/UC-1.yaml") == 1);
  CHECK(from_top->count("build/copy.yaml") == 0);
}

TEST_CASE("project: a link to a folder inside a work tree is filtered as git sees it", "[project]") {
  ScratchRepo repo;
  repo.write("repo/courses/UC-1.yaml", "kind: course\n");
  repo.write("repo/courses/copy.yaml", "kind: course\n");
  repo.write("repo/.gitignore", "copy.yaml\n");
  if (fs::exists(fs::temp_directory_path() / ".git")) return;  // the temporary folder is in a work tree
  REQUIRE(run_shell(fmt::format("cd '{}/repo' && git init -q .", repo.path.string())));
  // The link is outside the work tree; git, started in it, finds the repository of its target.
  fs::create_directory_symlink(repo.path / "repo" / "courses", repo.path / "link");
  auto visible = cadre::walk::git_visible_files((repo.path / "link").string());
  REQUIRE(visible.has_value());
  CHECK(*visible == std::set<std::string>{"UC-1.yaml"});
}

TEST_CASE("project: `cadre check` with no argument in a committee's repository", "[project]") {
  ScratchRepo repo;
  make_committee_repository(repo);
  auto r = run_cadre_in(repo.path.string(), "check");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);  // UC-2 fails; UC-3's findings are waived; nothing else is an error
  CHECK(r.err.empty());
  // Three proposals checked (UC-3 passes by its waivers): not the waivers file, not the draft, not the clone, not build/.
  CHECK(r.out.find("checked 3 records with 48 rules (qualiopi-v9 V9, dfcu-2023 2023.1, as of 1 June 2025): "
                   "2 passed, 1 failed, 0 invalid; 1 error, 0 warnings, 0 info\n"
                   "and 3 waived findings (not counted)\n") != std::string::npos);
  // package.json, openapi.yaml and courses/notes.yaml: counted, not reported one by one.
  CHECK(r.out.find("3 files skipped: not records — see --verbose\n") != std::string::npos);
  CHECK(r.out.find("E0307") == std::string::npos);
  CHECK(r.out.find("W0315") == std::string::npos);
  CHECK(r.out.find("courses/UC-2.yaml:37:1: error[DFCU-6.1-mandatory]") != std::string::npos);
  CHECK(r.out.find("drafts") == std::string::npos);
  CHECK(r.out.find(".cadre") == std::string::npos);
  CHECK(r.out.find("build/") == std::string::npos);

  auto verbose = run_cadre_in(repo.path.string(), "check --verbose");
  CHECK(verbose.out.find("3 files skipped: not records\n  courses/notes.yaml\n  openapi.yaml\n  package.json\n") !=
        std::string::npos);

  // The command line wins over the configuration.
  auto english_off = run_cadre_in(repo.path.string(), "check --lang fr --fail-on none");
  CHECK(english_off.exit_code == 0);
  CHECK(english_off.out.find("3 enregistrements vérifiés") != std::string::npos);
  // A named folder is walked by the same rules; a named hidden folder is walked.
  auto named = run_cadre_in(repo.path.string(), "check .cadre");
  CHECK(named.exit_code == 1);
  CHECK(named.out.find("checked 1 record") != std::string::npos);
  // --exclude on the command line replaces the configuration's.
  auto excluded = run_cadre_in(repo.path.string(), "check --exclude UC-2.yaml --exclude drafts");
  CHECK(excluded.exit_code == 0);
  CHECK(excluded.out.find("checked 2 records") != std::string::npos);
  // Without git's help, build/ is walked.
  auto all = run_cadre_in(repo.path.string(), "check --no-gitignore");
  CHECK(all.out.find("checked 4 records") != std::string::npos);
  // A folder git ignores as a whole, named on the command line, is checked: .gitignore
  // prunes what a walk finds, not what the user names (bench/out/, a build folder).
  auto ignored_named = run_cadre_in(repo.path.string(), "check build");
  CHECK(ignored_named.out.find("checked 1 record") != std::string::npos);
  // A file named explicitly must be a record.
  auto package = run_cadre_in(repo.path.string(), "check package.json");
  CHECK(package.exit_code == 2);
  CHECK(package.out.find("package.json") != std::string::npos);
  CHECK(run_cadre_in(repo.path.string(), "check courses/notes.yaml").exit_code == 2);
  // From a subfolder, the configuration is found upwards and its paths read from its folder.
  auto below = run_cadre_in((repo.path / "courses").string(), "check");
  CHECK(below.exit_code == 1);
  CHECK(below.out.find("checked 3 records") != std::string::npos);
  CHECK(below.out.find("UC-2.yaml:37:1:") != std::string::npos);
  // --no-config: no path, nothing to check.
  CHECK(run_cadre_in(repo.path.string(), "check --no-config").exit_code == 2);
}

TEST_CASE("project: a file with a kind cadre knows is a record even when it is broken", "[project]") {
  ScratchRepo dir;
  dir.write("courses/broken.yaml", "kind: course\nid: UC-X\ntitle: [unclosed\n");
  dir.write("courses/typo.yaml", "kind: cours\nid: UC-Y\n");
  dir.write("courses/k8s.yaml", "kind: Deployment\napiVersion: apps/v1\n");
  auto r = run_cadre_in(dir.path.string(), "check --as-of 2025-06-01 --lang en courses");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("courses/broken.yaml:4:1: error[E0301]") != std::string::npos);
  CHECK(r.out.find("no schema for record kind `cours`") != std::string::npos);
  CHECK(r.out.find("did you mean `course`?") != std::string::npos);
  CHECK(r.out.find("k8s.yaml:") == std::string::npos);
  CHECK(r.out.find("1 file skipped: not records") != std::string::npos);
}

TEST_CASE("project: the configuration is checked with positions and suggestions", "[project]") {
  ScratchRepo dir;
  dir.copy("fixtures/courses/valid/distance-complete.yaml", "courses/UC-1.yaml");
  dir.write("cadre.yaml", "paths: [courses]\nexlude: [drafts]\nfail_on: warnings\nas_of: 2025-13-01\n");
  auto r = run_cadre_in(dir.path.string(), "check");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("cadre.yaml:2:1: warning[W0306]: `exlude` is not a field of record config") != std::string::npos);
  CHECK(r.err.find("did you mean `exclude`?") != std::string::npos);
  CHECK(r.err.find("cadre.yaml:3:10: error[E0310]: `warnings` is not a value of `fail_on`") != std::string::npos);
  CHECK(r.err.find("cadre.yaml:4:8: error[E0304]") != std::string::npos);
  CHECK(r.err.find("the project configuration `cadre.yaml` has problems") != std::string::npos);
  dir.write("cadre.yaml", "paths: courses\n");
  auto type = run_cadre_in(dir.path.string(), "check");
  CHECK(type.exit_code == 2);
  CHECK(type.err.find("cadre.yaml:1:8: error[E0303]") != std::string::npos);
  // Two configurations in one folder: which one applies is not guessed.
  dir.write("cadre.yaml", "paths: [courses]\n");
  dir.write(".cadre.yaml", "paths: [courses]\n");
  auto both = run_cadre_in(dir.path.string(), "check");
  CHECK(both.exit_code == 2);
  CHECK(both.err.find("keep one") != std::string::npos);
  fs::remove(dir.path / ".cadre.yaml");
  dir.write("cadre.yaml", "paths: [courses]\nas_of: 2025-06-01\noutputs:\n  - format: json\n    path: out/report.json\n  - format: text\n");
  fs::create_directories(dir.path / "out");
  auto outputs = run_cadre_in(dir.path.string(), "check --lang en");
  CHECK(outputs.exit_code == 0);
  CHECK(outputs.out.find("checked 1 record") != std::string::npos);
  CHECK(read_file((dir.path / "out/report.json").string()).find("\"records\"") != std::string::npos);
}

TEST_CASE("project: cadre init writes a starter configuration and never replaces one", "[project]") {
  ScratchRepo dir;
  auto first = run_cadre_in(dir.path.string(), "init");
  CHECK(first.exit_code == 0);
  std::string written = read_file((dir.path / "cadre.yaml").string());
  CHECK(written.find("paths:\n  - proposals\n") != std::string::npos);
  // The starter is a valid configuration: with its folder present, `cadre check` reads it.
  dir.copy("fixtures/courses/valid/distance-complete.yaml", "proposals/UC-1.yaml");
  auto check = run_cadre_in(dir.path.string(), "check --as-of 2025-06-01 --lang en");
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("checked 1 record") != std::string::npos);
  // Every commented key of the starter is a key of the configuration: uncommented, it still reads.
  std::string uncommented;
  std::istringstream lines(written);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# ", 0) == 0 && line.size() > 2 && line[2] != ' ' && line.find(':') != std::string::npos &&
        line.find("cadre") == std::string::npos && line.find('`') == std::string::npos && line.find('.') == std::string::npos)
      line = line.substr(2);
    else if (line.rfind("#   ", 0) == 0)
      line = line.substr(2);
    uncommented += line + "\n";
  }
  CHECK(uncommented.find("\nfail_on: error\n") != std::string::npos);
  dir.write("cadre.yaml", uncommented);
  dir.write("waivers.yaml", "kind: waivers\nwaivers: []\n");
  auto full = run_cadre_in(dir.path.string(), "check --as-of 2025-06-01 --lang en --rules dfcu-2023");
  INFO(uncommented << full.err);
  CHECK(full.err.find("cadre.yaml:") == std::string::npos);
  // A second init refuses, and leaves the file as it was.
  auto again = run_cadre_in(dir.path.string(), "init");
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("exists already") != std::string::npos);
  CHECK(read_file((dir.path / "cadre.yaml").string()) == uncommented);
}

TEST_CASE("project: the counts examples/README.md quotes are those of a run", "[project][docs]") {
  std::string readme = read_file(source_dir() + "/examples/README.md");
  auto dfcu = run_cadre("check --as-of 2025-06-01 examples");
  CHECK(dfcu.exit_code == 1);
  CHECK(dfcu.out.find("23 enregistrements vérifiés avec 48 règles") != std::string::npos);
  CHECK(dfcu.out.find("15 conformes, 8 non conformes, 0 invalide") != std::string::npos);
  CHECK(dfcu.out.find("10 erreurs, 3 avertissements, 0 information") != std::string::npos);
  CHECK(dfcu.err.empty());
  CHECK(readme.find("sur 23 enregistrements, 15 sont conformes ; les huit autres\nproduisent dix constats d'erreur") !=
        std::string::npos);
  CHECK(readme.find("et trois avertissements") != std::string::npos);
  auto eu = run_cadre("check --as-of 2025-06-01 --rules eu-2022 examples");
  CHECK(eu.out.find("13 erreurs, 3 avertissements") != std::string::npos);
  CHECK(readme.find("soit treize erreurs et trois avertissements en tout") != std::string::npos);
}
