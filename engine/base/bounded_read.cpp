// SPDX-License-Identifier: Apache-2.0
#include "engine/base/bounded_read.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cadre {

namespace {

BoundedRead unreadable(int error) {
  BoundedRead r;
  r.status = BoundedRead::Status::Unreadable;
  r.reason = std::strerror(error);
  return r;
}

BoundedRead too_large(std::uintmax_t size) {
  BoundedRead r;
  r.status = BoundedRead::Status::TooLarge;
  r.size = size;
  return r;
}

}  // namespace

BoundedRead read_within(const std::string& path, std::size_t max_bytes) {
  // Opened first and measured through the descriptor: one path lookup, not two (stat, then
  // open). The size limit is still checked before a byte is read.
  struct stat info {};
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    // A file that cannot be opened but is too large anyway is reported as too large, as
    // when the size was looked at first.
    if (::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        static_cast<std::uintmax_t>(info.st_size) > max_bytes)
      return too_large(static_cast<std::uintmax_t>(info.st_size));
    return unreadable(error);
  }
  if (::fstat(fd, &info) != 0) {
    int error = errno;
    ::close(fd);
    return unreadable(error);
  }
  if (S_ISREG(info.st_mode) && static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
    ::close(fd);
    return too_large(static_cast<std::uintmax_t>(info.st_size));
  }
  BoundedRead r;
  r.status = BoundedRead::Status::Read;
  // Straight into the string, which grows as needed (stat's size first, plus a byte to see
  // the end of the file): the text is copied once, from the kernel.
  std::size_t have = 0;
  r.text.resize(std::min(S_ISREG(info.st_mode) ? static_cast<std::size_t>(info.st_size) + 1 : std::size_t{1} << 16,
                         max_bytes + 1));
  while (true) {
    if (have == r.text.size()) {
      if (have > max_bytes) {
        ::close(fd);
        return too_large(static_cast<std::uintmax_t>(max_bytes) + 1);
      }
      r.text.resize(std::min(have * 2, max_bytes + 1));
    }
    ssize_t n = ::read(fd, r.text.data() + have, r.text.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      return unreadable(error);
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  if (have > max_bytes) {
    ::close(fd);
    return too_large(static_cast<std::uintmax_t>(max_bytes) + 1);
  }
  r.text.resize(have);
  ::close(fd);
  return r;
}

}  // namespace cadre
