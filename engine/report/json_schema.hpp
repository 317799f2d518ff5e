// SPDX-License-Identifier: Apache-2.0
// JSON Schemas (2020-12) of a pack set's record kinds, for editors (`cadre schema`): what a
// proposal author's YAML extension completes and checks while they type. Built from the
// packs' `record` and `type` declarations, so a local pack's fields are there too.
#pragma once

#include <string>
#include <vector>

#include "engine/catalog/catalog.hpp"

namespace cadre::report {

struct JsonSchemaFile {
  std::string name;  // `<kind>.schema.json`
  std::string kind;
  std::string text;  // the schema, pretty-printed JSON
};

/// One schema per record kind of the catalogue, in kind-name order. Each holds the nested
/// types it reaches under `$defs`, so every file stands alone. Descriptions are in `lang`
/// ("fr" or "en"): editors show one `description` and know no language (docs/editors.md).
std::vector<JsonSchemaFile> json_schemas(const catalog::Catalog& catalog, const std::string& lang);

}  // namespace cadre::report
