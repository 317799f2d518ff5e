// SPDX-License-Identifier: Apache-2.0
#include "engine/audit/manifest.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "engine/base/sha256.hpp"

namespace cadre::audit {

namespace {

using Json = nlohmann::ordered_json;

Json file_json(const HashedFile& f) { return {{"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}}; }

bool file_from(const Json& j, HashedFile& f) {
  if (!j.is_object() || !j.contains("path") || !j["path"].is_string() || !j.contains("sha256") || !j["sha256"].is_string())
    return false;
  f.path = j["path"].get<std::string>();
  f.sha256 = j["sha256"].get<std::string>();
  f.bytes = j.contains("bytes") && j["bytes"].is_number_unsigned() ? j["bytes"].get<std::size_t>() : 0;
  return true;
}

std::string string_at(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string{};
}

}  // namespace

HashedFile hash_bytes(const std::string& path, const std::string& bytes) { return {path, bytes.size(), sha256_hex(bytes)}; }

PackHash hash_pack(const std::string& id, const std::string& version, std::vector<HashedFile> files) {
  std::sort(files.begin(), files.end(), [](const HashedFile& a, const HashedFile& b) { return a.path < b.path; });
  std::string list;
  for (const auto& f : files) list += f.sha256 + "  " + f.path + "\n";
  return {id, version, sha256_hex(list), std::move(files)};
}

std::string write_manifest(const Manifest& m) {
  Json doc;
  doc["format"] = kManifestFormat;
  doc["tool"] = {{"name", "cadre"}, {"version", m.tool_version}};
  doc["as_of"] = m.as_of;
  if (!m.generated_at.empty()) doc["generated_at"] = m.generated_at;
  doc["command"] = {{"rules", m.rules}, {"lang", m.lang}, {"paths", m.paths}};
  if (!m.waivers.empty()) doc["command"]["waivers"] = m.waivers;
  if (!m.provider.empty()) doc["command"]["provider"] = m.provider;
  Json packs = Json::array();
  for (const auto& p : m.packs) {
    Json files = Json::array();
    for (const auto& f : p.files) files.push_back(file_json(f));
    packs.push_back({{"id", p.id}, {"version", p.version}, {"sha256", p.sha256}, {"files", files}});
  }
  doc["packs"] = packs;
  doc["inputs"] = Json::array();
  for (const auto& f : m.inputs) doc["inputs"].push_back(file_json(f));
  doc["outputs"] = Json::array();
  for (const auto& f : m.outputs) doc["outputs"].push_back(file_json(f));
  return doc.dump(2) + "\n";
}

bool read_manifest(const std::string& text, Manifest& out, std::string& error) {
  Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    error = "not valid JSON";
    return false;
  }
  if (string_at(doc, "format") != kManifestFormat) {
    error = std::string("not a cadre audit manifest (no \"format\": \"") + kManifestFormat + "\")";
    return false;
  }
  const Json& command = doc.contains("command") ? doc["command"] : Json{};
  out.tool_version = doc.contains("tool") ? string_at(doc["tool"], "version") : std::string{};
  out.rules = string_at(command, "rules");
  out.lang = string_at(command, "lang");
  out.as_of = string_at(doc, "as_of");
  out.generated_at = string_at(doc, "generated_at");
  if (command.is_object() && command.contains("paths") && command["paths"].is_array())
    for (const auto& p : command["paths"])
      if (p.is_string()) out.paths.push_back(p.get<std::string>());
  out.provider = string_at(command, "provider");
  if (command.is_object() && command.contains("waivers") && command["waivers"].is_array())
    for (const auto& p : command["waivers"])
      if (p.is_string()) out.waivers.push_back(p.get<std::string>());
  if (out.rules.empty() || out.as_of.empty() || out.paths.empty()) {
    error = "the manifest does not say which rules, date and paths the audit used";
    return false;
  }
  auto files = [&](const Json& list, std::vector<HashedFile>& into) {
    if (!list.is_array()) return false;
    for (const auto& j : list) {
      HashedFile f;
      if (!file_from(j, f)) return false;
      into.push_back(f);
    }
    return true;
  };
  bool ok = doc.contains("inputs") && files(doc["inputs"], out.inputs) && doc.contains("outputs") &&
            files(doc["outputs"], out.outputs) && doc.contains("packs") && doc["packs"].is_array();
  if (ok) {
    for (const auto& p : doc["packs"]) {
      PackHash h;
      h.id = string_at(p, "id");
      h.version = string_at(p, "version");
      h.sha256 = string_at(p, "sha256");
      if (h.id.empty() || !p.contains("files") || !files(p["files"], h.files)) ok = false;
      out.packs.push_back(std::move(h));
    }
  }
  if (!ok) {
    error = "the manifest's inputs, outputs or packs are malformed";
    return false;
  }
  return true;
}

}  // namespace cadre::audit
