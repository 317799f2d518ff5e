// SPDX-License-Identifier: Apache-2.0
#include "engine/io/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <streambuf>

#include <fmt/format.h>

#include "engine/io/interrupt_cleanup.hpp"

namespace cadre::io {

namespace fs = std::filesystem;

namespace {

/// Where an output that does not exist yet would go, for comparing two outputs' paths.
std::string planned_location(const std::string& path) {
  std::error_code ec;
  fs::path p(path);
  fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  fs::path canonical = fs::weakly_canonical(parent, ec);
  return ((ec ? parent : canonical) / p.filename()).lexically_normal().string();
}

/// A character device or a FIFO (through links too): the output is streamed into it, as
/// into standard output; there is no file to replace, and nothing to lose.
bool is_stream(const std::string& path) {
  if (is_standard_output(path)) return true;
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode));
}

}  // namespace

bool is_standard_output(const std::string& path) { return path == "-"; }

std::string refuse_outputs(const std::vector<OutputTarget>& outputs, const InputRegistry& inputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const auto& out = outputs[i];
    if (is_standard_output(out.path)) {
      for (std::size_t j = 0; j < i; ++j)
        if (is_standard_output(outputs[j].path))
          return fmt::format("`-` (standard output) is given twice, as {} and as {}: only one output can go there; "
                             "give the other a file name",
                             outputs[j].role, out.role);
      continue;
    }
    if (const auto* in = inputs.find(out.path)) {
      std::string same = in->path == out.path ? "" : fmt::format(" (the same file as `{}`)", in->path);
      return fmt::format("`{}` is both {} read by this run{} and {}: cadre never writes over a file it reads; "
                         "give the output another name",
                         out.path, in->role, same, out.role);
    }
    struct stat st {};
    if (is_stream(out.path)) continue;  // /dev/null, /dev/stdout, a pipe: written as a stream, nothing replaced
    if (::lstat(out.path.c_str(), &st) == 0) {
      if (S_ISLNK(st.st_mode))
        return fmt::format("`{}`, {}, is a symbolic link: cadre does not write through links (the file it points to "
                           "would change); remove the link or give another path",
                           out.path, out.role);
      if (!S_ISREG(st.st_mode))
        return fmt::format("`{}`, {}, exists and is not a regular file: give the path of a file", out.path, out.role);
    }
    for (std::size_t j = 0; j < i; ++j) {
      struct stat a {}, b {};
      bool same = planned_location(outputs[j].path) == planned_location(out.path) ||
                  (::stat(outputs[j].path.c_str(), &a) == 0 && ::stat(out.path.c_str(), &b) == 0 &&
                   a.st_dev == b.st_dev && a.st_ino == b.st_ino);
      if (same)
        return fmt::format("`{}` is given twice, as {} and as {}: one file cannot hold both; give each its own path",
                           out.path, outputs[j].role, out.role);
    }
  }
  return {};
}

std::string temporary_beside(const std::string& target) {
  static std::atomic<unsigned> counter{0};
  fs::path p(target);
  return (p.parent_path() / fmt::format(".{}.cadre-{}-{}.tmp", p.filename().string(), static_cast<long>(::getpid()),
                                        counter++))
      .string();
}

namespace {

/// A stream buffer over a file descriptor: std::ofstream cannot open with O_EXCL | O_NOFOLLOW.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  bool failed() const { return failed_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* data = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0 && !failed_) {
      ssize_t n = ::write(fd_, data, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        failed_ = true;
        break;
      }
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return !failed_;
  }

  int fd_;
  bool failed_ = false;
  char buffer_[64 * 1024];
};

}  // namespace

struct OutputFile::State {
  std::string target;
  std::string temporary;
  int fd = -1;
  bool direct = false;           // a device or a pipe, written in place
  bool standard_output = false;  // `-`: written through std::cout, in order with what else goes there
  int interrupt_slot = -1;       // the temporary's place in the list a signal handler removes
  std::unique_ptr<FdBuffer> buffer;
  std::unique_ptr<std::ostream> stream;
};

OutputFile::OutputFile() = default;
OutputFile::~OutputFile() { discard(); }
OutputFile::OutputFile(OutputFile&&) noexcept = default;
OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
  discard();
  state_ = std::move(other.state_);
  return *this;
}

bool OutputFile::open(const std::string& path, std::string& error) {
  discard();
  auto state = std::make_unique<State>();
  state->target = path;
  if (is_standard_output(path)) {
    state->direct = state->standard_output = true;
    state_ = std::move(state);
    return true;
  }
  state->direct = is_stream(path);
  if (!state->direct) state->temporary = temporary_beside(path);
  // Killed before commit(), the run still leaves no temporary in the user's folder (listed
  // before it exists: no window where it exists unlisted).
  if (!state->direct) state->interrupt_slot = remove_on_interrupt(state->temporary.c_str());
  // Exclusive and never through a link: nothing already there is opened or overwritten.
  state->fd = state->direct ? ::open(path.c_str(), O_WRONLY | O_CLOEXEC)
                            : ::open(state->temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (state->fd < 0) {
    int saved = errno;
    keep_on_interrupt(state->interrupt_slot);
    error = fmt::format("cannot write `{}`: {}", path, std::strerror(saved));
    return false;
  }
  // A file replaced keeps its permissions (a report a team shares stays shared).
  struct stat st {};
  if (!state->direct && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
    (void)::fchmod(state->fd, st.st_mode & 07777);
  state->buffer = std::make_unique<FdBuffer>(state->fd);
  state->stream = std::make_unique<std::ostream>(state->buffer.get());
  state_ = std::move(state);
  return true;
}

namespace {
std::atomic<bool> standard_output_failed{false};
}  // namespace

bool standard_output_failure_reported() { return standard_output_failed.load(); }

std::ostream& OutputFile::stream() { return state_->standard_output ? std::cout : *state_->stream; }
const std::string& OutputFile::path() const { return state_->target; }

bool OutputFile::commit(std::string& error) {
  if (!state_) {
    error = "no output is open";
    return false;
  }
  if (state_->standard_output) {
    std::cout.flush();
    bool ok = std::cout.good();
    state_.reset();
    if (!ok) {
      error = "cannot write to standard output";
      standard_output_failed = true;
    }
    return ok;
  }
  state_->stream->flush();
  bool ok = !state_->buffer->failed() && state_->stream->good();
  int saved = errno;
  if (ok && !state_->direct && ::fsync(state_->fd) != 0) ok = false, saved = errno;
  if (::close(state_->fd) != 0 && ok) ok = false, saved = errno;
  state_->fd = -1;
  if (ok && !state_->direct && std::rename(state_->temporary.c_str(), state_->target.c_str()) != 0) ok = false, saved = errno;
  if (ok) keep_on_interrupt(state_->interrupt_slot);  // renamed: the temporary's name is gone
  if (!ok) {
    error = fmt::format("cannot write `{}`: {}; the previous file, if any, is unchanged", state_->target,
                        std::strerror(saved ? saved : EIO));
    discard();
    return false;
  }
  state_.reset();
  return true;
}

void OutputFile::discard() {
  if (!state_) return;
  if (state_->standard_output) {  // what is written there is gone; nothing to remove
    state_.reset();
    return;
  }
  if (state_->fd >= 0) ::close(state_->fd);
  if (!state_->direct) ::unlink(state_->temporary.c_str());
  keep_on_interrupt(state_->interrupt_slot);
  state_.reset();
}

bool write_file_atomically(const std::string& path, const std::string& bytes, std::string& error) {
  OutputFile file;
  if (!file.open(path, error)) return false;
  file.stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return file.commit(error);
}

}  // namespace cadre::io
