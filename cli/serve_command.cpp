// SPDX-License-Identifier: Apache-2.0
// `cadre serve [--listen ADDR:PORT] [--catalog DIR]... [--rules PACK] [--trust FILE]...
// [--exceptions FILE]... [--waivers FILE]... [--lang fr|en] [--token FILE] [--max-body BYTES]
// [--deadline SECONDS] [--max-concurrent N] [--as-of DATE]`: the registrar's desk, a local web
// page for stack checks and proposal checks (docs/serve.md). One function for the command, so
// it moves whole into another argument parser.
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/version.hpp"
#include "engine/serve/desk.hpp"
#include "engine/serve/http_server.hpp"

namespace cadre::cli {

int run_serve(const ParsedArgs& parsed) {
  auto usage = [](const std::string& message) { return usage_error(*find_command("serve"), message); };
  auto number = [&](const char* name, unsigned long long low, unsigned long long high, unsigned long long& out) {
    auto text = parsed.get(name);
    if (!text) return true;
    unsigned long long n = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || end != text->data() + text->size() || n < low || n > high) return false;
    out = n;
    return true;
  };

  serve::Settings settings;
  serve::ServerOptions server;
  settings.tool_version = kVersion;
  std::string listen = parsed.get("listen").value_or("127.0.0.1:8080");
  auto colon = listen.rfind(':');
  unsigned long long port = 0;
  if (colon == std::string::npos ||
      std::from_chars(listen.data() + colon + 1, listen.data() + listen.size(), port).ptr != listen.data() + listen.size() ||
      colon + 1 == listen.size() || port > 65535)
    return usage(fmt::format("--listen takes ADDRESS:PORT (e.g. 127.0.0.1:8080, [::1]:8080), not `{}`", listen));
  server.host = listen.substr(0, colon);
  if (server.host.size() > 2 && server.host.front() == '[' && server.host.back() == ']') server.host = server.host.substr(1, server.host.size() - 2);
  server.port = static_cast<unsigned short>(port);
  unsigned long long max_body = settings.max_body_bytes, deadline = 10, concurrent = server.max_concurrent;
  if (!number("max-body", 1024, 1ull << 30, max_body)) return usage("--max-body takes a number of bytes from 1024 to 1073741824");
  if (!number("deadline", 1, 3600, deadline)) return usage("--deadline takes a number of seconds from 1 to 3600");
  if (!number("max-concurrent", 1, 1024, concurrent)) return usage("--max-concurrent takes a number from 1 to 1024");
  settings.max_body_bytes = server.max_body_bytes = max_body;
  server.deadline = std::chrono::seconds(deadline);
  server.max_concurrent = static_cast<unsigned>(concurrent);
  settings.lang = parsed.get("lang").value_or("fr");  // the parser allows fr and en only
  if (auto rules = parsed.get("rules")) settings.rules = *rules;
  if (parsed.has("as-of")) {
    Date as_of;
    if (auto error = read_as_of(parsed, as_of); !error.empty()) return usage(error);
    settings.as_of = as_of;
  }
  settings.catalogs = parsed.all("catalog");
  settings.trust = parsed.all("trust");
  settings.exceptions = parsed.all("exceptions");
  settings.waivers = parsed.all("waivers");

  if (auto token_file = parsed.get("token")) {
    std::ifstream in(*token_file, std::ios::binary);
    std::ostringstream bytes;
    if (in) bytes << in.rdbuf();
    if (!in) {
      std::cerr << fmt::format("cadre serve: error[E0501]: cannot read the token file `{}`\n", *token_file);
      return kExitError;
    }
    settings.token = bytes.str();
    while (!settings.token.empty() && (settings.token.back() == '\n' || settings.token.back() == '\r' || settings.token.back() == ' '))
      settings.token.pop_back();
    if (settings.token.size() < 16 || settings.token.find_first_of("\r\n") != std::string::npos) {
      std::cerr << fmt::format("cadre serve: error[E0502]: the token in `{}` must be one line of at least 16 characters\n", *token_file);
      return kExitError;
    }
  }
  // Safe by default: anything but loopback needs the shared secret.
  std::string address_error;
  bool loopback = serve::is_loopback(server.host, address_error);
  if (!address_error.empty()) return usage(fmt::format("--listen: {}", address_error));
  if (!loopback && settings.token.empty()) {
    std::cerr << fmt::format("cadre serve: error[E0502]: listening on {} (not loopback) needs --token FILE, a shared secret; "
                             "and for real use, a reverse proxy with the university's single sign-on in front (docs/serve.md)\n",
                             server.host);
    return kExitError;
  }

  auto desk = serve::Desk::open(settings, std::cerr);
  if (!desk) return kExitError;
  return serve::run_server(
      *desk, server,
      [&](const std::string& url) {
        std::cout << "cadre serve: listening on " << url << std::endl;  // flushed: tests read the port from it
      },
      std::cerr, std::cerr);
}

}  // namespace cadre::cli
