// SPDX-License-Identifier: Apache-2.0
// The examples in docs/ are tested:
// - ```cadre blocks are rule fragments: they must check without a diagnostic against the
//   bundled course schema (as the snippets of evaluator_test do);
// - ```cadre-syntax blocks need only parse (schemas, pack headers, whole files);
// - ```console blocks hold `$ cadre ...` commands followed by their exact output.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "dsl/parse.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"
#include "tests/support/snippets.hpp"

using namespace cadre;
using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

struct Block {
  std::string file;
  int line;
  std::string lang;
  std::string text;
};

// A fence opened with N backticks is closed by a line of at least N backticks alone, so a
// ````console block may show output that itself contains ``` fences.
bool closes(const std::string& line, std::size_t fence) {
  return line.size() >= fence && line.find_first_not_of('`') == std::string::npos;
}

std::vector<fs::path> doc_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir() + "/docs"))
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<Block> blocks() {
  std::vector<Block> out;
  for (const auto& path : doc_files()) {
    std::istringstream in(read_file(path.string()));
    std::string line;
    int number = 0;
    std::size_t fence = 3;
    Block* current = nullptr;
    while (std::getline(in, line)) {
      ++number;
      if (current ? closes(line, fence) : line.rfind("```", 0) == 0) {
        if (current) {
          current = nullptr;
        } else {
          fence = line.find_first_not_of('`');
          out.push_back({fs::relative(path, source_dir()).string(), number, line.substr(fence), {}});
          current = &out.back();
        }
        continue;
      }
      if (current) current->text += line + "\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("docs: rule examples check without a diagnostic", "[docs]") {
  int count = 0;
  for (const auto& b : blocks()) {
    if (b.lang != "cadre") continue;
    ++count;
    INFO(b.file << ":" << b.line);
    auto run = run_snippet(b.text, "kind: course\nid: X\ntitle: t\nproducer: {university: U}\nworkload_hours: 7\nmodality: hybrid\n");
    CHECK(run.diagnostics == std::vector<std::string>{});
    CHECK(run.result.rule_count >= 1);
  }
  CHECK(count >= 5);
}

TEST_CASE("docs: syntax examples parse", "[docs]") {
  int count = 0;
  for (const auto& b : blocks()) {
    if (b.lang != "cadre-syntax") continue;
    ++count;
    INFO(b.file << ":" << b.line);
    SourceManager sources;
    Diagnostics diagnostics;
    ast::NodeId next = 1;
    auto module = dsl::parse(sources, sources.add(b.file, b.text), diagnostics, next);
    CHECK(diagnostics.items().empty());
    CHECK(module.has_value());
  }
  CHECK(count >= 2);
}

// With CADRE_UPDATE_GOLDEN=1, the outputs in the documents are rewritten from the real ones.
TEST_CASE("docs: console examples show the real output", "[docs]") {
  const char* update_env = std::getenv("CADRE_UPDATE_GOLDEN");
  bool update = update_env && std::string(update_env) == "1";
  int count = 0;
  for (const auto& path : doc_files()) {
    std::istringstream in(read_file(path.string()));
    std::string line, rewritten, command, expected;
    bool in_console = false;
    int number = 0, command_line = 0;
    auto flush = [&] {
      if (command.empty()) return;
      ++count;
      auto result = run_cadre(command);
      std::string actual = result.out + result.err;
      INFO(fs::relative(path, source_dir()).string() << ":" << command_line << ": $ cadre " << command);
      if (!update) CHECK(actual == expected);
      rewritten += actual;
      command.clear();
      expected.clear();
    };
    std::size_t fence = 3;
    bool in_block = false;
    while (std::getline(in, line)) {
      ++number;
      if (in_block ? closes(line, fence) : line.rfind("```", 0) == 0) {
        if (in_console) flush();
        if (!in_block) fence = line.find_first_not_of('`');
        in_block = !in_block;
        in_console = in_block && line.substr(fence) == "console";
        rewritten += line + "\n";
        continue;
      }
      if (in_console && line.rfind("$ cadre ", 0) == 0) {
        flush();
        command = line.substr(8);
        command_line = number;
        rewritten += line + "\n";
      } else if (in_console && !command.empty()) {
        expected += line + "\n";
      } else {
        rewritten += line + "\n";
      }
    }
    if (update) write_file(path.string(), rewritten);
  }
  CHECK(count >= 4);
}
