// SPDX-License-Identifier: Apache-2.0
// `cadre verify FILE... [--trust FILE]... [--status-list FILE]... [--format text|json]`: is
// each credential authentic (its proof matches its content), issued with a key of the
// consortium's trust list, and not revoked? Offline: nothing is fetched (docs/verify.md).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/version.hpp"
#include "engine/report/format_version.hpp"
#include "engine/report/markup.hpp"
#include "engine/engine.hpp"
#include "engine/report/writers.hpp"
#include "engine/verify/status_list.hpp"
#include "engine/verify/trust_files.hpp"
#include "engine/verify/verifier.hpp"

namespace cadre::cli {

namespace {

using Json = nlohmann::ordered_json;

int usage(const std::string& message) { return usage_error(*find_command("verify"), message); }

/// A file's bytes, or nothing when it cannot be read (or is larger than the loader accepts).
std::optional<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  if (std::filesystem::file_size(path, ec) > (16u << 20)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int run_verify(const ParsedArgs& parsed) {
  std::string format = parsed.get("format").value_or("text");
  Date as_of = today_paris();
  if (auto error = read_as_of(parsed, as_of); !error.empty()) return usage(error);

  // The trust list is read as records of the pack: its schema and rules (DFCU-10.2-trust-*)
  // check it before any credential is judged with it.
  verify::TrustList trust;
  Engine engine;
  if (parsed.has("trust")) {
    verify::TrustFiles files{parsed.flags.at("trust"), parsed.get("rules").value_or("dfcu-2023"), as_of};
    if (!verify::load_trust_files(engine, files, trust, std::cerr)) return kExitError;
  }
  verify::VerifyContext context{trust, nullptr, as_of};
  verify::StatusLists lists;
  if (parsed.has("status-list"))
    for (const auto& path : parsed.flags.at("status-list")) {
      auto bytes = read_file(path);
      std::string error;
      if (!bytes) {
        std::cerr << fmt::format("cadre verify: error[E0501]: cannot read status list `{}`\n", path);
        return kExitError;
      }
      if (!lists.add(*bytes, context, error)) {
        std::cerr << fmt::format("{}: error[E0501]: not a status list: {}\n", path, error);
        return kExitError;
      }
    }
  context.status_lists = &lists;

  int exit = kExitClean;
  Json results = Json::array();
  std::size_t verified = 0, judged = 0;
  Json errors = Json::array();  // files that are not credentials, placed like every diagnostic
  SourceManager sources;         // the files with a syntax error, to turn an offset into line:column
  for (const auto& path : parsed.positionals) {
    auto bytes = read_file(path);
    std::string error;
    std::optional<std::size_t> error_at;
    std::optional<verify::Result> r;
    if (!bytes) {
      error = "cannot be read";
    } else if (!verify::looks_like_credential(*bytes)) {
      error = "neither JSON nor a compact JWS";
    } else {
      r = verify::verify_credential(*bytes, context, error, &error_at);
    }
    if (!r) {
      Json e;
      e["file"] = path;
      if (error_at) {
        // A JSON syntax error: E0301 at its line and column, as `cadre check` places one.
        FileId file = sources.add(path, *bytes);
        Diagnostic d{DiagCode::E0301, Severity::Error,
                     Span{file, static_cast<std::uint32_t>(*error_at), static_cast<std::uint32_t>(*error_at) + 1},
                     fmt::format("not a credential cadre can read: {}", error), {}, {}, {}};
        report::write_diagnostic(std::cerr, d, sources);
        auto p = sources.file(file).position(d.span.begin);
        e["line"] = p.line;
        e["column"] = p.column;
        e["code"] = "E0301";
      } else {
        std::cerr << fmt::format("{}: error[E0501]: not a credential cadre can read: {}\n", path, error);
        e["line"] = nullptr;
        e["column"] = nullptr;
        e["code"] = "E0501";
      }
      e["message"] = fmt::format("not a credential cadre can read: {}", error);
      errors.push_back(std::move(e));
      exit = kExitError;
      continue;
    }
    ++judged;
    if (r->verified()) ++verified;
    else if (exit == kExitClean) exit = kExitFindings;
    std::string issuer = r->university.empty() ? r->issuer : fmt::format("{} ({})", r->issuer, r->university);
    if (format == "json") {
      Json o;
      o["file"] = path;
      o["status"] = verify::status_name(r->status);
      o["proof"] = r->proof;
      o["issuer"] = r->issuer;
      o["university"] = r->university.empty() ? Json() : Json(r->university);
      o["key"] = r->key;
      o["reason"] = r->reason;
      o["revocation"] = verify::revocation_name(r->revocation);
      if (!r->revocation_note.empty()) o["revocation_note"] = r->revocation_note;
      results.push_back(std::move(o));
      continue;
    }
    // Issuer, key and reasons quote the credential: never raw on a terminal.
    using report::terminal_safe;
    std::cout << fmt::format("{}: {}\n", terminal_safe(path), verify::status_name(r->status));
    if (!r->proof.empty()) std::cout << fmt::format("  proof:  {}\n", terminal_safe(r->proof));
    if (!issuer.empty()) std::cout << fmt::format("  issuer: {}\n", terminal_safe(issuer));
    if (!r->key.empty()) std::cout << fmt::format("  key:    {}\n", terminal_safe(r->key));
    if (!r->reason.empty()) std::cout << fmt::format("  reason: {}\n", terminal_safe(r->reason));
    if (r->revocation == verify::Revocation::not_checked || r->revocation == verify::Revocation::not_revoked)
      std::cout << fmt::format("  status: {}\n", terminal_safe(r->revocation_note));
  }
  if (format == "json") {
    // An object, not a bare array, so that the format carries its version (docs/json-formats.md).
    Json doc;
    doc["format_version"] = report::kJsonFormatVersion;
    doc["tool"] = {{"name", "cadre"}, {"version", kVersion}};
    doc["verified"] = verified;
    doc["credentials"] = std::move(results);
    doc["errors"] = std::move(errors);
    std::cout << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
  }
  else std::cout << fmt::format("{} of {} credential{} verified\n", verified, judged, judged == 1 ? "" : "s");
  return exit;
}

}  // namespace cadre::cli
