#include "engine/audit/output_dir.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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
  // leaves whole files. The temporary is created exclusively and never through a link
  // (O_EXCL | O_NOFOLLOW), so nothing already there — a user's file, a symbolic link planted
  // to point elsewhere — is opened or overwritten; rename() replaces a link, not its target.
  for (const auto& f : files) {
    fs::path target = root / f.name;
    fs::path temporary = root / fmt::format(".{}.cadre-{}.tmp", f.name, static_cast<long>(::getpid()));
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
      error = fmt::format("cannot create `{}`: {}", temporary.string(), std::strerror(errno));
      return false;
    }
    const char* data = f.bytes.data();
    std::size_t left = f.bytes.size();
    bool written = true;
    while (left > 0) {
      ssize_t n = ::write(fd, data, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        written = false;
        break;
      }
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) written = false;
    if (!written) {
      error = fmt::format("cannot write `{}`", target.string());
      fs::remove(temporary, ec);
      return false;
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
