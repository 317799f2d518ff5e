// SPDX-License-Identifier: Apache-2.0
#include "engine/pack/pack_loader.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/base/bounded_read.hpp"
#include "engine/base/fuzzy.hpp"
#include "engine/pack/parse_cache.hpp"

namespace cadre::pack {

namespace fs = std::filesystem;

std::vector<const ast::Module*> PackSet::modules() const {
  std::vector<const ast::Module*> out;
  for (const auto& p : packs)
    for (const auto& m : p.modules) out.push_back(&m);
  return out;
}

std::vector<std::string> default_search_dirs() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("CADRE_RULES_PATH")) {
    std::stringstream ss(env);
    std::string dir;
    while (std::getline(ss, dir, ':'))
      if (!dir.empty()) dirs.push_back(dir);
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  // Installed (cmake --install, the .deb): the packs are where the install put them
  // relative to the binary, wherever the prefix is. Built and not installed: the source tree's.
  bool installed = false;
  if (!ec) {
    fs::path packs = (exe.parent_path() / CADRE_INSTALL_RULES_FROM_BIN).lexically_normal();
    installed = fs::is_directory(packs, ec);
    dirs.push_back(packs.string());
  }
#ifdef CADRE_SOURCE_RULES_DIR
  if (!installed) dirs.push_back(CADRE_SOURCE_RULES_DIR);
#endif
  return dirs;
}

namespace {

class Loader {
 public:
  Loader(const std::vector<std::string>& search_dirs, SourceManager& sources, Diagnostics& diagnostics,
         const std::string& cache_dir)
      : search_dirs_(search_dirs), sources_(sources), diagnostics_(diagnostics), cache_dir_(cache_dir) {}

  void load(const std::string& spec, const std::string& relative_to, Span use_span) {
    fs::path location = resolve(spec, relative_to, use_span);
    if (location.empty()) return;
    std::string key = fs::weakly_canonical(location).string();
    if (done_.count(key)) return;
    if (active_.count(key)) {
      diagnostics_.add(DiagCode::E0106, use_span, fmt::format("packs use each other in a cycle through `{}`", spec));
      return;
    }
    active_.insert(key);
    Pack pack;
    pack.location = location.string();
    std::vector<fs::path> files;
    if (fs::is_directory(location)) {
      for (const auto& entry : fs::directory_iterator(location))
        if (entry.is_regular_file() && entry.path().extension() == ".cadre") files.push_back(entry.path());
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(location);
    }
    const ast::PackHeader* header = nullptr;
    for (const auto& file : files) {
      auto text = read_rule_file(file);
      if (!text) continue;
      FileId id = sources_.add(file.string(), std::move(*text));
      auto module = parse_cached(cache_dir_, sources_, id, diagnostics_, next_id_);
      if (module) pack.modules.push_back(std::move(*module));
    }
    for (const auto& m : pack.modules) {
      if (!m.header) continue;
      if (header) {
        diagnostics_.add(DiagCode::E0103, m.header->span,
                         fmt::format("pack `{}` already has a header (in `{}`)", header->id,
                                     sources_.file(header->span.file).path()));
        continue;
      }
      header = &*m.header;
    }
    if (header) {
      pack.header = *header;
    } else if (!pack.modules.empty()) {
      diagnostics_.add(DiagCode::E0103, Span{pack.modules.front().file, 0, 0},
                       fmt::format("`{}` has no `pack` header", location.string()),
                       "start one file of the pack with `pack <id> version \"...\" effective <date>`");
    }
    // Dependencies first, so that their schemas and constants are declared before use.
    for (const auto& m : pack.modules)
      for (const auto& use : m.uses) load(use.target, use.is_path ? sources_.file(m.file).path() : pack.location, use.span);
    active_.erase(key);
    done_.insert(key);
    packs_.push_back(std::move(pack));
  }

  std::vector<Pack> take() { return std::move(packs_); }

 private:
  /// The text of one rule file, or nothing (E0005, E0501). The size is checked on stat()
  /// before reading, so a huge file costs a stat.
  std::optional<std::string> read_rule_file(const fs::path& file) {
    auto read = read_within(file.string(), kMaxRuleFileBytes);
    switch (read.status) {
      case BoundedRead::Status::Read:
        return std::move(read.text);
      case BoundedRead::Status::TooLarge:
        diagnostics_.add_file(DiagCode::E0005, file.string(),
                              read.size > kMaxRuleFileBytes + 1
                                  ? fmt::format("the rule file has {} bytes; rule files are limited to {}", read.size,
                                                kMaxRuleFileBytes)
                                  : fmt::format("the rule file has more than {} bytes, the limit for a rule file",
                                                kMaxRuleFileBytes));
        return std::nullopt;
      case BoundedRead::Status::Unreadable:
        break;
    }
    diagnostics_.add_file(DiagCode::E0501, file.string(), "cannot read this rule file");
    return std::nullopt;
  }

  fs::path resolve(const std::string& spec, const std::string& relative_to, Span use_span) {
    std::vector<fs::path> candidates;
    if (relative_to.empty()) {
      candidates.push_back(spec);
    } else {
      fs::path base = fs::path(relative_to);
      // A path in `use "..."` is relative to the file; a pack id is also looked for beside
      // the using pack, so a local pack and the pack it extends can live side by side.
      candidates.push_back((fs::is_directory(base) ? base : base.parent_path()) / spec);
      candidates.push_back((fs::is_directory(base) ? base.parent_path() : base.parent_path().parent_path()) / spec);
    }
    bool looks_like_path = spec.find('/') != std::string::npos || spec.ends_with(".cadre");
    if (!looks_like_path)
      for (const auto& dir : search_dirs_) candidates.push_back(fs::path(dir) / spec);
    for (const auto& c : candidates) {
      std::error_code ec;
      if (fs::is_directory(c, ec) || (fs::is_regular_file(c, ec) && c.extension() == ".cadre")) return c;
    }
    std::vector<std::string> known;
    for (const auto& dir : search_dirs_) {
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_directory()) known.push_back(entry.path().filename().string());
    }
    auto suggestion = closest_name(spec, known);
    std::string help = suggestion ? fmt::format("did you mean `{}`?", *suggestion)
                                  : known.empty() ? std::string{"no bundled pack was found; set CADRE_RULES_PATH"}
                                                  : fmt::format("known packs: {}", fmt::join(known, ", "));
    if (use_span.valid())
      diagnostics_.add(DiagCode::E0102, use_span, fmt::format("pack `{}` not found", spec), help);
    else
      diagnostics_.add_file(DiagCode::E0102, spec, fmt::format("pack `{}` not found ({})", spec, help));
    return {};
  }

  const std::vector<std::string>& search_dirs_;
  SourceManager& sources_;
  Diagnostics& diagnostics_;
  const std::string& cache_dir_;
  ast::NodeId next_id_ = 1;
  std::set<std::string> active_;
  std::set<std::string> done_;
  std::vector<Pack> packs_;
};

}  // namespace

PackSet load_packs(const std::string& spec, const std::vector<std::string>& search_dirs, SourceManager& sources,
                   Diagnostics& diagnostics, const std::string& cache_dir) {
  Loader loader(search_dirs, sources, diagnostics, cache_dir);
  loader.load(spec, "", Span{});
  return PackSet{loader.take()};
}

}  // namespace cadre::pack
