// SPDX-License-Identifier: Apache-2.0
// Uploaded files as the engine reads them: a safe name, a scratch source manager per request.
#include <algorithm>

#include "engine/record/loader.hpp"
#include "engine/serve/state.hpp"

namespace cadre::serve {

std::string upload_name(const Part& part) {
  // The last component only, printable characters only: a name is shown, never opened.
  std::string name = part.filename;
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  std::string clean;
  for (unsigned char c : name)
    if (c >= 0x20 && c != 0x7F && c != '"' && c != '<' && c != '>' && c != '`') clean += static_cast<char>(c);
  while (!clean.empty() && clean.front() == '.') clean.erase(clean.begin());  // no `..`, no hidden name
  if (clean.size() > 120) clean = clean.substr(clean.size() - 120);
  if (clean.empty()) clean = part.name.empty() ? "upload" : part.name;
  if (!record::is_record_file(clean)) {
    // The loader picks its reader by extension: say what the bytes are.
    std::string_view data = part.data;
    auto first = data.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    char c = first == std::string_view::npos ? '\0' : data[first];
    clean += c == '{' || c == '[' ? ".json" : data.substr(first == std::string_view::npos ? 0 : first, 3) == "eyJ" ? ".jwt" : ".yaml";
  }
  return clean;
}

SourceManager scratch_for(const Engine& engine) {
  SourceManager scratch;
  for (std::size_t i = 0; i < engine.sources().size(); ++i) scratch.add(engine.sources().file(static_cast<FileId>(i)).path(), {});
  return scratch;
}

report::Locate locate_in_request(const SourceManager& scratch, const Engine& engine) {
  auto catalogue = report::locate_in(engine.sources());
  auto first_upload = static_cast<FileId>(engine.sources().size());
  return [&scratch, catalogue, first_upload](FileId file, std::uint32_t offset) {
    if (file < first_upload) return catalogue(file, offset);
    auto p = scratch.file(file).position(offset);
    return report::Place{scratch.file(file).path(), p.line, p.column};
  };
}

}  // namespace cadre::serve
