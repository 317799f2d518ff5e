// SPDX-License-Identifier: Apache-2.0
// The HTTP side of `cadre serve` (Boost.Beast; docs/adr: Boost.Beast for cadre serve): reads
// requests within a size limit and a deadline, hands them to the Desk on a bounded pool of
// workers, and writes the answers. The only file that includes Beast, so only it pays for
// Beast's compile time.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

#include "engine/serve/desk.hpp"

namespace cadre::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;                       // 0: any free port (the one chosen is announced)
  std::chrono::milliseconds deadline{10'000};       // reading a request, handling it, writing the answer
  unsigned max_concurrent = 8;                      // requests handled or waiting for a worker; more: 503
  unsigned workers = 0;                             // 0: one per core, at most max_concurrent
  std::size_t max_connections = 512;                // open connections; more are answered 503 and closed
  std::size_t max_body_bytes = 20u << 20;           // 413 beyond
};

/// Whether `host` is a loopback address (127.0.0.0/8, ::1, "localhost").
bool is_loopback(const std::string& host, std::string& error);

/// Listens and serves until SIGINT or SIGTERM. `announce` receives "http://ADDRESS:PORT/" once
/// listening; `log` one line per request (method, path, status, bytes, milliseconds — nothing
/// else: no query, no header, no content). Returns 0 after a clean stop, 2 when it cannot listen.
int run_server(const Desk& desk, const ServerOptions& options, const std::function<void(const std::string&)>& announce,
               std::ostream& log, std::ostream& err);

}  // namespace cadre::serve
