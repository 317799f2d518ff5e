// SPDX-License-Identifier: Apache-2.0
#include "engine/audit/verify.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "engine/audit/manifest.hpp"
#include "engine/base/sha256.hpp"

namespace cadre::audit {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string short_hash(const std::string& h) { return h.substr(0, 12); }

}  // namespace

VerifyResult verify_pack(const std::string& dir, const std::string& tool_version,
                         const std::vector<std::string>& rule_search_dirs, const std::string& lang) {
  bool fr = lang == "fr";
  auto t = [fr](const char* f, const char* e) { return fmt::runtime(fr ? f : e); };
  VerifyResult out;
  fs::path root(dir);
  std::string manifest_path = (root / kManifestName).string();
  auto manifest_text = read(root / kManifestName);
  if (!manifest_text) {
    // Errors are in English, as every `error[E…]` line of cadre.
    out.error = fmt::format("`{}` does not exist or cannot be read: is `{}` an evidence pack?", manifest_path, dir);
    return out;
  }
  Manifest m;
  if (!read_manifest(*manifest_text, m, out.error)) {
    out.error = fmt::format("{}: {}", manifest_path, out.error);
    return out;
  }
  out.readable = true;
  out.inputs = m.inputs.size();
  out.outputs = m.outputs.size() + 1;
  out.packs = m.packs.size();
  auto differ = [&](std::string file, std::string what) { out.differences.push_back({std::move(file), std::move(what)}); };

  // 1. The pack's files against the hashes the manifest records.
  std::map<std::string, std::string> stored;  // output name -> bytes
  std::set<std::string> altered;              // outputs whose SHA-256 is not the manifest's
  for (const auto& f : m.outputs) {
    auto bytes = read(root / f.path);
    if (!bytes) {
      differ((root / f.path).string(), fmt::format(t("manquant", "missing")));
      continue;
    }
    stored[f.path] = *bytes;
    if (sha256_hex(*bytes) != f.sha256) altered.insert(f.path);
  }

  // 2. The inputs.
  bool inputs_changed = false;
  for (const auto& f : m.inputs) {
    auto bytes = read(f.path);
    if (!bytes) {
      differ(f.path, fmt::format(t("entrée manquante", "input missing")));
      inputs_changed = true;
    } else if (std::string h = sha256_hex(*bytes); h != f.sha256) {
      differ(f.path, fmt::format(t("entrée modifiée depuis l'audit : SHA-256 {}…, {}… dans {}",
                                   "input changed since the audit: SHA-256 {}…, {}… in {}"),
                                 short_hash(h), short_hash(f.sha256), kManifestName));
      inputs_changed = true;
    }
  }
  if (m.tool_version != tool_version) {
    differ(manifest_path, fmt::format(t("écrit par cadre {}, vérifié avec cadre {}", "written by cadre {}, verified with cadre {}"),
                                      m.tool_version, tool_version));
    inputs_changed = true;
  }

  // 3. The audit again, as the manifest describes it.
  AuditOptions options;
  options.rules = m.rules;
  options.rule_search_dirs = rule_search_dirs;
  options.paths = m.paths;
  options.waiver_files = m.waivers;
  options.provider = m.provider;  // a provider's pack is re-run for the same provider
  options.lang = m.lang.empty() ? "fr" : m.lang;
  auto as_of = parse_date(m.as_of);
  if (!as_of || as_of->has_time()) {
    differ(manifest_path, fmt::format(t("date d'arrêté illisible : `{}`", "unreadable as-of date: `{}`"), m.as_of));
    return out;
  }
  options.as_of = *as_of;
  options.generated_at = m.generated_at;
  options.out_dir = dir;  // links to inputs are relative to where the pack is
  options.tool_version = tool_version;
  out.rerun = run_audit(options);
  if (!out.rerun.complete) {
    differ(manifest_path, fmt::format(t("l'audit ne peut pas être refait à partir des entrées et des règles qu'il nomme",
                                        "the audit cannot be re-run from the inputs and rules it names")));
    for (const auto& name : altered)
      differ((root / name).string(), fmt::format(t("modifié depuis l'audit (SHA-256 différent de celui de {})",
                                                   "changed since the audit (SHA-256 differs from {}'s)"),
                                                 kManifestName));
    return out;
  }
  Manifest again;
  std::string ignored;
  read_manifest(out.rerun.files.back().bytes, again, ignored);

  // Inputs found under the paths now, against those the manifest lists.
  std::set<std::string> listed, found;
  for (const auto& f : m.inputs) listed.insert(f.path);
  for (const auto& f : again.inputs) found.insert(f.path);
  for (const auto& p : found)
    if (!listed.count(p)) {
      differ(p, fmt::format(t("nouvelle entrée sous les chemins de l'audit", "new input under the audit's paths")));
      inputs_changed = true;
    }
  for (const auto& p : listed)
    if (!found.count(p) && fs::exists(p)) {
      differ(manifest_path, fmt::format(t("liste `{}`, que ses chemins n'atteignent plus", "lists `{}`, which its paths no longer reach"), p));
      inputs_changed = true;
    }

  // The rule packs.
  std::map<std::string, const PackHash*> now;
  for (const auto& p : again.packs) now[p.id] = &p;
  for (const auto& p : m.packs) {
    auto it = now.find(p.id);
    if (it == now.end()) {
      differ(p.id, fmt::format(t("pack de règles qui n'est plus chargé", "rule pack no longer loaded")));
      inputs_changed = true;
      continue;
    }
    if (it->second->sha256 == p.sha256) continue;
    std::size_t before = out.differences.size();
    std::map<std::string, std::string> files_now;
    for (const auto& f : it->second->files) files_now[f.path] = f.sha256;
    std::set<std::string> seen;
    for (const auto& f : p.files) {
      seen.insert(f.path);
      auto fit = files_now.find(f.path);
      if (fit == files_now.end()) differ(p.id + "/" + f.path, fmt::format(t("fichier de règles disparu", "rule file gone")));
      else if (fit->second != f.sha256)
        differ(p.id + "/" + f.path, fmt::format(t("fichier de règles modifié depuis l'audit", "rule file changed since the audit")));
    }
    for (const auto& [path, hash] : files_now)
      if (!seen.count(path)) differ(p.id + "/" + path, fmt::format(t("nouveau fichier de règles", "new rule file")));
    if (it->second->version != p.version)
      differ(p.id, fmt::format(t("version {} au lieu de {}", "version {} instead of {}"), it->second->version, p.version));
    if (out.differences.size() > before) {
      inputs_changed = true;
    } else {
      // Same files, same version, another pack hash: the manifest was altered, not the rules.
      differ(manifest_path, fmt::format(t("enregistre pour le pack {} un SHA-256 faux", "records a wrong SHA-256 for pack {}"), p.id));
    }
  }
  for (const auto& p : again.packs)
    if (std::none_of(m.packs.begin(), m.packs.end(), [&](const PackHash& q) { return q.id == p.id; })) {
      differ(p.id, fmt::format(t("pack de règles chargé en plus", "rule pack now loaded in addition")));
      inputs_changed = true;
    }

  // 4. Outputs: altered since written, or not what the audit gives. When an output is intact
  // (its SHA-256 is the manifest's) and still differs from the re-run while the inputs are
  // unchanged, the manifest no longer describes the audit that wrote it.
  bool manifest_named = false;
  for (std::size_t k = 0; k + 1 < out.rerun.files.size(); ++k) {
    const auto& fresh = out.rerun.files[k];
    auto it = stored.find(fresh.name);
    if (it == stored.end()) {
      bool listed_output = std::any_of(m.outputs.begin(), m.outputs.end(), [&](const HashedFile& f) { return f.path == fresh.name; });
      if (!listed_output) {
        differ(manifest_path, fmt::format(t("ne liste pas `{}`", "does not list `{}`"), fresh.name));
        manifest_named = true;
      }
      continue;
    }
    std::string path = (root / fresh.name).string();
    if (altered.count(fresh.name)) {
      if (it->second == fresh.bytes) {
        differ(manifest_path, fmt::format(t("enregistre pour {} un SHA-256 faux", "records a wrong SHA-256 for {}"), fresh.name));
        manifest_named = true;
      } else {
        differ(path, fmt::format(t("modifié depuis l'audit (SHA-256 différent de celui de {})",
                                   "changed since the audit (SHA-256 differs from {}'s)"),
                                 kManifestName));
      }
    } else if (it->second != fresh.bytes && !inputs_changed) {
      // Intact by the manifest's hash, yet not what the audit gives: the file, or the manifest
      // that vouches for it, was altered.
      differ(path, fmt::format(t("diffère de ce que donne l'audit refait", "differs from what re-running the audit gives")));
      differ(manifest_path, fmt::format(t("ne décrit plus l'audit qui a écrit {} : le refaire donne d'autres octets",
                                          "no longer describes the audit that wrote {}: re-running it gives other bytes"),
                                        fresh.name));
      manifest_named = true;
    }
  }
  if (!inputs_changed && !manifest_named && *manifest_text != out.rerun.files.back().bytes)
    differ(manifest_path, fmt::format(t("diffère du manifeste qu'écrit l'audit refait", "differs from the manifest the re-run writes")));
  return out;
}

}  // namespace cadre::audit
