// SPDX-License-Identifier: Apache-2.0
// Which format a document is, and what to tell the user when cadre does not read it: the
// message names the format and says what cadre reads, instead of "`kind` missing".
#include <fmt/format.h>

#include "engine/credentials/formats.hpp"

namespace cadre::credentials {

using namespace detail;

Format detect_format(const Value& root) {
  const Value* type = get(&root, "type");
  bool vc = false;
  for (const Value* t : all(type)) {
    if (t->kind != Kind::Scalar) continue;
    const std::string& s = t->text;
    if (names_term(s, "EuropeanDigitalCredential")) return Format::elm;
    if (names_term(s, "ClrCredential")) return Format::clr;
    if (names_term(s, "OpenBadgeCredential") || names_term(s, "AchievementCredential")) return Format::ob3;
    if (names_term(s, "Assertion")) return Format::ob2_assertion;
    if (names_term(s, "BadgeClass")) return Format::ob2_badge_class;
    if (names_term(s, "Issuer") || names_term(s, "Profile")) return Format::ob2_issuer;
    if (names_term(s, "VerifiableCredential")) vc = true;
  }
  if (vc) return Format::other_vc;
  if (get(&root, "name") && get(&root, "version") &&
      (get(&root, "dependencies") || get(&root, "scripts") || get(&root, "devDependencies")))
    return Format::package_json;
  return Format::unknown;
}

namespace {
constexpr const char* kReads =
    "cadre reads records (`kind: ...`), Open Badges 3.0 and 2.0 credentials, European Digital Credentials "
    "(ELM v3, plain or JAdES-sealed), VC-JWTs and CLR 2.0 transcripts";
}

std::optional<std::string> describe_unread(const Value& root) {
  switch (detect_format(root)) {
    case Format::ob2_badge_class:
      return fmt::format("this is an Open Badges 2.0 BadgeClass: it describes a badge, awarded to no one, so it is "
                         "no certificate; {}", kReads);
    case Format::ob2_issuer:
      return fmt::format("this is an Open Badges issuer profile, not a credential; {}", kReads);
    case Format::other_vc: {
      std::string types;
      for (const Value* t : all(get(&root, "type")))
        if (t->kind == Kind::Scalar) types += (types.empty() ? "" : ", ") + t->text;
      return fmt::format("this is a verifiable credential of type {}, neither an Open Badge nor a European Digital "
                         "Credential; {}", types, kReads);
    }
    case Format::package_json:
      return fmt::format("this is an npm package manifest (package.json), not a record; {}", kReads);
    default:
      return std::nullopt;
  }
}

std::optional<std::string> describe_xml(std::string_view text) {
  auto start = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (start == std::string_view::npos || text[start] != '<') return std::nullopt;
  // The root element: the first tag that is not a declaration, comment or processing instruction.
  std::size_t at = start;
  while (at != std::string_view::npos && at + 1 < text.size() && (text[at + 1] == '?' || text[at + 1] == '!'))
    at = text.find('<', at + 1);
  std::string root;
  if (at != std::string_view::npos) {
    std::size_t end = text.find_first_of(" \t\r\n>/", at + 1);
    root = std::string(text.substr(at + 1, end == std::string_view::npos ? std::string_view::npos : end - at - 1));
  }
  std::string_view head = text.substr(0, 4096);
  if (root.find("europassCredential") != std::string::npos || root.find("EuropassCredential") != std::string::npos ||
      head.find("data.europa.eu/europass/model/credentials") != std::string_view::npos)
    return fmt::format("this is a Europass (EDCI) XML credential, the format the EU replaced with ELM v3 JSON-LD: "
                       "cadre does not read it; export the credential from the EDC platform as JSON-LD. {}", kReads);
  return fmt::format("this is an XML document (root element <{}>), not a record; {}", root, kReads);
}

}  // namespace cadre::credentials
