// SPDX-License-Identifier: Apache-2.0
// What a Desk holds between requests (desk.cpp loads it; the pages read it). Internal to
// engine/serve.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "engine/report/stack_writers.hpp"
#include "engine/serve/desk.hpp"
#include "engine/serve/multipart.hpp"
#include "engine/stack/stack.hpp"
#include "engine/verify/trust.hpp"

namespace cadre::serve {

/// The rules and catalogue in one language: the engine writes its findings' messages in the
/// language it was run in, so French and English pages each have their own.
struct Language {
  Engine engine;
  report::RunResult run;
  stack::Catalogue catalogue;
  std::vector<report::InputReference> inputs;  // the catalogue, exceptions: the jury page names them
};

struct PathwayEntry {
  std::string id;
  std::string title;
};

/// Everything loaded for one as-of date.
struct Loaded {
  Date as_of;
  std::map<std::string, std::unique_ptr<Language>> languages;  // "fr", "en"
  std::vector<PathwayEntry> pathways;                          // sorted by id
  Engine trust_engine;
  verify::TrustList trust;
};

struct Desk::State {
  Settings settings;
  std::string secret;  // random, per process: signs CSRF tokens and the session cookie
  mutable std::mutex mutex;
  mutable std::shared_ptr<const Loaded> loaded;
  /// The catalogue for `as_of`, loaded again when the day changed (nullptr only if that fails
  /// and nothing was loaded before; the previous day's then serves, with the error logged).
  std::shared_ptr<const Loaded> current(const Date& as_of) const;
};

/// Loads packs, catalogue, exceptions, waivers and trust lists for `as_of`; nullptr with the
/// reasons on `err`.
std::shared_ptr<const Loaded> load(const Settings& settings, const Date& as_of, std::ostream& err);

/// An uploaded file: its name reduced to a safe last component (never a path: `../../x` is
/// `x`), with a record extension so the loader reads it as what it holds.
std::string upload_name(const Part& part);

/// The pages (pages.cpp). `lang` is "fr" or "en".
std::string page_index(const Loaded& loaded, const std::string& lang, const std::string& csrf, const Settings& settings);
std::string page_login(const std::string& lang, const std::string& csrf, bool wrong);
std::string page_message(const std::string& lang, int status, const std::string& message,
                         const std::vector<std::string>& details = {});
std::string page_check(const std::string& lang, std::size_t files, const std::string& report_text);
std::string status_text(int status);
std::string refusal_message(int status, const std::string& lang);

/// The two answers of POST /stack and POST /check (stack_answer.cpp, check_answer.cpp).
Response answer_stack(const Loaded& loaded, const Settings& settings, const std::vector<Part>& parts,
                      const std::string& lang, bool json);
Response answer_check(const Loaded& loaded, const Settings& settings, const std::vector<Part>& parts,
                      const std::string& lang, bool json);

/// A scratch source manager for one request: its first files stand for the engine's (same
/// paths, no text), so file ids of uploads never collide with the catalogue's.
SourceManager scratch_for(const Engine& engine);
/// Where an offset is, for reports: in the upload when the file is the request's, else in the catalogue.
report::Locate locate_in_request(const SourceManager& scratch, const Engine& engine);

}  // namespace cadre::serve
