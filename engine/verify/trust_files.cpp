#include "engine/verify/trust_files.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "engine/report/writers.hpp"

namespace cadre::verify {

bool load_trust_files(Engine& engine, const TrustFiles& files, TrustList& trust, std::ostream& err) {
  for (const auto& p : files.paths)
    if (!std::filesystem::is_regular_file(p)) {
      err << fmt::format("cadre: error[E0501]: `{}`: no such trust list file\n", p);
      return false;
    }
  CheckOptions options;
  options.rules = files.rules;
  options.inputs = files.paths;
  options.as_of = files.as_of;
  options.lang = "en";
  options.keep_records = true;
  auto run = engine.check(options);
  bool sound = run.rules_ok;
  for (const auto& d : run.diagnostics.items()) {
    report::write_diagnostic(err, d, engine.sources());
    if (d.severity == Severity::Error) sound = false;
  }
  for (const auto& f : run.findings) {
    if (f.waiver) continue;
    auto p = engine.sources().file(f.file).position(f.offset);
    err << fmt::format("{}:{}:{}: {}[{}]: {}\n", engine.sources().file(f.file).path(), p.line, p.column,
                       f.severity == Severity::Error ? "error" : "warning", f.rule->id, f.message);
    if (f.severity == Severity::Error) sound = false;
  }
  Diagnostics diagnostics;
  trust.add(engine.records(), diagnostics);
  for (const auto& d : diagnostics.items()) {
    report::write_diagnostic(err, d, engine.sources());
    sound = false;
  }
  bool found = false;
  for (const auto& r : engine.records()) found = found || r.kind == "trust";
  if (!found) {
    err << "cadre: error[E0501]: no `kind: trust` record in the trust list files given\n";
    sound = false;
  }
  return sound;
}

}  // namespace cadre::verify
