// libFuzzer target: any bytes given as one more `.cadre` file of the dfcu-2023 pack get
// diagnostics or findings, never a crash or a hang — through the parser, the checker, the
// compiler and the evaluator, on records that exercise lookups, quantifiers and tree().
// Build and run as fuzz_dsl.cpp says; seeds: the pack's own rule files.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "engine/engine.hpp"

namespace fs = std::filesystem;

namespace {

void copy_over(const fs::path& from, const fs::path& to) { fs::copy_file(from, to, fs::copy_options::overwrite_existing); }

// The pack (every file but one rule file, so seeds can stand in for it) and the records,
// written once per process.
const fs::path& workspace() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("cadre-fuzz-rules-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d / "pack");
    fs::create_directories(d / "records");
    fs::path source = CADRE_SOURCE_DIR;
    for (const auto& entry : fs::directory_iterator(source / "rules/dfcu-2023"))
      if (entry.path().extension() == ".cadre" && entry.path().filename() != "stacking.cadre")
        copy_over(entry.path(), d / "pack" / entry.path().filename());
    copy_over(source / "fixtures/stack/pathway.yaml", d / "records/pathway.yaml");
    copy_over(source / "fixtures/stack/catalog/courses.yaml", d / "records/courses.yaml");
    copy_over(source / "fixtures/stack/catalog/certificates.yaml", d / "records/certificates.yaml");
    copy_over(source / "fixtures/audit/sessions/s1.yaml", d / "records/session.yaml");
    copy_over(source / "fixtures/stack/inline-certificates.yaml", d / "records/transcript.yaml");
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& dir = workspace();
  {
    std::ofstream out(dir / "pack" / "fuzz.cadre", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  cadre::CheckOptions options;
  options.rules = (dir / "pack").string();
  options.rule_search_dirs = {std::string(CADRE_SOURCE_DIR) + "/rules"};
  options.inputs = {(dir / "records").string()};
  options.as_of = *cadre::parse_date("2025-06-01");
  options.threads = 1;
  cadre::Engine engine;
  auto result = engine.check(options);
  (void)result;
  return 0;
}
