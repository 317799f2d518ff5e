// SPDX-License-Identifier: Apache-2.0
#include "engine/verify/trust_files.hpp"

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "engine/report/writers.hpp"

namespace cadre::verify {

bool load_trust_files(Engine& engine, const TrustFiles& files, TrustList& trust, std::ostream& err) {
  for (std::size_t i = 0; i < files.paths.size(); ++i) {
    const auto& p = files.paths[i];
    for (std::size_t j = 0; j < i; ++j)
      if (std::filesystem::exists(p) && std::filesystem::exists(files.paths[j]) &&
          std::filesystem::equivalent(p, files.paths[j])) {
        err << fmt::format("cadre: error[E0311]: `{}` is given twice as a trust list\n", p);
        return false;
      }
    if (!std::filesystem::is_regular_file(p)) {
      err << fmt::format("cadre: error[E0501]: `{}`: {}\n", p,
                         std::filesystem::exists(p) ? "not a regular file (a trust list is a file)" : "no such trust list file");
      return false;
    }
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
  // The pack's rule sees one record at a time; a key id given again by another file (or the
  // same file named twice) would let the later entry take the key over, so it is refused here.
  std::map<std::string, const TrustEntry*> first_of;
  for (const auto& e : trust.entries()) {
    auto [it, fresh] = first_of.emplace(e.id, &e);
    if (fresh || it->second->file == e.file) continue;  // within one file, DFCU-10.2-trust-unique says it
    auto at = [&](const TrustEntry& x) {
      auto p = engine.sources().file(x.file).position(x.offset);
      return fmt::format("{}:{}:{}", engine.sources().file(x.file).path(), p.line, p.column);
    };
    err << fmt::format("{}: error[E0311]: the key `{}` is listed again (first at {}): one key, one entry, across "
                       "every trust list given\n",
                       at(e), e.id, at(*it->second));
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
