// SPDX-License-Identifier: Apache-2.0
#include "engine/serve/desk.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <fmt/format.h>

#include "engine/base/sha256.hpp"
#include "engine/report/writers.hpp"
#include "engine/serve/guard.hpp"
#include "engine/serve/state.hpp"
#include "engine/stack/authenticity.hpp"
#include "engine/verify/trust_files.hpp"

namespace cadre::serve {

namespace fs = std::filesystem;

namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string normal(const std::string& path) { return fs::path(path).lexically_normal().string(); }

/// One language's engine over the catalogue; nullptr when something does not load, as
/// `cadre stack` would refuse it (unreadable files, rules that do not check, refused
/// waivers, exceptions files with errors).
std::unique_ptr<Language> load_language(const Settings& settings, const Date& as_of, const std::string& lang,
                                        const verify::TrustList& trust, std::ostream& err) {
  auto language = std::make_unique<Language>();
  CheckOptions options;
  options.rules = settings.rules;
  options.lang = lang;
  options.as_of = as_of;
  options.keep_records = true;
  options.inputs = settings.catalogs;
  for (const auto& e : settings.exceptions) options.inputs.push_back(e);
  options.waiver_files = settings.waivers;
  language->run = language->engine.check(options);
  const auto& run = language->run;
  const auto& sources = language->engine.sources();
  bool ok = run.rules_ok;
  std::vector<std::string> exception_files;
  for (const auto& e : settings.exceptions) exception_files.push_back(normal(e));
  auto in_exceptions = [&](FileId id) {
    return std::find(exception_files.begin(), exception_files.end(), normal(sources.file(id).path())) != exception_files.end();
  };
  for (const auto& d : run.diagnostics.items()) {
    bool stops = !run.rules_ok || d.code == DiagCode::E0501 || d.code == DiagCode::E0312 ||
                 (d.severity == Severity::Error && d.span.valid() && in_exceptions(d.span.file));
    if (!stops) continue;
    report::write_diagnostic(err, d, sources);
    ok = false;
  }
  for (const auto& f : run.findings)
    if (in_exceptions(f.file) && f.severity == Severity::Error && !f.waiver) {
      auto p = sources.file(f.file).position(f.offset);
      err << fmt::format("{}:{}:{}: error[{}]: {}\n", sources.file(f.file).path(), p.line, p.column, f.rule->id, f.message);
      ok = false;
    }
  if (!ok) return nullptr;
  const auto& records = language->engine.records();
  language->catalogue.add(records, run.findings);
  verify::VerifyContext context{trust, nullptr, as_of};
  stack::check_authenticity(records, sources, context, language->catalogue);
  std::vector<std::pair<std::string, std::string>> judged;
  for (const auto& c : settings.catalogs) judged.emplace_back("catalog", c);
  for (const auto& e : settings.exceptions) judged.emplace_back("exceptions", e);
  language->inputs = report::reference_inputs(judged, sources);
  return language;
}

std::string query_value(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    auto amp = query.find('&');
    auto item = query.substr(0, amp);
    if (item.substr(0, key.size()) == key && item.size() > key.size() && item[key.size()] == '=')
      return std::string(item.substr(key.size() + 1));
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  return {};
}

/// ?lang=en|fr, else the first of fr and en in Accept-Language by quality, else --lang.
std::string language_of(const Request& request, std::string_view query, const std::string& fallback) {
  auto asked = query_value(query, "lang");
  if (asked == "fr" || asked == "en") return asked;
  std::string header = request.header("accept-language");
  std::string best = fallback;
  double best_q = -1;
  std::string_view rest = header;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    double q = 1;
    if (auto semi = item.find(";q="); semi != std::string_view::npos) {
      try {
        q = std::stod(std::string(item.substr(semi + 3)));
      } catch (...) {
        q = 0;
      }
      item = item.substr(0, semi);
    }
    std::string tag(item.substr(0, 2));
    std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if ((tag == "fr" || tag == "en") && (item.size() == 2 || item[2] == '-' || item[2] == ';') && q > best_q) {
      best = tag;
      best_q = q;
    }
  }
  return best;
}

std::string cookie_value(const std::string& header, std::string_view name) {
  std::string_view rest = header;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    std::string_view item = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.substr(0, name.size()) == name && item.size() > name.size() && item[name.size()] == '=')
      return std::string(item.substr(name.size() + 1));
  }
  return {};
}

constexpr std::string_view kSessionCookie = "cadre_session";

}  // namespace

std::string Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string{} : it->second;
}

std::shared_ptr<const Loaded> load(const Settings& settings, const Date& as_of, std::ostream& err) {
  auto loaded = std::make_shared<Loaded>();
  loaded->as_of = as_of;
  if (!settings.trust.empty() &&
      !verify::load_trust_files(loaded->trust_engine, {settings.trust, settings.rules, as_of}, loaded->trust, err))
    return nullptr;
  for (const char* lang : {"fr", "en"}) {
    auto language = load_language(settings, as_of, lang, loaded->trust, err);
    if (!language) return nullptr;
    loaded->languages.emplace(lang, std::move(language));
  }
  for (const auto& r : loaded->languages.at("fr")->engine.records()) {
    if (r.kind != "pathway" || !r.valid || r.id.empty()) continue;
    const record::Value* title = r.root->get("title");
    loaded->pathways.push_back({r.id, title && (title->kind == record::Value::Kind::String || title->kind == record::Value::Kind::Scalar) ? title->text : std::string{}});
  }
  std::sort(loaded->pathways.begin(), loaded->pathways.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  loaded->pathways.erase(std::unique(loaded->pathways.begin(), loaded->pathways.end(),
                                     [](const auto& a, const auto& b) { return a.id == b.id; }),
                         loaded->pathways.end());
  return loaded;
}

std::shared_ptr<const Loaded> Desk::State::current(const Date& as_of) const {
  std::lock_guard lock(mutex);
  if (loaded && compare_dates(loaded->as_of, as_of) == 0) return loaded;
  std::ostringstream errors;
  if (auto fresh = load(settings, as_of, errors)) loaded = std::move(fresh);
  else std::cerr << "cadre serve: the catalogue did not load again for " << format_date(as_of) << "; the previous day's serves:\n"
                 << errors.str();
  return loaded;
}

Desk::Desk(std::unique_ptr<State> state) : state_(std::move(state)) {}
Desk::~Desk() = default;

std::unique_ptr<Desk> Desk::open(const Settings& settings, std::ostream& err) {
  auto state = std::make_unique<State>();
  state->settings = settings;
  state->secret = random_secret();
  state->loaded = load(settings, settings.as_of.value_or(today_paris()), err);
  if (!state->loaded) return nullptr;
  if (state->loaded->pathways.empty())
    err << "cadre serve: warning: the catalogue holds no pathway (give --catalog with `kind: pathway` records): "
           "only proposals can be checked\n";
  return std::unique_ptr<Desk>(new Desk(std::move(state)));
}

std::size_t Desk::pathway_count() const { return state_->loaded->pathways.size(); }

void add_security_headers(Response& response) {
  // The styles of the page, by hash: the jury page's renderer writes one <style> block and a
  // few style attributes (indentation); no script runs on any page cadre serve gives.
  auto hash = [](std::string_view text) {
    std::string digest = sha256_bytes(text);
    unsigned char b64[64];
    int n = EVP_EncodeBlock(b64, reinterpret_cast<const unsigned char*>(digest.data()), static_cast<int>(digest.size()));
    return " 'sha256-" + std::string(reinterpret_cast<const char*>(b64), static_cast<std::size_t>(n)) + "'";
  };
  std::set<std::string> blocks, attributes;
  if (response.content_type.rfind("text/html", 0) == 0) {
    const std::string& body = response.body;
    for (std::size_t at = 0; (at = body.find("<style>", at)) != std::string::npos;) {
      auto end = body.find("</style>", at);
      if (end == std::string::npos) break;
      blocks.insert(hash(std::string_view(body).substr(at + 7, end - at - 7)));
      at = end;
    }
    // Every text from outside is escaped (`"` as an entity), so a style attribute is the writer's own.
    for (std::size_t at = 0; (at = body.find(" style=\"", at)) != std::string::npos;) {
      auto end = body.find('"', at + 8);
      if (end == std::string::npos) break;
      attributes.insert(hash(std::string_view(body).substr(at + 8, end - at - 8)));
      at = end;
    }
  }
  std::string styles;
  for (const auto& h : blocks) styles += h;
  if (!attributes.empty()) styles += " 'unsafe-hashes'";
  for (const auto& h : attributes) styles += h;
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'none'; style-src" + (styles.empty() ? std::string(" 'none'") : styles) +
                                    "; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Cache-Control", "no-store");
}

Response Desk::refusal(int status, const Request& request) const {
  auto query_at = request.target.find('?');
  std::string_view query = query_at == std::string::npos ? std::string_view{} : std::string_view(request.target).substr(query_at + 1);
  std::string lang = language_of(request, query, state_->settings.lang);
  Response response;
  response.status = status;
  if (request.header("accept").find("application/json") != std::string::npos) {
    response.content_type = "application/json";
    response.body = fmt::format("{{\"status\": {}, \"error\": \"{}\"}}\n", status, refusal_message(status, lang));
  } else {
    response.body = page_message(lang, status, refusal_message(status, lang));
  }
  if (status == 503) response.headers.emplace_back("Retry-After", "5");
  add_security_headers(response);
  return response;
}

Response Desk::handle(const Request& request) const {
  const Settings& settings = state_->settings;
  auto query_at = request.target.find('?');
  std::string path = request.target.substr(0, query_at);
  std::string_view query = query_at == std::string::npos ? std::string_view{} : std::string_view(request.target).substr(query_at + 1);
  std::string lang = language_of(request, query, settings.lang);
  bool json = request.header("accept").find("application/json") != std::string::npos;
  auto now = now_seconds();
  auto finish = [](Response r) {
    add_security_headers(r);
    return r;
  };
  auto message = [&](int status, const std::string& text, const std::vector<std::string>& details = {}) {
    Response r;
    r.status = status;
    if (json) {
      r.content_type = "application/json";
      nlohmann::json body{{"status", status}, {"error", text}, {"details", details}};
      r.body = body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } else {
      r.body = page_message(lang, status, text, details);
    }
    return finish(std::move(r));
  };
  auto fr = [&](const char* f, const char* e) { return std::string(lang == "fr" ? f : e); };

  if (path == "/healthz") {
    if (request.method != "GET" && request.method != "HEAD") return message(405, fr("méthode non permise", "method not allowed"));
    Response r;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "ok\n";
    return finish(std::move(r));
  }
  bool known = path == "/" || path == "/stack" || path == "/check" || path == "/login";
  if (!known) return message(404, fr("cette page n'existe pas", "no such page"));

  // The shared token: as a bearer token (scripts), or typed once into the page (a cookie).
  std::string bearer;
  if (auto auth = request.header("authorization"); auth.rfind("Bearer ", 0) == 0) bearer = auth.substr(7);
  bool bearer_ok = !settings.token.empty() && !bearer.empty() && same_secret(bearer, settings.token);
  bool authorized = settings.token.empty() || bearer_ok ||
                    same_secret(cookie_value(request.header("cookie"), kSessionCookie),
                                session_value(state_->secret, settings.token));

  if (path == "/" || (path == "/login" && request.method == "GET")) {
    if (request.method != "GET" && request.method != "HEAD") return message(405, fr("méthode non permise", "method not allowed"));
    Response r;
    if (!authorized) {
      r.status = 401;
      r.body = page_login(lang, csrf_token(state_->secret, now), false);
      return finish(std::move(r));
    }
    auto loaded = state_->current(settings.as_of.value_or(today_paris()));
    r.body = page_index(*loaded, lang, csrf_token(state_->secret, now), settings);
    return finish(std::move(r));
  }
  if (request.method != "POST") return message(405, fr("méthode non permise", "method not allowed"));

  std::string error;
  auto parts = parse_multipart(request.header("content-type"), request.body, error);
  if (!parts) return message(400, fr("formulaire illisible : ", "unreadable form: ") + error);
  // CSRF: a form must carry the token of a page this server gave; a script with the bearer
  // token needs none (a cross-site form cannot send an Authorization header).
  std::string csrf;
  for (const auto& p : *parts)
    if (p.name == "csrf" && !p.has_filename) csrf = std::string(p.data);
  if (!bearer_ok && !csrf_valid(state_->secret, csrf, now))
    return message(403, fr("le formulaire a expiré ou ne vient pas de cette page : rechargez la page et envoyez-le de nouveau",
                           "the form expired or does not come from this page: reload the page and send it again"));

  if (path == "/login") {
    std::string typed;
    for (const auto& p : *parts)
      if (p.name == "token" && !p.has_filename) typed = std::string(p.data);
    if (settings.token.empty() || !same_secret(typed, settings.token)) {
      Response r;
      r.status = 401;
      r.body = page_login(lang, csrf_token(state_->secret, now), true);
      return finish(std::move(r));
    }
    Response r;
    r.status = 303;
    r.headers.emplace_back("Location", "/?lang=" + lang);
    r.headers.emplace_back("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", kSessionCookie,
                                                     session_value(state_->secret, settings.token)));
    r.body = page_message(lang, 303, fr("jeton accepté", "token accepted"));
    return finish(std::move(r));
  }
  if (!authorized) return message(401, fr("jeton d'accès manquant ou erroné", "missing or wrong access token"));
  auto loaded = state_->current(settings.as_of.value_or(today_paris()));
  Response r = path == "/stack" ? answer_stack(*loaded, settings, *parts, lang, json)
                                : answer_check(*loaded, settings, *parts, lang, json);
  return finish(std::move(r));
}

}  // namespace cadre::serve
