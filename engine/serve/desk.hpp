// SPDX-License-Identifier: Apache-2.0
// `cadre serve`'s request handling, without sockets: a registrar's desk that answers HTTP
// requests (method, target, headers, body) with pages. Everything it needs — packs, the
// catalogue, exceptions, waivers, trust lists — is loaded once by open(); a request can never
// name a path on the server, and what it uploads lives in memory for that request only.
// handle() is const and thread-safe: the HTTP server (http_server.hpp) calls it from workers.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/calendar.hpp"

namespace cadre::serve {

struct Settings {
  std::vector<std::string> catalogs;    // --catalog: record files and directories (pathways, courses, …)
  std::vector<std::string> exceptions;  // --exceptions
  std::vector<std::string> waivers;     // --waivers
  std::vector<std::string> trust;       // --trust
  std::string rules = "dfcu-2023";      // --rules
  std::string lang = "fr";              // --lang: when neither ?lang= nor Accept-Language says
  std::optional<Date> as_of;            // --as-of (tests); default: the day of each request
  std::string token;                    // the shared secret of --token FILE; empty: none asked
  std::size_t max_body_bytes = 20u << 20;  // --max-body: larger requests get 413
  std::string tool_version;
};

struct Request {
  std::string method;
  std::string target;                        // path and query, as sent
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string header(const std::string& lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra ones (Set-Cookie, Location, Retry-After)
};

class Desk {
 public:
  /// Loads everything `settings` names; nullptr (with the reasons written to `err`) when a
  /// file does not load or check, as `cadre stack` would refuse it.
  static std::unique_ptr<Desk> open(const Settings& settings, std::ostream& err);
  ~Desk();

  /// The answer to one request. Never throws for anything a client sends.
  Response handle(const Request& request) const;

  /// A refusal the HTTP layer gives before a request reaches handle() (413 too large, 503
  /// busy or too slow, 400 malformed), as a page in the request's language, with the
  /// security headers every answer carries.
  Response refusal(int status, const Request& request) const;

  std::size_t pathway_count() const;

  struct State;

 private:
  explicit Desk(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// The headers every answer carries: no caching of personal data, no framing, no sniffing,
/// and a Content-Security-Policy that allows no script at all and only the <style> blocks
/// `html` holds, by their SHA-256 (so the jury page's renderer can change its styles freely).
void add_security_headers(Response& response);

}  // namespace cadre::serve
