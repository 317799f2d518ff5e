// SPDX-License-Identifier: Apache-2.0
#include "engine/report/json_pieces.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace cadre::report {

std::string dump(const Json& json) { return json.dump(2, ' ', false, Json::error_handler_t::replace); }

Json stream_marker(std::string_view name) {
  // A control character no report value holds as such (dump escapes it): the marker cannot be
  // mistaken for data that precedes it.
  return std::string("\x01") + "cadre-stream:" + std::string(name);
}

CutDocument cut_at_markers(const std::string& dumped, const std::vector<std::string_view>& names) {
  CutDocument cut;
  std::size_t from = 0;
  for (auto name : names) {
    std::string quoted = dump(stream_marker(name));
    std::size_t at = dumped.find(quoted, from);
    if (at == std::string::npos) throw std::logic_error("report skeleton without its stream marker");
    std::size_t line = dumped.rfind('\n', at);
    line = line == std::string::npos ? 0 : line + 1;
    cut.indents.push_back(dumped.find_first_not_of(' ', line) - line);
    cut.pieces.push_back(dumped.substr(from, at - from));
    from = at + quoted.size();
  }
  cut.pieces.push_back(dumped.substr(from));
  return cut;
}

void JsonArrayWriter::add(const Json& item) {
  std::string pad(indent_ + 2, ' ');
  *out_ << (size_++ ? ",\n" : "[\n") << pad;
  // Strings hold no raw line break (dump escapes it): every one is the item's own layout.
  std::string text = dump(item);
  std::size_t start = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out_->write(text.data() + start, static_cast<std::streamsize>(nl + 1 - start));
    *out_ << pad;
    start = nl + 1;
  }
  out_->write(text.data() + start, static_cast<std::streamsize>(text.size() - start));
}

void JsonArrayWriter::close() {
  if (size_ == 0) *out_ << "[]";
  else *out_ << "\n" << std::string(indent_, ' ') << "]";
}

Spill::Spill() {
  std::error_code ec;
  auto dir = std::filesystem::temp_directory_path(ec);
  if (!ec) {
    std::string name = (dir / "cadre-report-XXXXXX").string();
    int fd = ::mkstemp(name.data());
    if (fd >= 0) {
      auto file = std::make_unique<std::fstream>(name, std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
      ::close(fd);
      ::unlink(name.c_str());  // the open stream keeps it until it closes
      if (*file) stream_ = std::move(file);
    }
  }
  if (!stream_) stream_ = std::make_unique<std::stringstream>();
}

Spill::~Spill() = default;

void Spill::copy_to(std::ostream& out, std::size_t skip) {
  stream_->flush();
  stream_->seekg(static_cast<std::streamoff>(skip));
  char buffer[1 << 16];
  while (stream_->read(buffer, sizeof buffer) || stream_->gcount() > 0)
    out.write(buffer, stream_->gcount());
  stream_->clear();
}

}  // namespace cadre::report
