// SPDX-License-Identifier: Apache-2.0
#include "engine/io/owned_folder.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>
#include <sstream>

#include <fmt/format.h>

#include "engine/io/interrupt_cleanup.hpp"
#include "engine/io/output_file.hpp"

namespace cadre::io {

namespace fs = std::filesystem;

namespace {

/// May `dir` be written into? Sets `previous` to the files a previous manifest lists.
bool folder_usable(const fs::path& dir, const FolderPolicy& policy, std::set<std::string>& previous, std::string& error) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) error = fmt::format("cannot create `{}`: {}", dir.string(), ec.message());
    return !ec;
  }
  if (S_ISLNK(st.st_mode)) {
    error = fmt::format("`{}` is a symbolic link: {} does not write through links; give the folder itself", dir.string(),
                        policy.command);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    error = fmt::format("`{}` exists and is not a directory", dir.string());
    return false;
  }
  std::error_code ec;
  std::vector<std::string> present;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    present.push_back(it->path().filename().string());
  if (ec) {
    error = fmt::format("cannot read the directory `{}`: {}", dir.string(), ec.message());
    return false;
  }
  if (present.empty()) return true;
  std::sort(present.begin(), present.end());
  std::optional<std::vector<std::string>> listed;
  if (std::find(present.begin(), present.end(), policy.manifest_name) != present.end()) {
    std::ifstream in(dir / policy.manifest_name, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (in) listed = policy.listed(text.str());
  }
  if (!listed) {
    error = fmt::format("`{}` already holds files and no {} that {} wrote: give a new or empty directory ({} "
                        "replaces only what it wrote there itself)",
                        dir.string(), policy.manifest_name, policy.command, policy.command);
    return false;
  }
  previous.insert(listed->begin(), listed->end());
  previous.insert(policy.manifest_name);
  // A previous output folder holds exactly what its manifest lists: a file someone added is
  // theirs, and its presence means the folder is not (only) cadre's.
  for (const auto& name : present) {
    struct stat entry {};
    bool regular = ::lstat((dir / name).c_str(), &entry) == 0 && S_ISREG(entry.st_mode);
    if (previous.count(name) && !regular) {
      error = fmt::format("`{}` holds `{}`, which is not a regular file: {} replaces files only; the folder is as it "
                          "was",
                          dir.string(), name, policy.command);
      return false;
    }
    if (!previous.count(name)) {
      error = fmt::format("`{}` holds `{}`, which its {} does not list as a file {} wrote: {} does not write into a "
                          "folder it does not own entirely; move that file away or give another directory",
                          dir.string(), name, policy.manifest_name, policy.command, policy.command);
      return false;
    }
  }
  return true;
}

}  // namespace

bool write_owned_folder(const std::string& dir, const FolderPolicy& policy, const std::vector<FolderFile>& files,
                        const InputRegistry& inputs, std::string& error) {
  fs::path root(dir);
  for (const auto& f : files) {
    if (const auto* in = inputs.find((root / f.name).string())) {
      error = fmt::format("`{}` is both {} read by this run and a file {} would write: cadre never writes over a file "
                          "it reads; give another directory",
                          (root / f.name).string(), in->role, policy.command);
      return false;
    }
  }
  std::set<std::string> previous;
  if (!folder_usable(root, policy, previous, error)) return false;

  // 1. Every file to a temporary beside its target: nothing is replaced until all are written.
  std::vector<OutputFile> outputs(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!outputs[i].open((root / files[i].name).string(), error)) return false;
    outputs[i].stream().write(files[i].bytes.data(), static_cast<std::streamsize>(files[i].bytes.size()));
    outputs[i].stream().flush();
    if (!outputs[i].stream()) {
      error = fmt::format("cannot write `{}`", (root / files[i].name).string());
      return false;
    }
  }
  // 2. Each old file is moved aside, then its replacement committed; on a failure, every
  //    file already replaced is put back.
  struct Step {
    fs::path target;
    fs::path aside;  // empty: there was no file before
  };
  std::vector<Step> done;
  // A signal now would leave a file only under its `.old` name: it waits for the switch.
  SignalsHeld held;
  auto roll_back = [&] {
    for (auto it = done.rbegin(); it != done.rend(); ++it) {
      if (it->aside.empty()) ::unlink(it->target.c_str());
      else std::rename(it->aside.c_str(), it->target.c_str());
    }
  };
  for (std::size_t i = 0; i < files.size(); ++i) {
    Step step{root / files[i].name, {}};
    struct stat st {};
    if (::lstat(step.target.c_str(), &st) == 0) {
      step.aside = temporary_beside(step.target.string()) + ".old";
      if (std::rename(step.target.c_str(), step.aside.c_str()) != 0) {
        error = fmt::format("cannot replace `{}`: {}; the folder is as it was", step.target.string(), std::strerror(errno));
        roll_back();
        return false;
      }
    }
    std::string why;
    if (!outputs[i].commit(why)) {
      if (!step.aside.empty()) std::rename(step.aside.c_str(), step.target.c_str());
      roll_back();
      error = why + "; the folder is as it was";
      return false;
    }
    done.push_back(step);
  }
  for (const auto& step : done)
    if (!step.aside.empty()) ::unlink(step.aside.c_str());
  // Files the previous manifest listed and this run no longer writes were cadre's: removed.
  std::set<std::string> written;
  for (const auto& f : files) written.insert(f.name);
  for (const auto& name : previous)
    if (!written.count(name)) ::unlink((root / name).c_str());
  return true;
}

std::optional<std::vector<std::string>> files_of_tool_manifest(const std::string& text, const std::string& tool) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("tool", "") != tool || !doc.contains("files") ||
      !doc["files"].is_array())
    return std::nullopt;
  std::vector<std::string> names;
  for (const auto& f : doc["files"]) {
    if (!f.is_string()) return std::nullopt;
    std::string name = f.get<std::string>();
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") return std::nullopt;
    names.push_back(name);
  }
  return names;
}

}  // namespace cadre::io
