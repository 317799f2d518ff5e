// SPDX-License-Identifier: Apache-2.0
// The files of an evidence pack, rendered from the Evidence model: a self-contained HTML page
// (inline CSS and SVG, readable on screen and printed on A4), JSON for machines, Markdown.
// Each returns the file's bytes; the same Evidence gives the same bytes.
#pragma once

#include <string>

#include "engine/audit/evidence.hpp"

namespace cadre::audit {

std::string write_html(const Evidence& evidence);
std::string write_json(const Evidence& evidence);
std::string write_markdown(const Evidence& evidence);

/// The text in the pack's language (writers' labels: French or English).
inline const char* tr(const Evidence& e, const char* fr, const char* en) { return e.lang == "fr" ? fr : en; }
/// "Indicateur 11" / "Indicator 11": the marker every format (and the browser test) finds.
std::string indicator_heading(const Evidence& e, int number);

}  // namespace cadre::audit
