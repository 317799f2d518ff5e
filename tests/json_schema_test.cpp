// SPDX-License-Identifier: Apache-2.0
// `cadre schema` (docs/editors.md): the JSON Schemas of the bundled dfcu-2023 pack, in French
// and in English, are the goldens of fixtures/schemas/<lang>/ (CADRE_UPDATE_GOLDEN=1 rewrites
// them: read the diff), and every field carries the pack's description in that language.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "tests/support/golden.hpp"
#include "tests/support/run_cadre.hpp"
#include "tests/support/temp_dir.hpp"

using namespace cadre::testing;
namespace fs = std::filesystem;

namespace {

// Every property of the schema, nested ones and $defs included: (pointer, description).
void descriptions(const nlohmann::json& node, const std::string& at,
                  std::vector<std::pair<std::string, std::string>>& out) {
  if (!node.is_object()) return;
  if (node.contains("properties"))
    for (const auto& [name, property] : node["properties"].items()) {
      if (name == "kind") continue;
      out.emplace_back(at + "/" + name, property.value("description", ""));
      descriptions(property, at + "/" + name, out);
    }
  if (node.contains("items")) descriptions(node["items"], at, out);
  if (node.contains("$defs"))
    for (const auto& [name, def] : node["$defs"].items()) descriptions(def, "#/$defs/" + name, out);
}

}  // namespace

TEST_CASE("schema: the dfcu-2023 JSON Schemas, described in French and in English, are the goldens", "[schema]") {
  for (const std::string lang : {"fr", "en"}) {
    DYNAMIC_SECTION(lang) {
      TempDir dir("cadre-schema");
      auto result = run_cadre("schema --no-config --lang " + lang + " --out " + (dir.path / "out").string());
      INFO(result.err);
      REQUIRE(result.exit_code == 0);
      int files = 0;
      for (const auto& entry : fs::directory_iterator(dir.path / "out")) {
        std::string name = entry.path().filename().string();
        if (name == "manifest.json") continue;
        ++files;
        std::string text = read_file(entry.path().string());
        CHECK(golden_mismatch(source_dir() + "/fixtures/schemas/" + lang + "/" + name, text) == "");
        // Every field is described, and the French file has the French text.
        std::vector<std::pair<std::string, std::string>> fields;
        descriptions(nlohmann::json::parse(text), name, fields);
        CHECK(fields.size() > 3);
        for (const auto& [where, description] : fields) {
          INFO(where << ": " << description);
          CHECK(description.find("\n\nType") != std::string::npos);  // the pack's text comes first
          CHECK(description.rfind("Type", 0) != 0);
          CHECK((lang == "fr") == (description.find("Type\u00a0: ") != std::string::npos));
        }
      }
      CHECK(files == 8);
    }
  }
}

TEST_CASE("schema: docs/editors.md quotes the descriptions cadre writes", "[schema]") {
  std::string editors = read_file(source_dir() + "/docs/editors.md");
  for (const std::string lang : {"fr", "en"}) {
    auto course = nlohmann::json::parse(read_file(source_dir() + "/fixtures/schemas/" + lang + "/course.schema.json"));
    std::string text = course["properties"]["workload_hours"]["description"];
    // The page writes plain spaces where the schema has no-break ones.
    for (const std::string nbsp : {"\u00a0", "\u202f"})
      for (auto at = text.find(nbsp); at != std::string::npos; at = text.find(nbsp)) text.replace(at, nbsp.size(), " ");
    INFO(text);
    CHECK(editors.find("```text\n" + text + "\n```") != std::string::npos);
  }
}
