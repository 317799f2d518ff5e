#include "engine/audit/output_dir.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "engine/audit/manifest.hpp"

namespace cadre::audit {

namespace fs = std::filesystem;

namespace {

bool is_previous_pack(const fs::path& dir) {
  std::ifstream in(dir / kManifestName, std::ios::binary);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  Manifest m;
  std::string ignored;
  return read_manifest(text.str(), m, ignored);
}

}  // namespace

bool write_pack(const std::string& dir, const std::vector<OutputFile>& files, std::string& error) {
  fs::path root(dir);
  std::error_code ec;
  if (fs::exists(root, ec)) {
    if (!fs::is_directory(root, ec)) {
      error = fmt::format("`{}` exists and is not a directory", dir);
      return false;
    }
    bool empty = fs::directory_iterator(root, ec) == fs::directory_iterator();
    if (ec) {
      error = fmt::format("cannot read the directory `{}`: {}", dir, ec.message());
      return false;
    }
    if (!empty && !is_previous_pack(root)) {
      error = fmt::format("`{}` already holds files and no {} of a previous audit pack: give a new or empty directory "
                          "(cadre audit overwrites only its own packs)",
                          dir, kManifestName);
      return false;
    }
  } else {
    fs::create_directories(root, ec);
    if (ec) {
      error = fmt::format("cannot create `{}`: {}", dir, ec.message());
      return false;
    }
  }
  // Each file goes to a temporary name first, then replaces the old one: an interrupted run
  // leaves whole files.
  for (const auto& f : files) {
    fs::path target = root / f.name, temporary = root / (f.name + ".tmp");
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out << f.bytes;
      out.flush();
      if (!out) {
        error = fmt::format("cannot write `{}`", (root / f.name).string());
        fs::remove(temporary, ec);
        return false;
      }
    }
    fs::rename(temporary, target, ec);
    if (ec) {
      error = fmt::format("cannot write `{}`: {}", target.string(), ec.message());
      fs::remove(temporary, ec);
      return false;
    }
  }
  return true;
}

}  // namespace cadre::audit
