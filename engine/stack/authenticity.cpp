// SPDX-License-Identifier: Apache-2.0
#include "engine/stack/authenticity.hpp"

#include <map>
#include <optional>

#include "engine/verify/strict_json.hpp"

namespace cadre::stack {

void check_authenticity(const std::vector<record::Record>& records, const SourceManager& sources,
                        const verify::VerifyContext& context, Catalogue& catalogue) {
  std::map<FileId, std::optional<verify::Result>> by_file;
  for (const auto& r : records) {
    if (r.kind != "certificate" || r.embedded) continue;
    auto known = by_file.find(r.file);
    if (known == by_file.end()) {
      std::optional<verify::Result> result;
      const auto& file = sources.file(r.file);
      std::string error;
      auto json = verify::parse_strict_json(file.text(), error);
      if (json && json->is_object() && !json->contains("kind")) result = verify::verify_credential(file.text(), context, error);
      known = by_file.emplace(r.file, std::move(result)).first;
    }
    if (known->second) catalogue.authenticity.emplace(std::make_pair(r.file, r.offset), *known->second);
  }
}

}  // namespace cadre::stack
